import type { Pool, PoolClient } from 'pg';
import { LOG_START, type LogPosition } from '../event-store.port';

/**
 * What other libraries may read and write of the PostgreSQL event store besides the port:
 * consumers' checkpoints, and the log's rows as the audit needs them. Nothing outside this
 * library names the event store's tables (`test/architecture` checks it); each function takes
 * the connection to run on, so that it can join the caller's transaction.
 */
type Db = Pool | PoolClient;

const position = (commit: string | null | undefined, global: string | null | undefined): LogPosition =>
  commit == null || global == null ? LOG_START : { commit, position: Number(global) };

/** Durable consumers' checkpoints (`DurableConsumer` keeps its own; a rebuild or the sealer moves or locks them). */
export const checkpoints = {
  /** The checkpoint of `name`, or null when it never ran; `forUpdate` locks the row for the caller's transaction. */
  async read(db: Db, name: string, options: { forUpdate?: boolean } = {}): Promise<LogPosition | null> {
    const { rows } = await db.query<{ c: string; p: string }>(
      `SELECT commit_order::text AS c, global_position::text AS p FROM event_store.consumers WHERE name = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [name],
    );
    return rows[0] ? position(rows[0].c, rows[0].p) : null;
  },

  /** Creates the checkpoint of `name` at the log's start if it has none. */
  async ensure(db: Db, name: string): Promise<void> {
    await db.query('INSERT INTO event_store.consumers(name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  },

  async move(db: Db, name: string, to: LogPosition): Promise<void> {
    await db.query('UPDATE event_store.consumers SET commit_order = $2, global_position = $3, updated_at = now() WHERE name = $1', [name, to.commit, to.position]);
  },
};

/** Events in the log (committed ones, whatever the read horizon). */
export async function countEvents(db: Db): Promise<number> {
  return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM event_store.events')).rows[0]!.n);
}

/** An event as the sealer sees it: where it is, its chained hash, when it was recorded. */
export interface HashedEvent {
  readonly logPosition: LogPosition;
  readonly streamId: string;
  readonly type: string;
  readonly hash: Buffer;
  readonly recordedAt: Date;
}

/**
 * The events after `after` up to and including `upTo`, in all-stream order. Everything up to a
 * consumer's checkpoint is committed and below the read horizon: such a range never changes.
 * (The plain `commit_order BETWEEN` lets the planner see how narrow the range is: with the row
 * comparisons alone it scans the whole log.)
 */
export async function readHashedRange(db: Db, after: LogPosition, upTo: LogPosition): Promise<HashedEvent[]> {
  const { rows } = await db.query<{ c: string; g: string; stream_id: string; event_type: string; hash: Buffer; recorded_at: Date }>(
    `SELECT commit_order::text AS c, global_position::text AS g, stream_id, event_type, hash, recorded_at
       FROM event_store.events
      WHERE commit_order BETWEEN $1::bigint AND $3::bigint
        AND (commit_order, global_position) > ($1::bigint, $2::bigint)
        AND (commit_order, global_position) <= ($3::bigint, $4::bigint)
      ORDER BY commit_order, global_position`,
    [after.commit, after.position, upTo.commit, upTo.position],
  );
  return rows.map((r) => ({ logPosition: position(r.c, r.g), streamId: r.stream_id, type: r.event_type, hash: r.hash, recordedAt: r.recorded_at }));
}

/**
 * An event as stored, with the fields its hash covers as they are hashed: data and metadata in
 * PostgreSQL's canonical jsonb text, the record time in microseconds (see functions/event-hash.sql).
 */
export interface CanonicalEvent {
  readonly logPosition: LogPosition;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamPosition: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataText: string;
  readonly metadataText: string;
  readonly recordedAtMicros: bigint;
  readonly hash: Buffer | null;
}

/** A page of the whole log after `after` (committed events, whatever the read horizon), in all-stream order. */
export async function readCanonicalPage(db: Db, after: LogPosition, limit: number): Promise<CanonicalEvent[]> {
  const { rows } = await db.query<{
    c: string;
    g: string;
    id: string;
    stream: string;
    pos: string;
    type: string;
    ver: number;
    data: string;
    metadata: string;
    us: string;
    hash: Buffer | null;
  }>(
    `SELECT commit_order::text AS c, global_position::text AS g, event_id::text AS id, stream_id AS stream,
            stream_position::text AS pos, event_type AS type, schema_version AS ver, data::text AS data,
            metadata::text AS metadata, (extract(epoch FROM recorded_at) * 1000000)::bigint::text AS us, hash
       FROM event_store.events
      WHERE (commit_order, global_position) > ($1::bigint, $2::bigint)
      ORDER BY commit_order, global_position
      LIMIT $3`,
    [after.commit, after.position, limit],
  );
  return rows.map((r) => ({
    logPosition: position(r.c, r.g),
    eventId: r.id,
    streamId: r.stream,
    streamPosition: BigInt(r.pos),
    type: r.type,
    schemaVersion: r.ver,
    dataText: r.data,
    metadataText: r.metadata,
    recordedAtMicros: BigInt(r.us),
    hash: r.hash,
  }));
}

/** The event at this position of this stream, if the log has it. */
export async function eventAt(db: Db, streamId: string, streamPosition: number): Promise<{ eventId: string; globalPosition: number } | null> {
  const { rows } = await db.query<{ id: string; g: string }>(
    'SELECT event_id::text AS id, global_position::text AS g FROM event_store.events WHERE stream_id = $1 AND stream_position = $2 LIMIT 1',
    [streamId, streamPosition],
  );
  return rows[0] ? { eventId: rows[0].id, globalPosition: Number(rows[0].g) } : null;
}

/** One statement on the caller's connection or transaction (a pg client's rows, a TypeORM query). */
export type RowQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * Where the log stood at an instant or a position, for reads "as of" (libs/coordination,
 * `as-of-view.ts`): the transaction a cut ends with.
 */
export const logCuts = {
  /**
   * The last transaction recorded before `before` (exclusive): the highest commit order among
   * those recorded in the `slackSeconds` before the last one recorded by then (transactions
   * that overlap in time can commit in another order than they were recorded). Two index range
   * scans on `events_recorded_at_idx`, whatever the date's age. Null on an empty log before it.
   */
  async lastBefore(query: RowQuery, before: Date, slackSeconds: number): Promise<{ commitOrder: string; globalPosition: number } | null> {
    const rows = await query(
      `WITH last AS (SELECT max(recorded_at) AS r FROM event_store.events WHERE recorded_at < $1::timestamptz),
            window_ AS MATERIALIZED (
              SELECT e.commit_order, e.global_position FROM event_store.events e, last
               WHERE e.recorded_at < $1::timestamptz AND e.recorded_at >= last.r - make_interval(secs => $2::double precision))
       SELECT commit_order::text AS c, global_position::text AS g FROM window_ ORDER BY commit_order DESC, global_position DESC LIMIT 1`,
      [before.toISOString(), slackSeconds],
    );
    const r = rows[0];
    return r ? { commitOrder: String(r.c), globalPosition: Number(r.g) } : null;
  },

  /** The transaction of commit order `commitOrder` if it holds the event at `globalPosition`: its last event's position and when it was recorded. */
  async transaction(query: RowQuery, commitOrder: string, globalPosition: string): Promise<{ lastPosition: number; recordedAt: Date } | null> {
    const rows = await query(
      `SELECT max(global_position)::text AS g, max(recorded_at) AS at, bool_or(global_position = $2::bigint) AS hit
         FROM event_store.events WHERE commit_order = $1::bigint`,
      [commitOrder, globalPosition],
    );
    const r = rows[0];
    return r && r.hit === true ? { lastPosition: Number(r.g), recordedAt: new Date(r.at as string | Date) } : null;
  },
};
