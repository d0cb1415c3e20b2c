import { types as pgTypes, type Pool, type PoolClient } from 'pg';
import { ConcurrencyError, ValidationError } from '@ta/core';
import { validateAppend } from '../append-validation';
import {
  laterAnnounced,
  LOG_START,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
} from '../event-store.port';
import { eventHash } from '../event-hash';
import type { AppendNotifier } from './append-notifier';
import { GroupCommitter, type AppendRequest, type GroupCommitOptions } from './group-commit';
import { chainBroken, firstBreak, integrityAlarms, type CheckedRow, type StreamBreak } from './stream-integrity';

type Queryable = Pool | PoolClient;

interface EventRow {
  global_position: string;
  commit_order: string;
  event_id: string;
  stream_id: string;
  stream_position: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: NewEvent['metadata'];
  recorded_at_ms: number;
}

// recorded_at as epoch milliseconds: parsing timestamptz text is the slowest part of a read.
const COLUMNS = `global_position, commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata,
  (extract(epoch FROM recorded_at) * 1000)::float8 AS recorded_at_ms`;
const MAX_READ = 10_000;

/** An event as `readAllCompact` gives it. */
export interface CompactEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /**
   * The metadata keys asked for, as text: a string as it is, another JSON value as its JSON
   * text (`->>`); a key that is absent or JSON null is left out. (The port requires `actorId`,
   * `actorRole`, `correlationId` and `occurredAt` to be non-empty strings.)
   */
  readonly metadata: Readonly<Record<string, string>>;
  /** 1-based position inside its stream. */
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly logPosition: LogPosition;
  /** When it was recorded, epoch milliseconds (microseconds as the fraction; `new Date()` drops it). */
  readonly recordedAtMs: number;
}

export interface PostgresEventStoreOptions {
  /**
   * Group commit of concurrent appends (docs/event-store.md, "Group commit"); on by default.
   * `false` sends every append on its own.
   */
  readonly groupCommit?: GroupCommitOptions | false;
  /**
   * Integrity checked at use (docs/audit.md, "Checked at use"): every stream read checks its
   * events' places and chained hashes and its witnessed head, in the same statement; a broken
   * stream is refused with `integrity.chain_broken` and raises an alarm. On by default; `check:
   * false` only to measure its cost. `onBreak` hears each break (the process logs it).
   */
  readonly integrity?: { readonly check?: boolean; readonly onBreak?: (b: StreamBreak) => void };
}

// The checking read: each event with its stored hash, `recorded_at` in microseconds (as hashed)
// and whether it stands at its place (positions without gap from `from`), and the stream's
// witnessed head. One row with no event when the stream is empty, so that a stream whose every
// event was deleted still shows its head. Each event's chained hash is recomputed from the row
// (`withHashChecked`): `data` and `metadata` come as PostgreSQL's text of the stored jsonb
// (`JSONB_AS_TEXT`), the bytes `event_store.event_hash` hashes.
const CHECKED_READ = `SELECT h.position::text AS head_position, (e.stream_position = h.position AND e.hash IS DISTINCT FROM h.hash) AS head_mismatch, e.*
  FROM (VALUES (1)) AS one(x)
  LEFT JOIN event_store.stream_heads h ON h.stream_id = $1
  LEFT JOIN LATERAL (
    SELECT global_position, commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata,
           (extract(epoch FROM recorded_at) * 1000000)::bigint AS recorded_at_us, hash,
           stream_position = $2 - 1 + row_number() OVER w AS in_place
      FROM event_store.events
     WHERE stream_id = $1 AND stream_position >= $2 AND ($3::bigint IS NULL OR stream_position <= $3)
    WINDOW w AS (ORDER BY stream_position)) e ON true
 ORDER BY e.stream_position`;

/** A row of `CHECKED_READ` (the event's columns null in the row of an empty stream). */
type CheckedReadRow = Omit<EventRow, 'data' | 'metadata' | 'recorded_at_ms'> &
  Omit<CheckedRow, 'hash_ok'> & { data: string; metadata: string; recorded_at_us: string; hash: Buffer };

