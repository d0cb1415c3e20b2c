import { ValidationError } from '@ta/core';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { EventStore } from '@ta/event-store';
import { summaryAsOf } from '../as-of/as-of';
import { waitForPosition } from '../projector/read-your-writes';
import { CoordinationQueries } from './coordination.queries';
import { ReadModelQueries, type ListOptions } from './read-model.queries';
import type { Viewer } from '../access/request-visibility';

export interface CoordinationReadOptions {
  /** Default `olderThanDays` of gaps (COORDINATION_GAP_DAYS, 90). */
  readonly gapDays: number;
  /** How long a query with `minPosition` waits for the projector (5 s). */
  readonly waitTimeoutMs: number;
  readonly consumer: string;
}

/** What the controllers share: the queries, read-your-writes, "as of" (one fold at a time). */
export class CoordinationReader {
  readonly rows: ReadModelQueries;
  readonly coordination: CoordinationQueries;
  private asOfQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    dataSource: DataSource,
    readonly options: CoordinationReadOptions,
  ) {
    this.rows = new ReadModelQueries(dataSource);
    this.coordination = new CoordinationQueries(this.rows.sql, this.rows);
  }

  /** Read-your-writes: `minPosition` is the `globalPosition` a command returned. */
  async consistent(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition === 0) return;
    await waitForPosition(this.pool, minPosition, { timeoutMs: this.options.waitTimeoutMs, consumer: this.options.consumer });
  }

  /** Folds are CPU-heavy and long: one at a time per process, the others queue. */
  summaryAsOf(asOf: Date, gapDays: number, viewer: Viewer) {
    if (asOf.getTime() > Date.now() + 1000) {
      throw new ValidationError('coordination.as_of_in_future', 'asOf must not be in the future', [{ path: '/query/asOf', message: 'is in the future' }]);
    }
    const run = this.asOfQueue.then(() => summaryAsOf(this.store, asOf, gapDays, viewer));
    this.asOfQueue = run.catch(() => undefined);
    return run;
  }
}

/** The page of a paginated answer, from the parsed `limit` and `cursor` (and `sort` for lists). */
export function pageOf<Q extends { limit: number; cursor: string | undefined }>(q: Q): { limit: number; cursor?: string } {
  return { limit: q.limit, ...(q.cursor !== undefined ? { cursor: q.cursor } : {}) };
}

export function listOf(q: { sort: string; limit: number; cursor: string | undefined }): ListOptions {
  return { sort: q.sort, ...pageOf(q) };
}
