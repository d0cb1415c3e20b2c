import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { compareLogPositions, LOG_START, type LogPosition, type PostgresEventStore, type RecordedEvent } from '@ta/event-store';
import { READ_MODEL_NAMES, type ReadModelName } from '../read-models/projection';
import { COORDINATION_SCHEMA, qualifiedTable, READ_MODELS } from '../read-models/read-models';
import { foldBatch, projectable, projectBatch, RowCache, writeBatch } from './apply-batch';
import { COORDINATION_CONSUMER } from './coordination-projector';
import { codecsFor } from './data-source';
import type { Sql } from './table-codec';

export const REBUILD_SUFFIX = '__rebuild';

export interface RebuildOptions {
  /** Default: all read models. */
  readonly models?: readonly ReadModelName[];
  /** Events per read page (max 10,000). */
  readonly pageSize?: number;
  readonly consumer?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Build the new tables but do not swap them in (tests compare them with the live ones). */
  readonly swap?: boolean;
}

export interface RebuildResult {
  readonly models: readonly ReadModelName[];
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly position: LogPosition;
}

/**
 * Rebuilds read models from the whole event store into new tables, then swaps them in, in one
 * transaction, while the API keeps serving the old ones:
 *
 * 1. `<table>__rebuild` tables (primary key only) are filled page by page from `readAll`
 *    (constant memory: one page and its touched rows at a time; the next page is read while
 *    the current one is written).
 * 2. Secondary indexes are built on the new tables.
 * 3. One transaction takes the projector's checkpoint row FOR UPDATE (the live projector waits),
 *    applies the last events, drops the old tables, renames the new ones and their indexes,
 *    and, when ALL read models were rebuilt, moves the checkpoint to where the rebuild ended.
 *    A rebuild of SOME read models stops exactly at the live checkpoint instead, so that every
 *    table stays at the same position.
 */
