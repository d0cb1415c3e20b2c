import type { PoolClient } from 'pg';
import { historyDdl, historyTable, READ_MODELS, TEMPORAL_READ_MODELS } from '../../read-models/read-models';
import { newTable, REBUILD_SUFFIX, type RebuildPlan } from './rebuild-plan';
import type { FinishTimes, RebuildRun } from './rebuild-run';

/**
 * Finishes the `i`-th read model's new table, on `w`: (with `unlogged`: SET LOGGED, a rewrite of
 * the table into the WAL, after which it survives a crash like any table) the primary key of a
 * log table, its secondary indexes (built by sorting: `maintenance_work_mem` sorts a million keys
 * in memory), VACUUM (ANALYZE).
 */
export async function finishTable(w: PoolClient, plan: RebuildPlan, i: number, times: FinishTimes): Promise<void> {
  const name = plan.models[i]!;
  const t = newTable(name);
  const t0 = performance.now();
  // First (SET LOGGED rewrites the table and rebuilds every index it has).
  const temporalKey = TEMPORAL_READ_MODELS.get(name);
  const h = historyTable(name, REBUILD_SUFFIX);
  if (plan.unlogged) await w.query(`ALTER TABLE ${t} SET LOGGED`);
  if (plan.unlogged && temporalKey) await w.query(`ALTER TABLE ${h} SET LOGGED`);
  const t1 = performance.now();
  const key = plan.logKeys.get(i);
  if (key) await w.query(`ALTER TABLE ${t} ADD PRIMARY KEY (${key})`);
  for (const index of READ_MODELS[name].ddl(t).indexes(name + REBUILD_SUFFIX)) await w.query(index);
  if (temporalKey) for (const index of historyDdl(t, h, `${name}_history${REBUILD_SUFFIX}`, temporalKey).indexes) await w.query(index);
  const t2 = performance.now();
  // Before the swap, what autovacuum would otherwise do just after it, under live traffic:
  // statistics (queries on a fresh table are planned blind until then) and the first
  // vacuum of a freshly loaded table (hint bits, visibility map).
  await w.query(`VACUUM (ANALYZE) ${t}`);
  if (temporalKey) await w.query(`VACUUM (ANALYZE) ${h}`);
  times.logged += (t1 - t0) / 1000;
  times.indexes += (t2 - t1) / 1000;
  times.vacuum += (performance.now() - t2) / 1000;
}

/** Runs `work` on `w` set for building: asynchronous commit, `maintenance_work_mem` for in-memory sorts. */
export async function finishingSession(w: PoolClient, work: () => Promise<void>): Promise<void> {
  await w.query('SET synchronous_commit = off');
  await w.query(`SET maintenance_work_mem = '256MB'`);
  try {
    await work();
  } finally {
    await w.query('RESET synchronous_commit').catch(() => undefined);
    await w.query('RESET maintenance_work_mem').catch(() => undefined);
  }
}

/**
 * Finishes the folded read models' tables (the log tables were finished during the load), a
 * table at a time on each of `plan.finishers` connections (sorts are CPU-bound: one per core).
 * The writers are idle by now: they are reused, and the rest borrowed from the pool.
 */
export async function finishFoldedTables({ pool, writers: { clients: writers }, plan, times }: RebuildRun): Promise<void> {
  const queue = [...plan.models.keys()].filter((i) => !plan.logKeys.has(i));
  await Promise.all(
    Array.from({ length: plan.finishers }, async (_, k) => {
      const own = k < writers.length ? null : await pool.connect();
      const w = own ?? writers[k]!;
      try {
        await finishingSession(w, async () => {
          for (let i = queue.shift(); i !== undefined; i = queue.shift()) await finishTable(w, plan, i, times);
        });
      } finally {
        own?.release();
      }
    }),
  );
}
