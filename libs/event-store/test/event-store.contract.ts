import { randomUUID } from 'node:crypto';
import { ConcurrencyError, ValidationError } from '@ta/core';
import { ExpectedVersion, type EventStore, type LogPosition, type NewEvent, type RecordedEvent } from '../src';

/**
 * The event store port's contract, written once and run against every adapter
 * (PostgreSQL here; KurrentDB where a server is reachable, see
 * kurrentdb-event-store.int-spec.ts).
 */
export interface ContractSubject {
  readonly store: EventStore;
  /** Compare two all-stream positions in the adapter's order. */
  compare(a: LogPosition, b: LogPosition): number;
}

/** Where adapters differ by nature; every other test runs on every adapter. */
export interface ContractCapabilities {
  /**
   * An event id already stored in ANY stream is refused (`event_store.duplicate_event_id`),
   * failing the whole append. PostgreSQL: yes (a unique index). KurrentDB: no, it only
   * recognises ids again within one stream (a retried append is an idempotent no-op), so
   * its atomicity is shown another way (kurrentdb-event-store.int-spec.ts).
   */
  readonly rejectsEventIdsStoredInOtherStreams: boolean;
}

const ALL_CAPABILITIES: ContractCapabilities = { rejectsEventIdsStoredInOtherStreams: true };

export function newEvent(type = 'ThingHappened', data: unknown = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actorId: 'user-1',
      actorRole: 'secretariat',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: '2026-11-28T10:00:00.000Z',
    },
  };
}

export function stream(prefix = 's'): string {
  return `${prefix}-${randomUUID()}`;
}

export async function readWholeLog(store: EventStore, after?: LogPosition): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const batch = await store.readAll({ ...(position ? { after: position } : {}), limit: 1000 });
    if (batch.length === 0) return all;
    all.push(...batch);
    position = batch[batch.length - 1]!.logPosition;
  }
}

/**
 * The whole log once `ready(log)` holds. The read horizon is server-wide: a transaction
 * anywhere on the server (another test's, say) may hold a committed event back for a moment.
 */
export async function readWholeLogUntil(store: EventStore, ready: (log: RecordedEvent[]) => boolean, timeoutMs = 5000): Promise<RecordedEvent[]> {
  const until = Date.now() + timeoutMs;
  let log = await readWholeLog(store);
  while (!ready(log) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 10));
    log = await readWholeLog(store);
  }
  return log;
}

async function expectConflict(p: Promise<unknown>, expected: string, actual: number): Promise<void> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  const c = error as ConcurrencyError;
  expect(c.code).toBe('event_store.wrong_expected_version');
  expect(c.extra).toMatchObject({ expected, actual });
  expect(c.message).toContain(String(actual));
}

