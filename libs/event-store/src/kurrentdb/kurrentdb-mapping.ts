import type { AppendStreamState, CurrentStreamState, JSONEventData, JSONType, Position, ReadPosition, RecordedEvent as KurrentRecordedEvent, RegexFilter } from '@kurrent/kurrentdb-client';
import { assertUnreachable, ConcurrencyError, ValidationError, type ErrorDetail } from '@ta/core';
import { LOG_START, type EventMetadata, type ExpectedVersion, type LogPosition, type NewEvent, type RecordedEvent } from '../event-store.port';

/**
 * Pure translations between the port and KurrentDB (docs/event-store.md, "KurrentDB
 * adapter"). Only types come from the client package, so this file (and whoever imports the
 * library) never loads gRPC or the client's native bridge.
 *
 * Versions: KurrentDB numbers a stream's events from revision 0; the port from stream
 * position 1. Position = revision + 1, and a stream's version = last revision + 1.
 */

/** The port's expected version as the client's `streamState`. `exact(0)` means "no stream", as in PostgreSQL. */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected.kind) {
    case 'any':
      return 'any';
    case 'no_stream':
      return 'no_stream';
    case 'stream_exists':
      return 'stream_exists';
    case 'exact':
      return expected.version === 0 ? 'no_stream' : BigInt(expected.version - 1);
    default:
      return assertUnreachable(expected, 'Unknown expected version');
  }
}

/** The port's version from a KurrentDB stream state: the number of events (0: no stream). */
export function versionOf(state: CurrentStreamState): number {
  // Revision -1 is how some server paths spell "no stream".
  return state === 'no_stream' ? 0 : safeNumber(state + 1n, 'stream version');
}

export function positionOfRevision(revision: bigint): number {
  return safeNumber(revision + 1n, 'stream position');
}

/** The port's position `p` as the revision to start a stream read from (`p - 1`). */
export function revisionOfPosition(position: number): bigint {
  return BigInt(position - 1);
}

/**
 * A failed append in the port's terms: a wrong expected version is the same
 * `ConcurrencyError` the PostgreSQL adapter throws (stream, expected and actual version);
 * an append over the server's `MaxAppendSize` is refused input, like an oversized event.
 * Anything else (unavailable, access denied, deleted stream...) is returned unchanged.
 */
export function translateAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const e = error as { type?: string; actualState?: CurrentStreamState; maxAppendSize?: number };
  if (e?.type === 'wrong-expected-version' && e.actualState !== undefined) {
    return concurrencyError(streamId, expected, versionOf(e.actualState));
  }
  if (e?.type === 'maximum-append-size-exceeded') {
    const details: ErrorDetail[] = [{ path: '/events', message: `the append exceeds the KurrentDB server's maximum append size (${e.maxAppendSize ?? '?'} bytes)` }];
    return new ValidationError('event_store.invalid_append', `Invalid append: ${details[0]!.path} ${details[0]!.message}`, details);
  }
  return error;
}

export function concurrencyError(streamId: string, expected: ExpectedVersion, actual: number): ConcurrencyError {
  const shown = expected.kind === 'exact' ? String(expected.version) : expected.kind;
  return new ConcurrencyError('event_store.wrong_expected_version', `Stream ${streamId}: expected version ${shown}, actual version ${actual}`, {
    streamId,
    expected: shown,
    actual,
  });
}

/**
 * What KurrentDB reserves, on top of the port's validation (`validateAppend`, run first):
 * stream names starting with `$` are system streams (`$$x` holds the metadata of `x`), and
 * event types starting with `$` are system events, which `readAll` leaves out.
 */
