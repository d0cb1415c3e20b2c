import { MaxAppendSizeExceededError, UnavailableError, WrongExpectedVersionError, type RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { ConcurrencyError, ValidationError } from '@ta/core';
import { compareLogPositions, ExpectedVersion, LOG_START, type NewEvent } from '../event-store.port';
import {
  assertKurrentDbNames,
  decodeEvent,
  encodeEvent,
  toLogPosition,
  toReadPosition,
  toStreamState,
  translateAppendError,
  versionOf,
} from './kurrentdb-mapping';

// Pure mapping between the port and the client's types. The error objects are the client
// package's own classes, built the way the client builds them from a server answer.

const event: NewEvent = {
  id: '7f0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f11',
  type: 'RequestSubmitted',
  schemaVersion: 2,
  data: { title: { en: 'Asset declarations', ar: 'إقرارات الذمة المالية' }, n: 1.5, ok: true, none: null },
  metadata: {
    actorId: 'user-1',
    actorRole: 'secretariat',
    correlationId: 'c-1',
    causationId: 'e-0',
    occurredAt: '2026-11-28T10:00:00.000Z',
    idempotencyKey: 'k-1',
    $odd: 'a free key that looks like a KurrentDB one',
  },
};

/** What the client hands back on a read of what `encodeEvent` wrote: the JSON parsed again. */
function asStored(e: NewEvent, revision: bigint, position = { commit: 5000n, prepare: 5120n }): KurrentRecordedEvent {
  const written = encodeEvent(e);
  return {
    streamId: 'request-1',
    id: written.id,
    isJson: true,
    revision,
    type: written.type,
    created: new Date('2026-11-28T10:00:01.000Z'),
    data: JSON.parse(JSON.stringify(written.data)),
    metadata: JSON.parse(JSON.stringify(written.metadata)),
    position,
  } as KurrentRecordedEvent;
}

describe('expected versions as KurrentDB stream states', () => {
  it.each([
    ['any', ExpectedVersion.any, 'any'],
    ['no_stream', ExpectedVersion.noStream, 'no_stream'],
    ['stream_exists', ExpectedVersion.streamExists, 'stream_exists'],
    ['exact(0): the stream holds no event, i.e. does not exist', ExpectedVersion.exact(0), 'no_stream'],
    ['exact(1): the last event is at revision 0', ExpectedVersion.exact(1), 0n],
    ['exact(42): the last event is at revision 41', ExpectedVersion.exact(42), 41n],
  ])('%s', (_label, expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it('a version is the last revision + 1, and 0 without a stream (either spelling)', () => {
    expect(versionOf('no_stream')).toBe(0);
    expect(versionOf(-1n)).toBe(0);
    expect(versionOf(0n)).toBe(1);
    expect(versionOf(41n)).toBe(42);
  });
});

describe('append errors in the port terms', () => {
  const conflict = (current: bigint | 'no_stream') =>
    new WrongExpectedVersionError(undefined, { streamName: 'request-1', expected: 0n, current });

  it('a wrong expected version is the ConcurrencyError of the PostgreSQL adapter: stream, expected, actual', () => {
    const e = translateAppendError(conflict(2n), 'request-1', ExpectedVersion.exact(1));
    expect(e).toBeInstanceOf(ConcurrencyError);
    expect(e).toMatchObject({
      code: 'event_store.wrong_expected_version',
      message: 'Stream request-1: expected version 1, actual version 3',
      extra: { streamId: 'request-1', expected: '1', actual: 3 },
    });
  });

  it('names the expected kind as the caller gave it, and a missing stream as version 0', () => {
    expect(translateAppendError(conflict('no_stream'), 's', ExpectedVersion.streamExists)).toMatchObject({ extra: { expected: 'stream_exists', actual: 0 } });
    expect(translateAppendError(conflict(0n), 's', ExpectedVersion.noStream)).toMatchObject({ extra: { expected: 'no_stream', actual: 1 } });
    expect(translateAppendError(conflict(0n), 's', ExpectedVersion.exact(0))).toMatchObject({ extra: { expected: '0', actual: 1 } });
  });

  it("an append over the server's maximum append size is refused input, as an oversized event is", () => {
    const e = translateAppendError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 's', ExpectedVersion.any);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'event_store.invalid_append', details: [{ path: '/events', message: expect.stringContaining('1048576 bytes') }] });
  });

  it('other failures (server unavailable...) are passed on unchanged', () => {
    const unavailable = new UnavailableError();
    expect(translateAppendError(unavailable, 's', ExpectedVersion.any)).toBe(unavailable);
  });
});