export function eventStoreContract(adapter: string, subject: () => ContractSubject, capabilities: ContractCapabilities = ALL_CAPABILITIES): void {
  describe(`event store contract: ${adapter}`, () => {
    let store: EventStore;
    beforeAll(() => {
      store = subject().store;
    });

    describe('expected version rules', () => {
      it('no_stream succeeds on a new stream and fails on an existing one', async () => {
        const s = stream();
        const r = await store.append(s, [newEvent()], ExpectedVersion.noStream);
        expect(r.version).toBe(1);
        await expectConflict(store.append(s, [newEvent()], ExpectedVersion.noStream), 'no_stream', 1);
        expect(await store.streamVersion(s)).toBe(1);
      });

      it('stream_exists fails on a new stream and succeeds on an existing one', async () => {
        const s = stream();
        await expectConflict(store.append(s, [newEvent()], ExpectedVersion.streamExists), 'stream_exists', 0);
        expect(await store.readStream(s)).toEqual([]);
        await store.append(s, [newEvent()], ExpectedVersion.noStream);
        const r = await store.append(s, [newEvent(), newEvent()], ExpectedVersion.streamExists);
        expect(r.version).toBe(3);
      });

      it('an exact version succeeds when it matches and fails when it does not, both ways', async () => {
        const s = stream();
        await expectConflict(store.append(s, [newEvent()], ExpectedVersion.exact(1)), '1', 0);
        const first = await store.append(s, [newEvent()], ExpectedVersion.exact(0));
        expect(first.version).toBe(1);
        await expectConflict(store.append(s, [newEvent()], ExpectedVersion.exact(0)), '0', 1);
        await expectConflict(store.append(s, [newEvent()], ExpectedVersion.exact(2)), '2', 1);
        const second = await store.append(s, [newEvent(), newEvent()], ExpectedVersion.exact(1));
        expect(second.version).toBe(3);
        expect((await store.readStream(s)).map((e) => e.streamPosition)).toEqual([1, 2, 3]);
      });

      it('any succeeds on a new stream and on an existing one', async () => {
        const s = stream();
        expect((await store.append(s, [newEvent()], ExpectedVersion.any)).version).toBe(1);
        expect((await store.append(s, [newEvent()], ExpectedVersion.any)).version).toBe(2);
      });
    });

    describe('what is stored', () => {
      it('keeps id, type, schema version, data, metadata, positions and recorded-at', async () => {
        const s = stream();
        const e = { ...newEvent('RequestSubmitted', { title: { en: 'Asset declarations', ar: 'إقرارات الذمة المالية' }, n: 1.5, ok: true, none: null }), schemaVersion: 2 };
        const before = Date.now();
        const r = await store.append(s, [e], ExpectedVersion.noStream);
        const [read] = await store.readStream(s);
        expect(read).toMatchObject({
          id: e.id,
          type: 'RequestSubmitted',
          schemaVersion: 2,
          data: e.data,
          metadata: e.metadata,
          streamId: s,
          streamPosition: 1,
          globalPosition: r.lastGlobalPosition,
        });
        expect(read!.logPosition).toEqual(r.logPosition);
        expect(read!.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5000);
      });

      it('reads a stream from a position, and an unknown stream as empty', async () => {
        const s = stream();
        await store.append(s, [newEvent('A'), newEvent('B'), newEvent('C')], ExpectedVersion.noStream);
        expect((await store.readStream(s, { from: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect(await store.readStream(stream())).toEqual([]);
        expect(await store.streamVersion(stream())).toBe(0);
      });

      const ifIdsUniqueAcrossStreams = capabilities.rejectsEventIdsStoredInOtherStreams ? it : it.skip;
      ifIdsUniqueAcrossStreams('an append is atomic: a batch is all stored or none of it', async () => {
        const s = stream();
        const dup = newEvent();
        await store.append(stream(), [dup], ExpectedVersion.any);
        await expect(store.append(s, [newEvent(), dup], ExpectedVersion.any)).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(s)).toEqual([]);
        expect(await store.streamVersion(s)).toBe(0);
      });
    });

    describe('concurrency', () => {
      it('50 concurrent appenders on one stream: exactly one success per version, contiguous, no duplicates', async () => {
        const s = stream();
        await store.append(s, [newEvent()], ExpectedVersion.noStream);
        // Every appender reads the version, then tries to append at it; losers retry.
        const writers = Array.from({ length: 50 }, (_, i) => i);
        const conflicts: number[] = [];
        await Promise.all(
          writers.map(async (w) => {
            for (;;) {
              const v = await store.streamVersion(s);
              try {
                await store.append(s, [newEvent('Wrote', { w })], ExpectedVersion.exact(v));
                return;
              } catch (e) {
                if (!(e instanceof ConcurrencyError)) throw e;
                conflicts.push(w);
              }
            }
          }),
        );
        const events = await store.readStream(s);
        expect(events.map((e) => e.streamPosition)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
        const writersSeen = events.slice(1).map((e) => (e.data as { w: number }).w);
        expect(new Set(writersSeen).size).toBe(50);
        expect(conflicts.length).toBeGreaterThan(0); // they really did race
      });

      it('50 appenders racing for the same exact version: one wins, 49 conflict', async () => {
        const s = stream();
        await store.append(s, [newEvent()], ExpectedVersion.noStream);
        const results = await Promise.allSettled(Array.from({ length: 50 }, () => store.append(s, [newEvent()], ExpectedVersion.exact(1))));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected).toHaveLength(49);
        for (const r of rejected) expect(r.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.streamVersion(s)).toBe(2);
      });

      it('readAll while many writers append concurrently sees every event exactly once, each stream in order', async () => {
        const start = (await readWholeLog(store)).at(-1)?.logPosition;
        const streams = Array.from({ length: 16 }, () => stream('c'));
        const written = new Set<string>();
        let done = false;
        const seen: RecordedEvent[] = [];
        // Readers lag behind the oldest transaction still running anywhere on the server, so
        // after the writers finish the reader keeps going until it has seen every event.
        const reader = (async () => {
          let position = start;
          const until = Date.now() + 30_000;
          for (;;) {
            const finished = done;
            const batch = await store.readAll({ ...(position ? { after: position } : {}), limit: 50 });
            seen.push(...batch);
            if (batch.length > 0) position = batch[batch.length - 1]!.logPosition;
            else if (finished && seen.filter((e) => written.has(e.id)).length >= written.size) return;
            else if (Date.now() > until) return;
            else if (batch.length === 0) await new Promise((r) => setTimeout(r, 10));
          }
        })();
        await Promise.all(
          streams.map(async (s) => {
            for (let i = 0; i < 20; i++) {
              const batch = [newEvent('W', { i }), newEvent('W', { i })];
              await store.append(s, batch, ExpectedVersion.any);
              batch.forEach((e) => written.add(e.id));
            }
          }),
        );
        done = true;
        await reader;
        const ours = seen.filter((e) => written.has(e.id));
        expect(ours).toHaveLength(written.size);
        expect(new Set(ours.map((e) => e.id)).size).toBe(written.size);
        for (let i = 1; i < seen.length; i++) expect(subject().compare(seen[i - 1]!.logPosition, seen[i]!.logPosition)).toBeLessThan(0);
        for (const s of streams) {
          const positions = ours.filter((e) => e.streamId === s).map((e) => e.streamPosition);
          expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        }
      });
    });

    describe('bad input is refused and writes nothing', () => {
      const cases: Array<[string, () => [unknown, unknown, unknown]]> = [
        ['an empty event list', () => [stream(), [], ExpectedVersion.any]],
        ['an empty stream id', () => ['', [newEvent()], ExpectedVersion.any]],
        ['an oversized stream id', () => ['s'.repeat(201), [newEvent()], ExpectedVersion.any]],
        ['a stream id with spaces', () => ['a stream', [newEvent()], ExpectedVersion.any]],
        ['data with a BigInt', () => [stream(), [{ ...newEvent(), data: { n: BigInt(1) } }], ExpectedVersion.any]],
        ['data with a function', () => [stream(), [{ ...newEvent(), data: { f: () => 1 } }], ExpectedVersion.any]],
        ['data with undefined', () => [stream(), [{ ...newEvent(), data: { u: undefined } }], ExpectedVersion.any]],
        ['data with NaN', () => [stream(), [{ ...newEvent(), data: { n: Number.NaN } }], ExpectedVersion.any]],
        ['data with a Date', () => [stream(), [{ ...newEvent(), data: { d: new Date() } }], ExpectedVersion.any]],
        [
          'circular data',
          () => {
            const o: Record<string, unknown> = {};
            o.self = o;
            return [stream(), [{ ...newEvent(), data: o }], ExpectedVersion.any];
          },
        ],
        ['an unknown expected-version kind', () => [stream(), [newEvent()], { kind: 'whatever' }]],
        ['a negative exact version', () => [stream(), [newEvent()], ExpectedVersion.exact(-1)]],
        ['a fractional exact version', () => [stream(), [newEvent()], { kind: 'exact', version: 1.5 }]],
        ['a missing expected version', () => [stream(), [newEvent()], undefined]],
        ['an event id that is not a UUID', () => [stream(), [{ ...newEvent(), id: 'nope' }], ExpectedVersion.any]],
        ['an empty event type', () => [stream(), [{ ...newEvent(), type: '' }], ExpectedVersion.any]],
        ['a zero schema version', () => [stream(), [{ ...newEvent(), schemaVersion: 0 }], ExpectedVersion.any]],
        ['metadata without an actor', () => [stream(), [{ ...newEvent(), metadata: { ...newEvent().metadata, actorId: '' } }], ExpectedVersion.any]],
        ['two events with one id', () => { const e = newEvent(); return [stream(), [e, e], ExpectedVersion.any]; }],
        ['oversized data', () => [stream(), [{ ...newEvent(), data: { big: 'x'.repeat(300 * 1024) } }], ExpectedVersion.any]],
      ];
      it.each(cases)('%s', async (_label, make) => {
        const [s, events, expected] = make();
        const before = await readWholeLog(store);
        const error = await (store.append as (...a: unknown[]) => Promise<unknown>)(s, events, expected).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).code).toBe('event_store.invalid_append');
        expect((error as ValidationError).details.length).toBeGreaterThan(0);
        const after = await readWholeLog(store, before.at(-1)?.logPosition);
        expect(after).toEqual([]);
        if (typeof s === 'string' && s.length > 0 && s.length <= 200) expect(await store.streamVersion(s)).toBe(0);
      });
    });
  });
}
