import { envInt } from '@ta/platform';
import type { LanguageCode } from '@ta/codelists';
import { COORDINATION_CONSUMER } from '../projector/coordination-projector';
import { engagementStreamId, offerStreamId, requestStreamId } from '@ta/case';
import { ValidationError } from '@ta/core';
import type { DataSource } from 'typeorm';
import type { PostgresEventStore } from '@ta/event-store';
import { summaryAsOf } from '../as-of/as-of';
import { asOfRewrite, cutAtInstant, cutAtPosition, type AsOfCut, type TemporalTable } from '../as-of/as-of-view';
import { EntityColumns } from '../read-models/entity-columns';
import { READ_MODELS, TEMPORAL_READ_MODELS } from '../read-models/read-models';
import type { Projection } from '../read-models/projection';
import { waitForPosition, waitUntilSettled } from '../projector/read-your-writes';
import { CoordinationQueries } from './coordination.queries';
import { ReadModelQueries, type ListOptions } from './read-model.queries';
import { PublicViewQueries } from './public-view.queries';
import { SearchQueries } from './search.queries';
import type { Viewer } from '../access/request-visibility';

export interface CoordinationReadOptions {
  /** Default `olderThanDays` of gaps (COORDINATION_GAP_DAYS, 90). */
  readonly gapDays: number;
  /** How long a query with `minPosition` waits for the projector (5 s). */
  readonly waitTimeoutMs: number;
  readonly consumer: string;
  /** The consumers whose steps follow a command (the process managers), waited for by `settled`. */
  readonly followUpConsumers: readonly string[];
}

/**
 * The reader's settings from the process's environment: COORDINATION_GAP_DAYS (90),
 * COORDINATION_WAIT_TIMEOUT_MS (5000); `followUpConsumers`: the consumers whose steps follow a
 * command (the case's process managers), waited for by `settled`.
 */
export function coordinationReadOptions(env: Readonly<NodeJS.ProcessEnv>, followUpConsumers: readonly string[]): CoordinationReadOptions {
  return {
    gapDays: envInt(env, 'COORDINATION_GAP_DAYS', 90, 0),
    waitTimeoutMs: envInt(env, 'COORDINATION_WAIT_TIMEOUT_MS', 5000, 0),
    consumer: COORDINATION_CONSUMER,
    followUpConsumers,
  };
}

/** What the controllers share: the queries, read-your-writes, "as of" (one fold at a time). */
export class CoordinationReader {
  readonly rows: ReadModelQueries;
  readonly coordination: CoordinationQueries;
  /** Full-text search over the search documents (`GET /search`). */
  readonly search: SearchQueries;
  /** The public view of open needs (`GET /public/...`). */
  readonly publicView: PublicViewQueries;
  private asOfQueue: Promise<unknown> = Promise.resolve();
  /** The temporal tables' columns, for `asOfRewrite`. */
  private readonly temporal: readonly TemporalTable[];

  constructor(
    private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    readonly options: CoordinationReadOptions,
  ) {
    this.rows = new ReadModelQueries(dataSource);
    this.coordination = new CoordinationQueries(this.rows.sql, this.rows);
    this.search = new SearchQueries(this.rows.sql);
    this.publicView = new PublicViewQueries(this.rows.sql);
    this.temporal = [...TEMPORAL_READ_MODELS.keys()].map((name) => ({
      name,
      columns: new EntityColumns(dataSource, READ_MODELS[name].projection as Projection<object>).columns.map((c) => c.db),
    }));
  }

  /**
   * The views to answer a read with: live (after `consistent`), or as of a past day or instant
   * (`asOf`) or log position (`asOfPosition`), with the same queries over the read models as
   * they stood then (`asOfRewrite`). `now` is the default "as at" of time-dependent figures:
   * the current time live, the as-of instant (or the position's recording time) otherwise.
   */
  async view(q: ReadConsistency & AsOfQuery): Promise<ReadView> {
    const cut = await this.cut(q);
    if (!cut) {
      await this.consistent(q);
      return { rows: this.rows, coordination: this.coordination, now: new Date(), cut: null };
    }
    // The projector must have applied the whole cut (a past date: long since).
    if (cut.lastPosition > 0) await waitForPosition(this.store, cut.lastPosition, { timeoutMs: this.options.waitTimeoutMs, consumer: this.options.consumer });
    const rows = new ReadModelQueries(this.dataSource, asOfRewrite(cut, this.temporal));
    return { rows, coordination: new CoordinationQueries(rows.sql, rows), now: cut.recordedAt ?? new Date(), cut };
  }

