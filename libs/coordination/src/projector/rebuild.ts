import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { checkpoints, compareLogPositions, countEvents, LOG_START, type CompactEvent, type LogPosition, type PostgresEventStore } from '@ta/event-store';
import { projectable, PROJECTED_METADATA } from '../read-models/case-event';
import { isLogProjection, READ_MODEL_NAMES, type ReadModelName } from '../read-models/projection';
import { COORDINATION_SCHEMA, qualifiedTable, READ_MODELS } from '../read-models/read-models';
import type { Sql } from '../sql';
import { COORDINATION_CONSUMER } from './coordination-projector';
import { foldBatch, projectBatch, writeChanges } from './writing/apply-batch';
import { tablesFor } from './writing/read-model-tables';
import { RowCache } from './writing/row-cache';

export const REBUILD_SUFFIX = '__rebuild';

export interface RebuildOptions {
  /** Default: all read models. */
  readonly models?: readonly ReadModelName[];
  /** Events per read page (max 10,000, the default). */
  readonly pageSize?: number;
  readonly consumer?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Build the new tables but do not swap them in (tests compare them with the live ones). */
  readonly swap?: boolean;
  /** Writer connections during the load (default 1: on 2 busy cores, 3 were slower; the pool needs 2 more). */
  readonly writers?: number;
  /**
   * Load into UNLOGGED tables, made LOGGED before their indexes are built (default false: the
   * tables are LOGGED throughout; their WAL is written while the load waits on Node, which
   * measured faster than rewriting them at the end).
   */
  readonly unlogged?: boolean;
  /** Connections building keys and indexes and making tables LOGGED after the load (default 2, one per core here). */
  readonly finishers?: number;
}

export interface RebuildResult {
  readonly models: readonly ReadModelName[];
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly position: LogPosition;
  /**
   * Seconds spent loading the new tables; building keys and indexes, making them LOGGED (with
   * `unlogged`) and vacuuming them (summed over the finishing connections, not wall time);
   * catching up and swapping.
   */
  readonly phases: { readonly load: number; readonly indexes: number; readonly logged: number; readonly vacuum: number; readonly swap: number };
}

