import { ValidationError, type ErrorDetail } from '@ta/core';
import type { ExpectedVersion, NewEvent } from './event-store.port';

export const LIMITS = {
  streamIdMaxLength: 200,
  eventTypeMaxLength: 200,
  eventsPerAppend: 1000,
  /** Serialised size of one event (id, type, schema version, data, metadata). */
  eventMaxBytes: 256 * 1024,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// Printable, no whitespace or control characters: ids end up in URLs, logs and Kafka keys.
const STREAM_ID = /^[\x21-\x7e]+$/;
const REQUIRED_METADATA = ['actorId', 'actorRole', 'correlationId', 'occurredAt'] as const;

/**
 * Throws a ValidationError naming every problem; otherwise returns the events serialised as
 * one JSON array (each event stringified once, its size checked on that string).
 */
export function validateAppend(streamId: unknown, events: unknown, expected: unknown): string {
  const problems: ErrorDetail[] = [];
  if (typeof streamId !== 'string' || streamId.length === 0) {
    problems.push({ path: '/streamId', message: 'must be a non-empty string' });
  } else if (streamId.length > LIMITS.streamIdMaxLength) {
    problems.push({ path: '/streamId', message: `must be at most ${LIMITS.streamIdMaxLength} characters` });
  } else if (!STREAM_ID.test(streamId)) {
    problems.push({ path: '/streamId', message: 'must be printable ASCII without spaces' });
  }
  problems.push(...checkExpected(expected));
  if (!Array.isArray(events) || events.length === 0) {
    problems.push({ path: '/events', message: 'must be a non-empty array' });
  } else if (events.length > LIMITS.eventsPerAppend) {
    problems.push({ path: '/events', message: `at most ${LIMITS.eventsPerAppend} events per append` });
  } else {
    events.forEach((e, i) => problems.push(...checkEvent(e, `/events/${i}`)));
    const ids = events.map((e) => (e as NewEvent)?.id);
    if (new Set(ids).size !== ids.length) problems.push({ path: '/events', message: 'event ids must be unique' });
  }
  const serialised: string[] = [];
  if (problems.length === 0) {
    (events as NewEvent[]).forEach((e, i) => {
      const json = JSON.stringify({ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata });
      const bytes = Buffer.byteLength(json);
      if (bytes > LIMITS.eventMaxBytes) problems.push({ path: `/events/${i}`, message: `event is ${bytes} bytes; at most ${LIMITS.eventMaxBytes}` });
      serialised.push(json);
    });
  }
  if (problems.length > 0) {
    throw new ValidationError('event_store.invalid_append', `Invalid append: ${problems[0]!.path} ${problems[0]!.message}`, problems);
  }
  return `[${serialised.join(',')}]`;
}

function checkExpected(expected: unknown): ErrorDetail[] {
  const e = expected as ExpectedVersion | undefined;
  const ok =
    e !== null &&
    typeof e === 'object' &&
    (e.kind === 'any' ||
      e.kind === 'no_stream' ||
      e.kind === 'stream_exists' ||
      (e.kind === 'exact' && Number.isSafeInteger(e.version) && e.version >= 0));
  return ok ? [] : [{ path: '/expected', message: 'must be any, no_stream, stream_exists or an exact non-negative integer version' }];
}

function checkEvent(event: unknown, path: string): ErrorDetail[] {
  if (event === null || typeof event !== 'object') return [{ path, message: 'must be an object' }];
  const e = event as Partial<NewEvent>;
  const problems: ErrorDetail[] = [];
  if (typeof e.id !== 'string' || !UUID.test(e.id)) problems.push({ path: `${path}/id`, message: 'must be a UUID' });
  if (typeof e.type !== 'string' || e.type.length === 0 || e.type.length > LIMITS.eventTypeMaxLength) {
    problems.push({ path: `${path}/type`, message: `must be a non-empty string of at most ${LIMITS.eventTypeMaxLength} characters` });
  }
  if (!Number.isSafeInteger(e.schemaVersion) || (e.schemaVersion as number) < 1) {
    problems.push({ path: `${path}/schemaVersion`, message: 'must be a positive integer' });
  }
  problems.push(...jsonProblems(e.data, `${path}/data`, new Set()));
  if (e.metadata === null || typeof e.metadata !== 'object') {
    problems.push({ path: `${path}/metadata`, message: 'must be an object' });
  } else {
    for (const key of REQUIRED_METADATA) {
      const v = (e.metadata as unknown as Record<string, unknown>)[key];
      if (typeof v !== 'string' || v.length === 0) problems.push({ path: `${path}/metadata/${key}`, message: 'must be a non-empty string' });
    }
    const c = e.metadata.causationId;
    if (c !== null && c !== undefined && typeof c !== 'string') problems.push({ path: `${path}/metadata/causationId`, message: 'must be a string or null' });
    problems.push(...jsonProblems(e.metadata, `${path}/metadata`, new Set()));
  }
  return problems;
}

/**
 * Data must survive a JSON round trip unchanged: JSON.stringify would silently drop
 * undefined and functions, turn NaN into null and Dates into strings, and throw on BigInt
 * and cycles. Each of those is refused here, with its path. Every append walks its data, so
 * the walk allocates nothing for valid JSON: paths are built only for the problems found.
 */
function jsonProblems(value: unknown, path: string, seen: Set<object>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  walkJson(value, [], seen, (at, message) => problems.push({ path: at.length === 0 ? path : `${path}/${at.join('/')}`, message }));
  return problems;
}

function walkJson(value: unknown, at: Array<string | number>, seen: Set<object>, report: (at: ReadonlyArray<string | number>, message: string) => void): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) report(at, 'must be a finite number');
      return;
    case 'object': {
      if (value === null) return;
      if (seen.has(value)) return report(at, 'is a circular reference');
      seen.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          at.push(i);
          walkJson(value[i], at, seen, report);
          at.pop();
        }
      } else {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          report(at, 'must be a plain JSON object');
        } else {
          for (const k in value) {
            if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
            at.push(k);
            walkJson((value as Record<string, unknown>)[k], at, seen, report);
            at.pop();
          }
        }
      }
      seen.delete(value);
      return;
    }
    default:
      return report(at, `is not JSON (${typeof value})`);
  }
}