  /** The cut of the log a read asks for, or null (live). 400 for a date in the future. */
  async cut(q: AsOfQuery): Promise<AsOfCut | null> {
    if (q.asOf !== undefined && q.asOfPosition !== undefined) {
      throw new ValidationError('coordination.invalid_query', 'asOf and asOfPosition name the same thing: give one', [{ path: '/query/asOfPosition', message: 'cannot be given with asOf' }]);
    }
    if (q.asOfPosition !== undefined) return cutAtPosition(this.rows.sql, q.asOfPosition);
    if (q.asOf === undefined) return null;
    const now = Date.now();
    let asOf = q.asOf;
    if (asOf.getTime() > now + 1000) {
      // A day given as a date means its end: today's is "now"; a later one is the future.
      const endOfToday = new Date(now);
      endOfToday.setUTCHours(23, 59, 59, 999);
      if (asOf.getTime() !== endOfToday.getTime()) {
        throw new ValidationError('coordination.as_of_in_future', 'asOf must not be in the future', [{ path: '/query/asOf', message: 'is in the future' }]);
      }
      asOf = new Date(now);
    }
    return cutAtInstant(this.rows.sql, asOf);
  }

  /**
   * Read-your-writes: `minPosition` is the `globalPosition` a command returned; `settled` its
   * `correlationId`, to read once the platform's own steps that follow it are done too.
   */
  async consistent({ minPosition, settled }: ReadConsistency): Promise<void> {
    if (settled !== undefined) {
      await waitUntilSettled(this.store, settled, [...this.options.followUpConsumers, this.options.consumer], this.options.waitTimeoutMs);
    }
    if (minPosition === undefined || minPosition === 0) return;
    await waitForPosition(this.store, minPosition, { timeoutMs: this.options.waitTimeoutMs, consumer: this.options.consumer });
  }

  /** A request, with the version of its stream (its ETag). */
  /** `reader`: the language the case's texts are wanted in (see `CaseTextQueries`). */
  async request(id: string, viewer: Viewer, reader: LanguageCode | null = null, view: Pick<ReadView, 'rows'> = this) {
    return this.versioned(await view.rows.request(id, viewer, reader), requestStreamId(id));
  }

  async offer(id: string, viewer: Viewer, reader: LanguageCode | null = null, view: Pick<ReadView, 'rows'> = this) {
    return this.versioned(await view.rows.offer(id, viewer, reader), offerStreamId(id));
  }

  async engagement(id: string, asAt: Date, viewer: Viewer, reader: LanguageCode | null = null, view: Pick<ReadView, 'rows'> = this) {
    return this.versioned(await view.rows.engagement(id, asAt, viewer, reader), engagementStreamId(id));
  }

  /** Rows projected before versions were kept have none: the event store has it (until a rebuild fills them). */
  private async versioned<T extends { version: number | null }>(detail: T, streamId: string): Promise<T & { version: number }> {
    return { ...detail, version: detail.version ?? (await this.store.streamVersion(streamId)) };
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

/** "As of" (the `AS_OF` query parameters): a past instant (a day: its end) or a log position `<commit>:<global>`. */
export interface AsOfQuery {
  readonly asOf?: Date | undefined;
  readonly asOfPosition?: string | undefined;
}

/** The queries a read uses, live or as of a cut, and its default "as at". */
export interface ReadView {
  readonly rows: ReadModelQueries;
  readonly coordination: CoordinationQueries;
  readonly now: Date;
  readonly cut: AsOfCut | null;
}

/** What a read waits for to see a write (the `CONSISTENCY` query parameters). */
export interface ReadConsistency {
  readonly minPosition?: number | undefined;
  readonly settled?: string | undefined;
}