export function kurrentDbNameProblems(streamId: string, events: readonly NewEvent[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (streamId.startsWith('$')) problems.push({ path: '/streamId', message: 'must not start with $ (KurrentDB system streams)' });
  events.forEach((e, i) => {
    if (e.type.startsWith('$')) problems.push({ path: `/events/${i}/type`, message: 'must not start with $ (KurrentDB system events)' });
  });
  return problems;
}

export function assertKurrentDbNames(streamId: string, events: readonly NewEvent[]): void {
  const problems = kurrentDbNameProblems(streamId, events);
  if (problems.length > 0) {
    throw new ValidationError('event_store.invalid_append', `Invalid append: ${problems[0]!.path} ${problems[0]!.message}`, problems);
  }
}

/**
 * The event's custom metadata in KurrentDB: the port's metadata and schema version in an
 * envelope, plus `$correlationId` / `$causationId`, the keys KurrentDB's own tooling (the
 * `$by_correlation_id` projection, the UI) reads. The port's metadata is kept whole under
 * `metadata`, so free keys (even ones starting with `$`) come back exactly as written.
 */
export interface MetadataEnvelope {
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  readonly $correlationId: string;
  readonly $causationId?: string;
}

export function encodeEvent(event: NewEvent): JSONEventData {
  const envelope: MetadataEnvelope = {
    schemaVersion: event.schemaVersion,
    metadata: event.metadata,
    $correlationId: event.metadata.correlationId,
    ...(typeof event.metadata.causationId === 'string' ? { $causationId: event.metadata.causationId } : {}),
  };
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    // Any JSON value (validated by validateAppend); the client JSON.stringify-s it.
    data: event.data as JSONType,
    metadata: envelope as unknown as JSONType,
  };
}

/** The port's event from a KurrentDB record written by `encodeEvent`; anything else is an error naming it. */
export function decodeEvent(record: KurrentRecordedEvent): RecordedEvent {
  const where = `KurrentDB event ${record.id} (stream ${record.streamId}, revision ${record.revision})`;
  if (!record.isJson) throw new Error(`${where} is not JSON: not written by this platform`);
  const envelope = record.metadata as Partial<MetadataEnvelope> | undefined;
  if (
    envelope === null ||
    typeof envelope !== 'object' ||
    Array.isArray(envelope) ||
    !Number.isSafeInteger(envelope.schemaVersion) ||
    envelope.metadata === null ||
    typeof envelope.metadata !== 'object'
  ) {
    throw new Error(`${where} has no platform metadata envelope: not written by this platform`);
  }
  if (!record.position) throw new Error(`${where} has no log position (KurrentDB older than 22.6?)`);
  const logPosition = toLogPosition(record.position);
  return {
    id: record.id,
    type: record.type,
    schemaVersion: envelope.schemaVersion!,
    data: record.data,
    metadata: envelope.metadata,
    streamId: record.streamId,
    streamPosition: positionOfRevision(record.revision),
    globalPosition: logPosition.position,
    logPosition,
    recordedAt: record.created,
  };
}

/**
 * KurrentDB's place of an event in `$all` is (commit position, prepare position), both byte
 * offsets in the transaction log, ordered by commit then prepare. The port's
 * `logPosition` is exactly that pair (`commit` as a decimal string); `globalPosition` is the
 * prepare position: unique per event and increasing in write order, but not contiguous
 * (byte offsets, not a counter).
 */
export function toLogPosition(position: Position): LogPosition {
  return { commit: position.commit.toString(10), position: safeNumber(position.prepare, 'prepare position') };
}

/** Where `readAll({ after })` starts reading `$all` (inclusive: the event at `after` itself is dropped by the caller). */
export function toReadPosition(after: LogPosition): ReadPosition {
  if (!/^\d+$/.test(after.commit) || !Number.isSafeInteger(after.position) || after.position < 0) {
    throw new ValidationError('event_store.invalid_position', 'after must be a log position read from this store', [{ path: '/after', message: 'commit: decimal string, position: non-negative integer' }]);
  }
  if (after.commit === LOG_START.commit && after.position === LOG_START.position) return 'start';
  return { commit: BigInt(after.commit), prepare: BigInt(after.position) };
}

/** Server-side filter of `$all` reads: no system events (types starting with `$`, links `$>`, `$metadata`...). */
export const NON_SYSTEM_EVENTS: RegexFilter = Object.freeze({ filterOn: 'eventType', regex: '^[^$].*', checkpointInterval: 1 });

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`KurrentDB ${what} ${value} exceeds 2^53: the port's number cannot hold it`);
  }
  return Number(value);
}
