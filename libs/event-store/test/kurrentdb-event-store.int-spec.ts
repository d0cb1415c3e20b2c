import { ValidationError } from '@ta/core';
import { compareLogPositions, ExpectedVersion, openKurrentDbEventStore, type KurrentDbEventStoreHandle, type NewEvent } from '../src';
import { eventStoreContract, newEvent, readWholeLog, stream } from './event-store.contract';

/**
 * The event store contract on a real KurrentDB server. Set TEST_KURRENTDB_URL to a server
 * this run may write to (test streams are random and never deleted), e.g.
 *   TEST_KURRENTDB_URL='kurrentdb://localhost:2113?tls=false' npx jest libs/event-store
 * (docker compose --profile kurrentdb up kurrentdb starts one). Without it, the suite is
 * skipped, visibly: nothing here is mocked. Only the first test, opening where no server
 * listens, runs everywhere.
 */
const url = process.env.TEST_KURRENTDB_URL;

describe('opening the KurrentDB adapter', () => {
  it('fails at once where no server listens, naming the server without its password', async () => {
    const t0 = Date.now();
    const error = await openKurrentDbEventStore({ connectionString: 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^KurrentDB at kurrentdb:\/\/admin:\*\*\*@127\.0\.0\.1:1\?tls=false cannot be read: /);
    expect(error?.message).not.toContain('s3cret');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});

const SKIPPED = 'KurrentDB contract suite skipped: set TEST_KURRENTDB_URL to a reachable server (e.g. kurrentdb://localhost:2113?tls=false)';

if (!url) {
  console.warn(SKIPPED);
  describe.skip(SKIPPED, () => {
    it('event store contract on KurrentDB, and KurrentDB specifics', () => undefined);
  });
} else {
  let es: KurrentDbEventStoreHandle;

  beforeAll(async () => {
    es = await openKurrentDbEventStore({ connectionString: url });
  });
  afterAll(async () => {
    await es?.close();
  });

  eventStoreContract('KurrentDB', () => ({ store: es.store, compare: compareLogPositions }), { rejectsEventIdsStoredInOtherStreams: false });

  describe('KurrentDB specifics', () => {
    it('a multi-event append reports the position of its last event, as read back', async () => {
      const s = stream('k');
      const r = await es.store.append(s, [newEvent('A'), newEvent('B'), newEvent('C')], ExpectedVersion.noStream);
      const read = await es.store.readStream(s);
      expect(read.map((e) => e.streamPosition)).toEqual([1, 2, 3]);
      expect(r.version).toBe(3);
      expect(r.logPosition).toEqual(read[2]!.logPosition);
      expect(r.lastGlobalPosition).toBe(read[2]!.globalPosition);
      expect(compareLogPositions(read[0]!.logPosition, read[1]!.logPosition)).toBeLessThan(0);
    });

    it("an append over the server's maximum append size (1 MiB by default) is refused whole: nothing stored", async () => {
      const s = stream('big');
      // Each event is within the port's 256 KiB; together they exceed the server's limit.
      const events: NewEvent[] = Array.from({ length: 8 }, (_, i) => newEvent('Big', { i, pad: 'x'.repeat(200 * 1024) }));
      const before = (await readWholeLog(es.store)).at(-1)?.logPosition;
      const error = await es.store.append(s, events, ExpectedVersion.any).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe('event_store.invalid_append');
      expect(await es.store.readStream(s)).toEqual([]);
      expect(await es.store.streamVersion(s)).toBe(0);
      expect((await readWholeLog(es.store, before)).filter((e) => e.streamId === s)).toEqual([]);
    });

    it('a retried append (same event ids, same expected version) is accepted once, not stored twice', async () => {
      const s = stream('retry');
      const batch = [newEvent(), newEvent()];
      const first = await es.store.append(s, batch, ExpectedVersion.noStream);
      const again = await es.store.append(s, batch, ExpectedVersion.noStream);
      expect(again.version).toBe(first.version);
      expect(await es.store.readStream(s)).toHaveLength(2);
    });

    it('readAll leaves out system events (stream metadata, links)', async () => {
      const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
      const raw = KurrentDBClient.connectionString(url);
      try {
        const before = (await readWholeLog(es.store)).at(-1)?.logPosition;
        const s = stream('meta');
        await es.store.append(s, [newEvent()], ExpectedVersion.noStream);
        await raw.setStreamMetadata(s, { maxCount: 1000 }); // a $metadata event in $$<stream>
        await es.store.append(s, [newEvent()], ExpectedVersion.exact(1));
        const after = await readWholeLog(es.store, before);
        expect(after.filter((e) => e.streamId === s).map((e) => e.streamPosition)).toEqual([1, 2]);
        expect(after.filter((e) => e.type.startsWith('$') || e.streamId.startsWith('$'))).toEqual([]);
      } finally {
        await raw.dispose();
      }
    });

    it('refuses a $ stream or event type before the server sees it', async () => {
      await expect(es.store.append('$ta-test', [newEvent()], ExpectedVersion.any)).rejects.toBeInstanceOf(ValidationError);
      await expect(es.store.append(stream(), [newEvent('$Sneaky')], ExpectedVersion.any)).rejects.toBeInstanceOf(ValidationError);
    });

    it("another process's append wakes a subscriber through the $all subscription", async () => {
      const other = await openKurrentDbEventStore({ connectionString: url });
      let woken = 0;
      const off = es.store.onAppended(() => woken++);
      try {
        await new Promise((r) => setTimeout(r, 500)); // the subscription is live from the end of $all
        await other.store.append(stream('wake'), [newEvent()], ExpectedVersion.any);
        const until = Date.now() + 5000;
        while (woken === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(woken).toBeGreaterThan(0);
      } finally {
        off();
        await other.close();
      }
    });
  });
}
