import type { PoolClient } from 'pg';
import { compareLogPositions, countEvents, LOG_START, type LogPosition } from '@ta/event-store';
import { historyDdl, historyTable, READ_MODELS, TEMPORAL_READ_MODELS } from '../../read-models/read-models';
import { foldPages } from './fold-pages';
import { finishingSession, finishTable } from './rebuild-finish';
import { newTable, REBUILD_SUFFIX, stopAt, type RebuildPlan } from './rebuild-plan';
import type { RebuildRun } from './rebuild-run';

/** Where the load ended: the last event read, the events read, the log's size as it began. */
export interface Loaded {
  readonly position: LogPosition;
  readonly done: number;
  readonly total: number;
}

/**
 * Creates the new tables and fills them:
 * - the folded read models from pages of the log (`foldPages`);
 * - beside them, on a connection of their own, the read models PostgreSQL computes from the log
 *   (`LogProjection`), which need nothing from Node: up to the log's readable head as the load
 *   begins (the live checkpoint for a partial rebuild), range by range (`LogTable.loadRange`),
 *   then finished (key, indexes, vacuum) while Node still folds the others; the events the fold
 *   read past that head (appended meanwhile) are added when it ends.
 */
export async function loadNewTables(run: RebuildRun): Promise<Loaded> {
  const { pool, store, plan, writers, times } = run;
  await createNewTables(writers.clients[0]!, plan);
  const total = await countEvents(pool);
  const limit = await stopAt(pool, plan);
  const fromLog = plan.tables.logTables.length > 0 ? await pool.connect() : null;
  const head = await store.readableHead();
  const logEnd = limit && compareLogPositions(limit, head) < 0 ? limit : head;
  const logLoad = fromLog
    ? finishingSession(fromLog, async () => {
        await loadLogRange(fromLog, plan, LOG_START, logEnd);
        for (const i of plan.logKeys.keys()) await finishTable(fromLog, plan, i, times);
      })
    : Promise.resolve();
  logLoad.catch(() => undefined); // awaited below; no unhandled rejection meanwhile
  try {
    // Nothing to fold (only read models computed from the log): PostgreSQL does it all.
    const folded =
      plan.tables.codecs.length === 0
        ? { position: logEnd, done: total }
        : await foldPages(run, { position: LOG_START, done: 0, total, limit });
    await logLoad;
    // The events read past the log tables' end (appended since the rebuild began).
    if (fromLog) await loadLogRange(fromLog, plan, logEnd, folded.position);
    return { ...folded, total };
  } finally {
    await logLoad.catch(() => undefined); // never release the connection under a running statement
    fromLog?.release();
  }
}

/**
 * The new tables, with their primary key only (none for a table computed from the log: see
 * `RebuildPlan.logKeys`), UNLOGGED with `plan.unlogged`.
 */
async function createNewTables(writer: PoolClient, plan: RebuildPlan): Promise<void> {
  for (const [i, name] of plan.models.entries()) {
    const t = newTable(name);
    await writer.query(`DROP TABLE IF EXISTS ${t}`);
    const create = READ_MODELS[name].ddl(t).create;
    await writer.query(plan.unlogged ? create.replace(/^CREATE TABLE /, 'CREATE UNLOGGED TABLE ') : create);
    if (plan.logKeys.has(i)) await writer.query(`ALTER TABLE ${t} DROP CONSTRAINT ${name}${REBUILD_SUFFIX}_pkey`);
    // A temporal read model's history table: no index during the load (built in `finishTable`).
    const key = TEMPORAL_READ_MODELS.get(name);
    if (key) {
      const h = historyTable(name, REBUILD_SUFFIX);
      await writer.query(`DROP TABLE IF EXISTS ${h}`);
      for (const statement of historyDdl(t, h, `${name}_history${REBUILD_SUFFIX}`, key).create) await writer.query(statement);
      if (plan.unlogged) await writer.query(`ALTER TABLE ${h} SET UNLOGGED`);
    }
  }
}

/** The log tables' rows of the events after `after`, up to `to`: `pageSize` events per transaction (see `LogTable.loadRange`). */
async function loadLogRange(client: PoolClient, plan: RebuildPlan, after: LogPosition, to: LogPosition): Promise<void> {
  if (compareLogPositions(after, to) >= 0) return;
  for (const t of plan.tables.logTables) await client.query(t.loadRange(after, to, plan.pageSize, REBUILD_SUFFIX));
}