const JSONB_OID = 3802;
/** jsonb columns as the text PostgreSQL sent (its canonical rendering), other types as usual. */
const JSONB_AS_TEXT = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === JSONB_OID ? (text: string) => text : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};
const GENESIS = Buffer.alloc(32);

export class PostgresEventStore implements EventStore {
  private readonly committer: GroupCommitter<AppendResult> | null;
  private readonly checkIntegrity: boolean;
  private readonly onBreak: (b: StreamBreak) => void;

  constructor(
    private readonly pool: Pool,
    private readonly notifier?: AppendNotifier,
    options: PostgresEventStoreOptions = {},
  ) {
    this.checkIntegrity = options.integrity?.check ?? true;
    this.onBreak = options.integrity?.onBreak ?? (() => undefined);
    this.committer =
      options.groupCommit === false
        ? null
        : new GroupCommitter<AppendResult>(
            { one: (a) => this.appendRequested(this.pool, a), group: (as) => this.appendGroup(as) },
            options.groupCommit ?? {},
          );
  }

  /** Appends on the pool; concurrent appends share a transaction and a commit (group commit). */
  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const request = appendRequest(streamId, events, expected);
    return this.committer ? this.committer.submit(request) : this.appendRequested(this.pool, request);
  }

  private async appendGroup(appends: readonly AppendRequest[]) {
    const { rows } = await this.pool.query<{ ok: boolean; version: string; last_global_position: string | null; commit_order: string | null }>({
      name: 'event_store_append_group',
      text: 'SELECT ok, version, last_global_position, commit_order FROM event_store.append_group($1, $2, $3, $4::jsonb) ORDER BY ord',
      values: [
        appends.map((a) => a.streamId),
        appends.map((a) => a.expectedKind),
        appends.map((a) => a.expectedVersion),
        `[${appends.map((a) => a.payload).join(',')}]`,
      ],
    });
    const outcomes = appends.map((a, i) => {
      const row = rows[i]!;
      return row.ok
        ? { ok: true as const, result: toAppendResult(a.streamId, row.version, row.last_global_position!, row.commit_order!) }
        : { ok: false as const, error: wrongExpectedVersion(a.streamId, a.expectedKind, a.expectedVersion, Number(row.version)) };
    });
    const latest = outcomes.reduce<LogPosition | null | undefined>((soFar, o) => (o.ok ? laterAnnounced(soFar, o.result.logPosition) : soFar), undefined);
    if (latest !== undefined) this.notifier?.notifyAppended(latest);
    return outcomes;
  }

  /**
   * Append inside the caller's transaction (a consumer writing events together with its
   * checkpoint, say). The caller commits; listeners are woken when it calls `notifyAppended`.
   */
  async appendWith(db: Queryable, streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    return this.appendRequested(db, appendRequest(streamId, events, expected));
  }

  private async appendRequested(db: Queryable, a: AppendRequest): Promise<AppendResult> {
    try {
      // A named statement: parsed and planned once per connection, not at every append.
      const { rows } = await db.query<{ version: string; last_global_position: string; commit_order: string }>({
        name: 'event_store_append',
        text: 'SELECT version, last_global_position, commit_order FROM event_store.append($1, $2, $3, $4::jsonb)',
        values: [a.streamId, a.expectedKind, a.expectedVersion, a.payload],
      });
      const result = toAppendResult(a.streamId, rows[0]!.version, rows[0]!.last_global_position, rows[0]!.commit_order);
      if (db === this.pool) this.notifier?.notifyAppended(result.logPosition);
      return result;
    } catch (e) {
      throw translateAppendError(e, a.streamId);
    }
  }

  /** Wake consumers after a transaction that used `appendWith` has committed (`upTo`: its last event, if known). */
  notifyAppended(upTo: LogPosition | null = null): void {
    this.notifier?.notifyAppended(upTo);
  }

  readStream(streamId: string, options: { from?: number; to?: number } = {}): Promise<RecordedEvent[]> {
    return this.readStreamWith(this.pool, streamId, options);
  }

  /**
   * A stream's events, checked (unless turned off): a stream whose chain is broken, or which no
   * longer reaches its witnessed head, is refused with `IntegrityError` `integrity.chain_broken`
   * and its break recorded in `event_store.integrity_alarms` (on the pool, outside the caller's
   * transaction, which the refusal rolls back).
   */
  async readStreamWith(db: Queryable, streamId: string, options: { from?: number; to?: number } = {}): Promise<RecordedEvent[]> {
    const from = options.from ?? 1;
    const to = options.to ?? null;
    if (!this.checkIntegrity) {
      const { rows } = await db.query<EventRow>(
        `SELECT ${COLUMNS} FROM event_store.events
          WHERE stream_id = $1 AND stream_position >= $2 AND ($3::bigint IS NULL OR stream_position <= $3)
          ORDER BY stream_position`,
        [streamId, from, to],
      );
      return rows.map(toRecorded);
    }
    const read = await db.query<CheckedReadRow>({ name: 'event_store_read_stream_checked', text: CHECKED_READ, values: [streamId, from, to], types: JSONB_AS_TEXT });
    const rows = withHashChecked(read.rows);
    const broken = firstBreak(streamId, rows, from, to);
    if (broken) {
      // On the pool, the alarm is stored before the refusal. Inside a caller's transaction, it
      // is not waited for: the caller holds a connection, and waiting for another one of the
      // same pool could deadlock a pool full of such callers.
      const alarm = this.raiseAlarm(broken);
      if (db === this.pool) await alarm;
      throw chainBroken(broken);
    }
    return rows.filter((r) => r.event_id !== null).map(checkedToRecorded);
  }

  private async raiseAlarm(b: StreamBreak): Promise<void> {
    try {
      this.onBreak(b);
      await integrityAlarms.raise(this.pool, b);
    } catch {
      // The refusal stands even if the alarm cannot be stored (the break was heard by onBreak).
    }
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllWith(this.pool, options);
  }

  async readAllWith(db: Queryable, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    // Named: parsed and planned once per connection (a consumer reads on its own connection, again and again).
    const { rows } = await db.query<EventRow>({ name: 'event_store_read_all', text: `SELECT ${COLUMNS} ${READ_ALL_FROM}`, values: readAllParams(options) });
    return rows.map(toRecorded);
  }

  /**
   * `readAllWith` for a durable consumer, which also needs to know, when it has read all it
   * could, whether more is on its way: `behind` is true when a committed event follows the ones
   * returned but is not readable yet (behind the read horizon: an older transaction is still
   * running). One statement instead of a read and a probe.
   */
  async readAllBehind(db: Queryable, options: ReadAllOptions = {}): Promise<{ events: RecordedEvent[]; behind: boolean }> {
    const { rows } = await db.query<EventRow & { behind: boolean }>({
      name: 'event_store_read_all_behind',
      text: `(SELECT ${COLUMNS}, false AS behind ${READ_ALL_FROM})
             UNION ALL
             (SELECT ${COLUMNS}, true AS behind FROM event_store.events
               WHERE (commit_order, global_position) > ($1::bigint, $2::bigint)
                 AND commit_order >= event_store.safe_commit_horizon()
               ORDER BY commit_order, global_position
               LIMIT 1)`,
      values: readAllParams(options),
    });
    const behind = rows.length > 0 && rows[rows.length - 1]!.behind;
    return { events: (behind ? rows.slice(0, -1) : rows).map(toRecorded), behind };
  }

  /**
   * `readAll` for a bulk reader that needs less of each event (a read-model rebuild reads the
   * whole log): the same events in the same order, as `CompactEvent`s: no event id or stream
   * id, and of the metadata only `metadataKeys`, as text (`->>`). Rows come as arrays, not
   * objects: less to send, to parse and to collect (docs/benchmarks.md has the figures).
   */
  async readAllCompact(options: ReadAllOptions & { readonly metadataKeys?: readonly string[] } = {}): Promise<CompactEvent[]> {
    const keys = options.metadataKeys ?? [];
    const metadata = keys.map((_, i) => `, metadata->>$${4 + i}`).join('');
    // Epoch milliseconds: float8 arithmetic on date_part, rounded to the microsecond (exact: the
    // errors of the double arithmetic stay below a quarter of a microsecond), is cheaper for the
    // server than `extract`'s numeric, with the same values (docs/benchmarks.md).
    const { rows } = await this.pool.query<unknown[]>({
      text: `SELECT global_position, commit_order, event_type, schema_version, data, round(date_part('epoch', recorded_at) * 1e6) / 1e3, stream_position${metadata} ${READ_ALL_FROM}`,
      values: [...readAllParams(options), ...keys],
      rowMode: 'array',
    });
    return rows.map((r) => {
      const globalPosition = Number(r[0]);
      const meta: Record<string, string> = {};
      for (let i = 0; i < keys.length; i++) if (r[7 + i] !== null) meta[keys[i]!] = r[7 + i] as string;
      return {
        type: r[2] as string,
        schemaVersion: r[3] as number,
        data: r[4],
        metadata: meta,
        streamPosition: r[6] as number,
        globalPosition,
        logPosition: { commit: r[1] as string, position: globalPosition },
        recordedAtMs: r[5] as number,
      };
    });
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>(
      'SELECT stream_position AS version FROM event_store.events WHERE stream_id = $1 ORDER BY stream_position DESC LIMIT 1',
      [streamId],
    );
    return rows.length === 0 ? 0 : Number(rows[0]!.version);
  }

  /**
   * Where the event at global position `g` stands for the durable consumer `consumer`:
   * `passed` (at or before its checkpoint in the all-stream order), `pending` (committed after
   * it), or `never_issued` (past the last position the log ever gave out). A position given out
   * but naming no committed event (its transaction rolled back) counts as passed: nothing will
   * ever be there.
   */
  async consumerProgress(consumer: string, g: number): Promise<'passed' | 'pending' | 'never_issued'> {
    const { rows } = await this.pool.query<{ pending: boolean; issued: string | null }>(
      `WITH c AS (
         SELECT coalesce((SELECT commit_order FROM event_store.consumers WHERE name = $1), 0) AS commit_order,
                coalesce((SELECT global_position FROM event_store.consumers WHERE name = $1), 0) AS global_position)
       SELECT EXISTS (
                SELECT 1 FROM event_store.events e, c
                 WHERE (e.commit_order, e.global_position) > (c.commit_order, c.global_position) AND e.global_position = $2) AS pending,
              pg_sequence_last_value('event_store.events_global_position_seq'::regclass) AS issued`,
      [consumer, g],
    );
    const r = rows[0]!;
    if (r.pending) return 'pending';
    return r.issued === null || g > Number(r.issued) ? 'never_issued' : 'passed';
  }

  /**
   * True once every committed event carrying this correlation id is at or before the
   * checkpoint of each of `consumers`. Reads only what lies after each checkpoint.
   */
  async consumersPassedCorrelation(consumers: readonly string[], correlationId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ pending: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM unnest($1::text[]) AS n(name)
           LEFT JOIN event_store.consumers c ON c.name = n.name
           JOIN LATERAL (
             SELECT 1 FROM event_store.events e
              WHERE (e.commit_order, e.global_position) > (coalesce(c.commit_order, 0), coalesce(c.global_position, 0))
                AND e.metadata->>'correlationId' = $2
              LIMIT 1) p ON true) AS pending`,
      [consumers, correlationId],
    );
    return !rows[0]!.pending;
  }

  /** The position of the last event `readAll` can give now (below the read horizon); LOG_START when none. */
  readableHead(): Promise<LogPosition> {
    return this.lastPosition('WHERE commit_order < event_store.safe_commit_horizon()');
  }

  /** The newest position in the all-stream (committed or not), for lag figures. */
  headPosition(): Promise<LogPosition> {
    return this.lastPosition('');
  }

  private async lastPosition(where: string): Promise<LogPosition> {
    const { rows } = await this.pool.query<{ commit_order: string; global_position: string }>(
      `SELECT commit_order, global_position FROM event_store.events ${where} ORDER BY commit_order DESC, global_position DESC LIMIT 1`,
    );
    return rows.length === 0 ? LOG_START : { commit: rows[0]!.commit_order, position: Number(rows[0]!.global_position) };
  }
}

/** The all-stream after `$1`/`$2` (commit, position), below the read horizon, `$3` events at most. */
const READ_ALL_FROM = `FROM event_store.events
  WHERE (commit_order, global_position) > ($1::bigint, $2::bigint)
    AND commit_order < event_store.safe_commit_horizon()
  ORDER BY commit_order, global_position
  LIMIT $3`;

/** `READ_ALL_FROM`'s parameters (throws ValidationError on a bad limit). */
function readAllParams(options: ReadAllOptions): [string, number, number] {
  const after = options.after ?? LOG_START;
  const limit = options.limit ?? 1000;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_READ) {
    throw new ValidationError('event_store.invalid_limit', `limit must be an integer from 1 to ${MAX_READ}`);
  }
  return [after.commit, after.position, limit];
}

function toRecorded(r: EventRow): RecordedEvent {
  const globalPosition = Number(r.global_position);
  return {
    id: r.event_id,
    type: r.event_type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    streamId: r.stream_id,
    streamPosition: Number(r.stream_position),
    globalPosition,
    logPosition: { commit: r.commit_order, position: globalPosition },
    recordedAt: new Date(r.recorded_at_ms),
  };
}

/**
 * Each row with `hash_ok`: whether its stored hash is the hash of its fields chained to the
 * stored hash of the row before it (32 zero bytes at position 1); null for the first row of a
 * range after position 1, whose predecessor was not read.
 */
function withHashChecked(rows: readonly CheckedReadRow[]): Array<CheckedReadRow & { hash_ok: boolean | null }> {
  let previous: Buffer | null = null;
  return rows.map((r) => {
    if (r.event_id === null) return { ...r, hash_ok: null };
    const position = BigInt(r.stream_position!);
    const prev = position === 1n ? GENESIS : previous;
    previous = r.hash;
    if (prev === null) return { ...r, hash_ok: null };
    const fields = {
      streamId: r.stream_id,
      streamPosition: position,
      eventId: r.event_id,
      type: r.event_type,
      schemaVersion: r.schema_version,
      dataText: r.data,
      metadataText: r.metadata,
      recordedAtMicros: BigInt(r.recorded_at_us),
    };
    return { ...r, hash_ok: r.hash !== null && eventHash(prev, fields).equals(r.hash) };
  });
}

function checkedToRecorded(r: CheckedReadRow): RecordedEvent {
  // Epoch milliseconds from the exact microseconds: the same double as `COLUMNS`' recorded_at_ms.
  return toRecorded({ ...r, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata) as NewEvent['metadata'], recorded_at_ms: Number(r.recorded_at_us) / 1000 });
}

/** Validates and serialises an append (throws ValidationError). */
function appendRequest(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): AppendRequest {
  const payload = validateAppend(streamId, events, expected); // first: `expected` may be anything until then
  return { streamId, expectedKind: expected.kind, expectedVersion: expected.kind === 'exact' ? expected.version : null, payload, eventCount: events.length };
}

function toAppendResult(streamId: string, version: string, lastGlobalPosition: string, commitOrder: string): AppendResult {
  const last = Number(lastGlobalPosition);
  return { streamId, version: Number(version), lastGlobalPosition: last, logPosition: { commit: commitOrder, position: last } };
}

function wrongExpectedVersion(streamId: string, expectedKind: string, expectedVersion: number | null, actual: number): ConcurrencyError {
  const expected = expectedKind === 'exact' ? String(expectedVersion) : expectedKind;
  return new ConcurrencyError(
    'event_store.wrong_expected_version',
    `Stream ${streamId}: expected version ${expected}, actual version ${actual}`,
    { streamId, expected, actual },
  );
}

/**
 * The domain error for what `event_store.append` raised (a wrong expected version, a duplicate
 * event id), for callers that run it inside a statement of their own; anything else as it is.
 */
export function translateAppendError(e: unknown, streamId: string): unknown {
  const err = e as { code?: string; detail?: string; constraint?: string };
  if (err.code === 'ES409') {
    const d = JSON.parse(err.detail ?? '{}') as { expectedKind: string; expected: number | null; actual: number };
    return wrongExpectedVersion(streamId, d.expectedKind, d.expected, d.actual);
  }
  if (err.code === '23505' && err.constraint === 'events_event_id_unique') {
    return new ConcurrencyError('event_store.duplicate_event_id', `An event with one of these ids is already stored (stream ${streamId})`, { streamId });
  }
  return e;
}
