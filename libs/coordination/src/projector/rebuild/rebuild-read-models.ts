import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { LogPosition, PostgresEventStore } from '@ta/event-store';
import type { ReadModelName } from '../../read-models/projection';
import { RowCache } from '../writing/row-cache';
import { finishFoldedTables } from './rebuild-finish';
import { loadNewTables } from './rebuild-load';
import { withRebuildLock } from './rebuild-lock';
import { planRebuild, type RebuildOptions } from './rebuild-plan';
import type { RebuildRun } from './rebuild-run';
import { catchUpAndSwap } from './rebuild-swap';
import { withWriters } from './rebuild-writers';

export { REBUILD_SUFFIX, type RebuildOptions } from './rebuild-plan';

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
 * transaction, while the API keeps serving the old ones. One rebuild at a time (`withRebuildLock`).
 *
 * 1. Load (`loadNewTables`): `<table>__rebuild` tables, with their primary key only (none for a
 *    table computed from the log), filled page by page from `readAllCompact`, the read models
 *    computed from the log by PostgreSQL beside them.
 * 2. Finish (`finishFoldedTables`): keys, secondary indexes (built by sorting), VACUUM (ANALYZE);
 *    with `unlogged`, SET LOGGED first (a swapped-in table must survive a server crash).
 * 3. Swap (`catchUpAndSwap`): fence the live projector, catch up, swap the tables, move the
 *    checkpoint (a rebuild of all) or stop at it (a rebuild of some).
 */
export async function rebuildReadModels(pool: Pool, store: PostgresEventStore, dataSource: DataSource, options: RebuildOptions = {}): Promise<RebuildResult> {
  const plan = planRebuild(dataSource, options);
  const started = performance.now();
  return withRebuildLock(pool, plan.consumer, () =>
    withWriters(pool, plan.writers, async (writers) => {
      const times = { indexes: 0, logged: 0, vacuum: 0 };
      const run: RebuildRun = { pool, store, plan, writers, cache: new RowCache(), times, onProgress: options.onProgress };
      const loaded = await loadNewTables(run);
      const loadedAt = performance.now();
      await finishFoldedTables(run);
      const swapping = performance.now();
      const swapped = await catchUpAndSwap(run, loaded.position, options.swap !== false);
      const done = loaded.done + swapped.events;
      options.onProgress?.(done, Math.max(loaded.total, done));
      const seconds = (performance.now() - started) / 1000;
      const round = (x: number) => Math.round(x * 100) / 100;
      const phases = {
        load: round((loadedAt - started) / 1000),
        indexes: round(times.indexes),
        logged: round(times.logged),
        vacuum: round(times.vacuum),
        swap: round((performance.now() - swapping) / 1000),
      };
      return { models: plan.models, events: done, seconds, eventsPerSecond: done / seconds, position: swapped.position, phases };
    }),
  );
}