describe('names KurrentDB reserves', () => {
  it('refuses a stream or an event type starting with $, naming each', () => {
    const error = (() => {
      try {
        assertKurrentDbNames('$settings', [event, { ...event, type: '$metadata' }]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'event_store.invalid_append' });
    expect((error as ValidationError).details.map((d) => d.path)).toEqual(['/streamId', '/events/1/type']);
  });

  it('accepts a $ elsewhere in a name', () => {
    expect(() => assertKurrentDbNames('request-$1', [{ ...event, type: 'Paid$' }])).not.toThrow();
  });
});

describe('events written and read back', () => {
  it('come back as written: id, type, schema version, data, metadata with its free keys', () => {
    const read = decodeEvent(asStored(event, 0n));
    expect(read).toEqual({
      id: event.id,
      type: event.type,
      schemaVersion: 2,
      data: event.data,
      metadata: event.metadata,
      streamId: 'request-1',
      streamPosition: 1,
      globalPosition: 5120,
      logPosition: { commit: '5000', position: 5120 },
      recordedAt: new Date('2026-11-28T10:00:01.000Z'),
    });
  });

  it('stream position = revision + 1', () => {
    expect(decodeEvent(asStored(event, 9n)).streamPosition).toBe(10);
  });

  it('JSON values that are not objects survive too', () => {
    for (const data of [null, 0, 'text', [1, 'two'], false]) expect(decodeEvent(asStored({ ...event, data }, 0n)).data).toEqual(data);
  });

  it("carry $correlationId and $causationId for KurrentDB's tooling; no $causationId for a user's command", () => {
    expect(encodeEvent(event).metadata).toMatchObject({ $correlationId: 'c-1', $causationId: 'e-0' });
    expect(encodeEvent({ ...event, metadata: { ...event.metadata, causationId: null } }).metadata).not.toHaveProperty('$causationId');
    expect(encodeEvent(event)).toMatchObject({ id: event.id, type: event.type, contentType: 'application/json', data: event.data });
  });

  it('an event not written by the platform is an error naming it, not a half-read event', () => {
    const binary = { ...asStored(event, 3n), isJson: false } as KurrentRecordedEvent;
    expect(() => decodeEvent(binary)).toThrow(/KurrentDB event .* \(stream request-1, revision 3\) is not JSON/);
    const bare = { ...asStored(event, 3n), metadata: { $correlationId: 'x' } } as KurrentRecordedEvent;
    expect(() => decodeEvent(bare)).toThrow(/no platform metadata envelope/);
  });
});

describe('log positions', () => {
  it('are (commit, prepare); the commit position stays exact beyond 2^53', () => {
    expect(toLogPosition({ commit: 2n ** 60n + 1n, prepare: 42n })).toEqual({ commit: '1152921504606846977', position: 42 });
  });

  it('a prepare position beyond 2^53 cannot be a port number: an error, not a rounded value', () => {
    expect(() => toLogPosition({ commit: 1n, prepare: 2n ** 53n + 1n })).toThrow(/exceeds 2\^53/);
  });

  it('reading after the log start reads $all from its start; after a position, from that position', () => {
    expect(toReadPosition(LOG_START)).toBe('start');
    expect(toReadPosition({ commit: '1152921504606846977', position: 42 })).toEqual({ commit: 2n ** 60n + 1n, prepare: 42n });
  });

  it('a position that is not one refuses the read', () => {
    expect(() => toReadPosition({ commit: '-1', position: 0 })).toThrow(ValidationError);
    expect(() => toReadPosition({ commit: '1', position: 1.5 })).toThrow(ValidationError);
  });

  it('order by commit position, exactly beyond 2^53, then by prepare position', () => {
    const big = (n: bigint, p: number) => ({ commit: (2n ** 60n + n).toString(), position: p });
    expect(compareLogPositions(big(1n, 9), big(2n, 1))).toBeLessThan(0);
    expect(compareLogPositions(big(2n, 1), big(2n, 3))).toBeLessThan(0);
    expect(compareLogPositions(big(2n, 3), big(2n, 3))).toBe(0);
    expect(compareLogPositions(big(3n, 0), big(2n, 3))).toBeGreaterThan(0);
  });
});