/**
 * Rebuilds read models from the whole event store into new tables, then swaps them in, in one
 * transaction, while the API keeps serving the old ones:
 *
 * 1. `<table>__rebuild` tables, with their primary key only (none for a table computed from
 *    the log), are filled page by page from `readAllCompact` (constant memory: one page and its
 *    touched rows at a time; the next page is read while the current one is written), with
 *    `INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE`. A read model computed from the
 *    log (`LogProjection`) is filled by PostgreSQL on a connection of its own meanwhile: up to
 *    the log's readable head as the rebuild began, `pageSize` events per transaction
 *    (`LogTable.loadRange`), then its key, indexes and vacuum (step 2), while Node still folds
 *    the others; the events the fold read past that head are added when it ends.
 * 2. Log tables get their primary key, every table its secondary indexes (built by sorting),
 *    then VACUUM (ANALYZE): the folded tables after the load, on two connections.
 *    With `unlogged`, the tables were loaded UNLOGGED and are first made LOGGED: a swapped-in
 *    table must survive a server crash (an UNLOGGED table is emptied by crash recovery while
 *    the checkpoint would stay).
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
  const pageSize = options.pageSize ?? 10_000;
  const unlogged = options.unlogged ?? false;
  const tables = tablesFor(dataSource, models);
  const { codecs, logTables } = tables;
  // The read models computed from the log (by index in `models`): one row per event, only ever
  // inserted, so their tables get their primary key after the load (built by sorting, not row
  // by row into a b-tree of random uuids).
  const logKeys = new Map<number, string>();
  for (const [i, name] of models.entries()) {
    const p = READ_MODELS[name].projection;
    if (isLogProjection(p)) logKeys.set(i, p.keyColumn);
  }
  const started = performance.now();

  const lock = await pool.connect();
  const locked = (await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok', [`coordination:rebuild:${consumer}`])).rows[0]!.ok;
  if (!locked) {
    lock.release();
    throw new Error('another rebuild of the coordination read models is running');
  }
  // A few writer connections, each read model on one of them: its loads and writes go in order
  // on that connection (a load never overtakes an earlier write of the same table), the
  // connections in parallel. The pool needs `writers` + 3 free connections (lock, reads, the
  // log tables' connection).
  const writers: PoolClient[] = [];
  const writerCount = Math.max(1, Math.min(codecs.length, options.writers ?? 1));
  try {
    for (let i = 0; i < writerCount; i++) writers.push(await pool.connect());
  } catch (e) {
    for (const w of writers) w.release();
    await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`coordination:rebuild:${consumer}`]).catch(() => undefined);
    lock.release();
    throw e;
  }
  // Statements on one writer run one after the other, in the order they were issued (chained
  // here rather than left to pg's internal queue, which is deprecated).
  const serial = (client: PoolClient): Sql => {
    let tail: Promise<unknown> = Promise.resolve();
    return (text, params) => {
      const run = tail.then(() => client.query(text, params));
      tail = run.catch(() => undefined);
      return run.then((r) => r.rows);
    };
  };
  const sqls = writers.map(serial);
  const sqlOf = (i: number) => sqls[i % writerCount]!;
  const writer = writers[0]!;
  const sql = sqls[0]!;
  const cache = new RowCache();
  try {
    // The new tables are worthless until swapped in: no need to wait for the WAL flush of each
    // statement (the final, swapping transaction commits synchronously).
    for (const w of writers) await w.query('SET synchronous_commit = off');
    for (const [i, name] of models.entries()) {
      const t = qualifiedTable(name + REBUILD_SUFFIX);
      await writer.query(`DROP TABLE IF EXISTS ${t}`);
      const create = READ_MODELS[name].ddl(t).create;
      await writer.query(unlogged ? create.replace(/^CREATE TABLE /, 'CREATE UNLOGGED TABLE ') : create);
      if (logKeys.has(i)) await writer.query(`ALTER TABLE ${t} DROP CONSTRAINT ${name}${REBUILD_SUFFIX}_pkey`);
    }
    const total = await countEvents(pool);
    let done = 0;
    let position: LogPosition = LOG_START;
    // A partial rebuild must not pass the live checkpoint (the other tables are there).
    const limitOf = async (): Promise<LogPosition | null> => (all ? null : await checkpointOf(pool, consumer));

    let indexSeconds = 0;
    let loggedSeconds = 0;
    let vacuumSeconds = 0;
    // (With `unlogged`: SET LOGGED, a rewrite of the table into the WAL, after which it survives
    // a crash like any table.) The primary key of a log table, secondary indexes (built by
    // sorting: `maintenance_work_mem` sorts a million keys in memory), VACUUM (ANALYZE).
    const finishTable = async (w: PoolClient, i: number): Promise<void> => {
      const name = models[i]!;
      const t = qualifiedTable(name + REBUILD_SUFFIX);
      const t0 = performance.now();
      // First (SET LOGGED rewrites the table and rebuilds every index it has).
      if (unlogged) await w.query(`ALTER TABLE ${t} SET LOGGED`);
      const t1 = performance.now();
      const key = logKeys.get(i);
      if (key) await w.query(`ALTER TABLE ${t} ADD PRIMARY KEY (${key})`);
      for (const index of READ_MODELS[name].ddl(t).indexes(name + REBUILD_SUFFIX)) await w.query(index);
      const t2 = performance.now();
      // Before the swap, what autovacuum would otherwise do just after it, under live traffic:
      // statistics (queries on a fresh table are planned blind until then) and the first
      // vacuum of a freshly loaded table (hint bits, visibility map).
      await w.query(`VACUUM (ANALYZE) ${t}`);
      loggedSeconds += (t1 - t0) / 1000;
      indexSeconds += (t2 - t1) / 1000;
      vacuumSeconds += (performance.now() - t2) / 1000;
    };
    const finishingSession = async (w: PoolClient, work: () => Promise<void>): Promise<void> => {
      await w.query('SET synchronous_commit = off');
      await w.query(`SET maintenance_work_mem = '256MB'`);
      try {
        await work();
      } finally {
        await w.query('RESET synchronous_commit').catch(() => undefined);
        await w.query('RESET maintenance_work_mem').catch(() => undefined);
      }
    };

    let limit = await limitOf();
    // The read models PostgreSQL computes from the log need nothing from Node: on a connection
    // of their own, they are loaded up to the log's readable head as the rebuild starts (the
    // live checkpoint for a partial rebuild), range by range, then finished (keys, indexes,
    // vacuum), all while Node folds the other tables. Events the fold reads past that head are
    // added at the end.
    const fromLog = logTables.length > 0 ? await pool.connect() : null;
    const head = await store.readableHead();
    const logEnd = limit && compareLogPositions(limit, head) < 0 ? limit : head;
    // `pageSize` events per transaction (see `LogTable.loadRange`).
    const loadLogRange = async (client: PoolClient, after: LogPosition, to: LogPosition): Promise<void> => {
      if (compareLogPositions(after, to) >= 0) return;
      for (const t of logTables) await client.query(t.loadRange(after, to, pageSize, REBUILD_SUFFIX));
    };
    const logLoad = fromLog
      ? finishingSession(fromLog, async () => {
          await loadLogRange(fromLog, LOG_START, logEnd);
          for (const i of logKeys.keys()) await finishTable(fromLog, i);
        })
      : Promise.resolve();
    logLoad.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
    try {
      // Nothing to fold (only read models computed from the log): PostgreSQL does it all.
      if (codecs.length === 0) {
        position = logEnd;
        done = total;
      }
      let next = codecs.length === 0 ? Promise.resolve([]) : readPage(store, position, pageSize, limit);
      // One page's writes in flight while the next page is read and folded.
      let writing: Promise<unknown> = Promise.resolve();
      for (;;) {
        const page = await next;
        if (page.length === 0) {
          if (!all && codecs.length > 0) {
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
        next.catch(() => undefined); // awaited above or below; no unhandled rejection meanwhile
        const events = projectable(page);
        const changes = (await Promise.all(codecs.map((codec, i) => foldBatch(sqlOf(i), [codec], events, REBUILD_SUFFIX, cache)))).flat();
        await writing;
        // One statement per writer for all its tables (a round trip each: Node is busy parsing
        // the next page meanwhile, and every response waits for a turn of its event loop).
        writing = Promise.all(
          sqls.map((writerSql, w) =>
            writeChanges(
              writerSql,
              changes.filter(({ codec }) => codecs.indexOf(codec) % writerCount === w),
              REBUILD_SUFFIX,
            ),
          ),
        );
        writing.catch(() => undefined);
        done += page.length;
        options.onProgress?.(done, Math.max(total, done));
      }
      await writing;
      await next.catch(() => undefined);
      await logLoad;
      // The events read past the log tables' end (appended since the rebuild began).
      if (fromLog) await loadLogRange(fromLog, logEnd, position);
    } finally {
      await logLoad.catch(() => undefined); // never release the connection under a running statement
      fromLog?.release();
    }
    const loaded = performance.now();

    // The folded tables, a table at a time on each of `finishers` connections of their own
    // (sorts are CPU-bound: one per core).
    const queue = [...models.keys()].filter((i) => !logKeys.has(i));
    const finish = (w: PoolClient): Promise<void> =>
      finishingSession(w, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) await finishTable(w, i);
      });
    const finishers = Math.max(1, Math.min(queue.length, options.finishers ?? 2));
    await Promise.all(
      Array.from({ length: finishers }, async (_, k) => {
        // The writers are idle now: reuse them, and borrow from the pool for the rest.
        const own = k < writers.length ? null : await pool.connect();
        try {
          await finish(own ?? writers[k]!);
        } finally {
          own?.release();
        }
      }),
    );

    const swapping = performance.now();
    // The final step: fence the live projector, catch up, swap.
    await writer.query('SET synchronous_commit = on');
    await writer.query('BEGIN');
    await checkpoints.ensure(writer, consumer);
    const checkpoint = await checkpointOf(writer, consumer, true);
    for (;;) {
      const page = await store.readAllWith(writer, { after: position, limit: pageSize });
      const upTo = all ? page : page.filter((e) => compareLogPositions(e.logPosition, checkpoint) <= 0);
      if (upTo.length === 0) break;
      await projectBatch(sql, tables, projectable(upTo), REBUILD_SUFFIX, cache);
      position = upTo[upTo.length - 1]!.logPosition;
      done += upTo.length;
      if (upTo.length < page.length) break;
    }
    if (options.swap !== false) {
      for (const name of models) await swapIn(writer, name);
      if (all) {
        await checkpoints.move(writer, consumer, position);
      }
    }
    await writer.query('COMMIT');
    options.onProgress?.(done, Math.max(total, done));
    const seconds = (performance.now() - started) / 1000;
    const round = (x: number) => Math.round(x * 100) / 100;
    const phases = {
      load: round((loaded - started) / 1000),
      indexes: round(indexSeconds),
      logged: round(loggedSeconds),
      vacuum: round(vacuumSeconds),
      swap: round((performance.now() - swapping) / 1000),
    };
    return { models, events: done, seconds, eventsPerSecond: done / seconds, position, phases };
  } catch (e) {
    await writer.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    for (const w of writers) {
      await w.query('RESET synchronous_commit').catch(() => undefined);
      w.release();
    }
    await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`coordination:rebuild:${consumer}`]).catch(() => undefined);
    lock.release();
  }
}

/** A page of the log, as compact as the projections allow, up to `upTo` (all when null). */
async function readPage(store: PostgresEventStore, after: LogPosition, limit: number, upTo: LogPosition | null): Promise<CompactEvent[]> {
  const page = await store.readAllCompact({ after, limit, metadataKeys: PROJECTED_METADATA });
  if (!upTo) return page;
  return page.filter((e) => compareLogPositions(e.logPosition, upTo) <= 0);
}

async function checkpointOf(db: Pool | PoolClient, consumer: string, forUpdate = false): Promise<LogPosition> {
  return (await checkpoints.read(db, consumer, { forUpdate })) ?? LOG_START;
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
