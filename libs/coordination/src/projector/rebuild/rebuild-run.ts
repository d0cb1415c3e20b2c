import type { Pool } from 'pg';
import type { PostgresEventStore } from '@ta/event-store';
import type { RowCache } from '../writing/row-cache';
import type { RebuildPlan } from './rebuild-plan';
import type { RebuildWriters } from './rebuild-writers';

/** Seconds spent finishing tables, summed over the connections (not wall time). */
export interface FinishTimes {
  /** Keys and secondary indexes. */
  indexes: number;
  /** SET LOGGED (with `unlogged`). */
  logged: number;
  vacuum: number;
}

/** A rebuild under way: what its steps share. */
export interface RebuildRun {
  readonly pool: Pool;
  readonly store: PostgresEventStore;
  readonly plan: RebuildPlan;
  readonly writers: RebuildWriters;
  /** Rows written to the new tables, kept between pages (and for the catch-up). */
  readonly cache: RowCache;
  /** Summed as tables are finished. */
  readonly times: FinishTimes;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}
