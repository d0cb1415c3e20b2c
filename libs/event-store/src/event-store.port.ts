/**
 * The event store port. Adapters: PostgreSQL (default) and KurrentDB.
 *
 * Versions: a stream's version is the number of events in it; the first event of a stream
 * has stream position 1, so "no stream" is version 0 and an exact expected version N means
 * "the stream holds exactly N events right now".
 */

export interface EventMetadata {
  /** Who did it (user or system id). */
  readonly actorId: string;
  /** In which role: secretariat, state, donor, authority, system. */
  readonly actorRole: string;
  /** Shared by every event caused by one user intent (an HTTP command, say). */
  readonly correlationId: string;
  /** The id of the event or command that caused this one; null for a user's command. */
  readonly causationId: string | null;
  /** When it happened in the domain, ISO 8601 (comes with the command, not read here). */
  readonly occurredAt: string;
  /** Free extra keys (idempotency key, reason codes, ...). Must be JSON. */
  readonly [key: string]: unknown;
}

export interface NewEvent {
  /** UUID, chosen by the caller so that a retried append can be recognised. */
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 1-based position inside its stream. */
  readonly streamPosition: number;
  /** Unique, increasing in insertion order; NOT the read-all order (see LogPosition). */
  readonly globalPosition: number;
  /** The position of this event in the all-stream; pass it back to readAll as `after`. */
  readonly logPosition: LogPosition;
  readonly recordedAt: Date;
}

/**
 * Where an event stands in the all-stream. PostgreSQL assigns sequence numbers at insert,
 * not at commit, so a sequence alone can skip events; the all-stream is ordered by
 * (commit order proxy, global position). See docs/event-store.md.
 * `commit` is a decimal string (it may exceed 2^53 in theory).
 */
export interface LogPosition {
  readonly commit: string;
  readonly position: number;
}

export const LOG_START: LogPosition = Object.freeze({ commit: '0', position: 0 });

/** Total order of the all-stream (for every adapter: commit, then position). */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const ca = BigInt(a.commit);
  const cb = BigInt(b.commit);
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.position === b.position ? 0 : a.position < b.position ? -1 : 1;
}

/**
 * How far several wake-ups together say the log is committed (AppendNotifier): the later of
 * `soFar` and `next`; a wake-up that did not say (null) makes the whole unknown; `soFar`
 * undefined: none yet.
 */
export function laterAnnounced(soFar: LogPosition | null | undefined, next: LogPosition | null): LogPosition | null {
  if (next === null || soFar === null) return null;
  return soFar === undefined || compareLogPositions(next, soFar) > 0 ? next : soFar;
}

export type ExpectedVersion =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'exact'; readonly version: number };

export const ExpectedVersion = {
  any: { kind: 'any' } as ExpectedVersion,
  noStream: { kind: 'no_stream' } as ExpectedVersion,
  streamExists: { kind: 'stream_exists' } as ExpectedVersion,
  exact: (version: number): ExpectedVersion => ({ kind: 'exact', version }),
} as const;

export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append (= stream position of the last event). */
  readonly version: number;
  /** Global position of the last appended event. */
  readonly lastGlobalPosition: number;
  readonly logPosition: LogPosition;
}

export interface ReadAllOptions {
  readonly after?: LogPosition;
  readonly limit?: number;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  readStream(streamId: string, options?: { from?: number; to?: number }): Promise<RecordedEvent[]>;
  /** Events in all-stream order, strictly after `after`, only those safe to read (never skipped later). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The stream's current version; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