export async function rebuildReadModels(pool: Pool, store: PostgresEventStore, dataSource: DataSource, options: RebuildOptions = {}): Promise<RebuildResult> {
  const models = options.models && options.models.length > 0 ? [...new Set(options.models)] : [...READ_MODEL_NAMES];
  const all = READ_MODEL_NAMES.every((m) => models.includes(m));
  const consumer = options.consumer ?? COORDINATION_CONSUMER;
  const pageSize = options.pageSize ?? 5000;
  const codecs = codecsFor(dataSource, models);
  const started = performance.now();

  const lock = await pool.connect();
  const locked = (await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [`coordination:rebuild:${consumer}`])).rows[0]!.ok;
  if (!locked) {
    lock.release();
    throw new Error('another rebuild of the coordination read models is running');
  }
  const writer = await pool.connect();
  const sql: Sql = async (text, params) => (await writer.query(text, params)).rows;
  const cache = new RowCache();
  try {
    // The new tables are worthless until swapped in: no need to wait for the WAL flush of each
    // page (the final, swapping transaction commits synchronously).
    await writer.query('SET synchronous_commit = off');
    for (const name of models) {
      const t = qualifiedTable(name + REBUILD_SUFFIX);
      await writer.query(`DROP TABLE IF EXISTS ${t}`);
      await writer.query(READ_MODELS[name].ddl(t).create);
    }
    const total = Number((await pool.query('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
    let done = 0;
    let position: LogPosition = LOG_START;
    // A partial rebuild must not pass the live checkpoint (the other tables are there).
    const limitOf = async (): Promise<LogPosition | null> => (all ? null : await checkpointOf(pool, consumer));

    let limit = await limitOf();
    let next = readPage(store, position, pageSize, limit);
    // One page's writes in flight while the next page is read and folded (the writer's
    // statements queue on its connection in order, so a load never overtakes a write).
    let writing: Promise<void> = Promise.resolve();
    for (;;) {
      const page = await next;
      if (page.length === 0) {
        if (!all) {
          const moved = await limitOf();
          if (moved && limit && compareLogPositions(moved, limit) > 0) {
            limit = moved;
            next = readPage(store, position, pageSize, limit);
            continue;
          }
        }
        break;
      }
      position = page[page.length - 1]!.logPosition;
      next = readPage(store, position, pageSize, limit); // read ahead while this page is written
      const changes = await foldBatch(sql, codecs, projectable(page), REBUILD_SUFFIX, cache);
      await writing;
      writing = (async () => {
        await writer.query('BEGIN');
        await writeBatch(sql, changes, REBUILD_SUFFIX);
        await writer.query('COMMIT');
      })();
      writing.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
      done += page.length;
      options.onProgress?.(done, Math.max(total, done));
    }
    await writing;
    await next.catch(() => undefined);

    for (const name of models) {
      for (const index of READ_MODELS[name].ddl(qualifiedTable(name + REBUILD_SUFFIX)).indexes(name + REBUILD_SUFFIX)) await writer.query(index);
    }

    // The final step: fence the live projector, catch up, swap.
    await writer.query('SET synchronous_commit = on');
    await writer.query('BEGIN');
    await writer.query('INSERT INTO event_store.consumers(name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [consumer]);
    const checkpoint = await checkpointOf(writer, consumer, true);
    for (;;) {
      const page = await store.readAllWith(writer, { after: position, limit: pageSize });
      const upTo = all ? page : page.filter((e) => compareLogPositions(e.logPosition, checkpoint) <= 0);
      if (upTo.length === 0) break;
      await projectBatch(sql, codecs, projectable(upTo), REBUILD_SUFFIX, cache);
      position = upTo[upTo.length - 1]!.logPosition;
      done += upTo.length;
      if (upTo.length < page.length) break;
    }
    if (options.swap !== false) {
      for (const name of models) await swapIn(writer, name);
      if (all) {
        await writer.query('UPDATE event_store.consumers SET commit_order = $2, global_position = $3, updated_at = now() WHERE name = $1', [
          consumer,
          position.commit,
          position.position,
        ]);
      }
    }
    await writer.query('COMMIT');
    options.onProgress?.(done, Math.max(total, done));
    const seconds = (performance.now() - started) / 1000;
    return { models, events: done, seconds, eventsPerSecond: done / seconds, position };
  } catch (e) {
    await writer.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await writer.query('RESET synchronous_commit').catch(() => undefined);
    writer.release();
    await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`coordination:rebuild:${consumer}`]).catch(() => undefined);
    lock.release();
  }
}

async function readPage(store: PostgresEventStore, after: LogPosition, limit: number, upTo: LogPosition | null): Promise<RecordedEvent[]> {
  const page = await store.readAll({ after, limit });
  if (!upTo) return page;
  return page.filter((e) => compareLogPositions(e.logPosition, upTo) <= 0);
}

async function checkpointOf(db: Pool | PoolClient, consumer: string, forUpdate = false): Promise<LogPosition> {
  const { rows } = await db.query<{ c: string; p: string }>(
    `SELECT commit_order::text AS c, global_position::text AS p FROM event_store.consumers WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [consumer],
  );
  return rows.length === 0 ? LOG_START : { commit: rows[0]!.c, position: Number(rows[0]!.p) };
}

/** Inside the caller's transaction: the new table (and its indexes) take the old one's names. */
async function swapIn(client: PoolClient, name: ReadModelName): Promise<void> {
  const fresh = name + REBUILD_SUFFIX;
  await client.query(`DROP TABLE IF EXISTS ${qualifiedTable(name)}`);
  await client.query(`ALTER TABLE ${qualifiedTable(fresh)} RENAME TO ${name}`);
  const { rows } = await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', [
    COORDINATION_SCHEMA,
    name,
  ]);
  for (const { indexname } of rows) {
    if (indexname.startsWith(fresh)) {
      await client.query(`ALTER INDEX ${COORDINATION_SCHEMA}.${indexname} RENAME TO ${name}${indexname.slice(fresh.length)}`);
    }
  }
}

/** The rebuild's progress bar, on stderr. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  const started = performance.now();
  let lastDraw = 0;
  let lastDecile = -1;
  return (done, total) => {
    const now = performance.now();
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const rate = Math.round(done / Math.max(0.001, (now - started) / 1000));
    const text = `rebuild ${String(Math.round(fraction * 100)).padStart(3)}% ${done}/${total} events, ${rate} events/s`;
    if (stream.isTTY) {
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}${done >= total ? '\n' : ''}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${text}\n`);
    }
  };
}
