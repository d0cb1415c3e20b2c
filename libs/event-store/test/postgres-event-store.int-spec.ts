import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  compareLogPositions,
  eventStoreMigrations,
  DurableConsumer,
  ExpectedVersion,
  openPostgresEventStore,
  postgresConsumerLog,
  type ConsumerLog,
  PostgresEventStore,
  type AppendResult,
  type PostgresEventStoreHandle,
  type RecordedEvent,
} from '../src';
import { eventStoreContract, newEvent, readWholeLog, readWholeLogUntil, stream } from './event-store.contract';

let db: TestDatabase;
let es: PostgresEventStoreHandle;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 60 });
  es = await openPostgresEventStore(db.pool);
});
afterAll(async () => {
  await es.close();
  await db.drop();
});

eventStoreContract('PostgreSQL (group commit, the default)', () => ({ store: es.store, compare: compareLogPositions }));
eventStoreContract('PostgreSQL (group commit off)', () => ({
  store: new PostgresEventStore(db.pool, es.notifier, { groupCommit: false }),
  compare: compareLogPositions,
}));

describe('PostgreSQL group commit', () => {
  /**
   * One group at a time: the first append goes alone, and everything submitted in the same tick
   * waits for it and then goes as one group (one transaction: one commit order).
   */
  const grouping = () => new PostgresEventStore(db.pool, es.notifier, { groupCommit: { maxInFlight: 1 } });

  it('appends submitted together share one transaction, and each gets its own version and position', async () => {
    const store = grouping();
    const streams = Array.from({ length: 6 }, () => stream('g'));
    const results = await Promise.all(streams.map((s) => store.append(s, [newEvent('G'), newEvent('G')], ExpectedVersion.noStream)));
    const grouped = results.slice(1);
    expect(new Set(grouped.map((r) => r.logPosition.commit)).size).toBe(1);
    expect(grouped[0]!.logPosition.commit).not.toBe(results[0]!.logPosition.commit);
    for (const [i, r] of results.entries()) {
      expect(r.version).toBe(2);
      const stored = await store.readStream(streams[i]!);
      expect(stored.map((e) => e.streamPosition)).toEqual([1, 2]);
      expect(stored[1]!.globalPosition).toBe(r.lastGlobalPosition);
    }
  });

  it('a wrong expected version fails that append alone; the rest of its group is stored', async () => {
    const store = grouping();
    const existing = stream('exists');
    await es.store.append(existing, [newEvent()], ExpectedVersion.any);
    const fresh = [stream('ok'), stream('ok')];
    const outcomes = await Promise.allSettled([
      store.append(stream('first'), [newEvent()], ExpectedVersion.any),
      store.append(fresh[0]!, [newEvent()], ExpectedVersion.noStream),
      store.append(existing, [newEvent()], ExpectedVersion.noStream),
      store.append(existing, [newEvent()], ExpectedVersion.exact(5)),
      store.append(stream('none'), [newEvent()], ExpectedVersion.streamExists),
      store.append(fresh[1]!, [newEvent()], ExpectedVersion.noStream),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    const reasons = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as { code: string; message: string });
    expect(reasons.map((r) => r.code)).toEqual(Array(3).fill('event_store.wrong_expected_version'));
    expect(reasons[0]!.message).toBe(`Stream ${existing}: expected version no_stream, actual version 1`);
    expect(reasons[1]!.message).toBe(`Stream ${existing}: expected version 5, actual version 1`);
    expect(await es.store.streamVersion(existing)).toBe(1);
    for (const s of fresh) expect(await es.store.streamVersion(s)).toBe(1);
  });

  it('a duplicate event id rolls the group back; each append is then retried alone and only the duplicate fails', async () => {
    const store = grouping();
    const taken = newEvent('Taken');
    await es.store.append(stream('taken'), [taken], ExpectedVersion.any);
    const others = [stream('d'), stream('d'), stream('d')];
    const outcomes = await Promise.allSettled([
      store.append(stream('first'), [newEvent()], ExpectedVersion.any),
      store.append(others[0]!, [newEvent()], ExpectedVersion.noStream),
      store.append(others[1]!, [newEvent(), { ...taken }], ExpectedVersion.noStream),
      store.append(others[2]!, [newEvent()], ExpectedVersion.noStream),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'event_store.duplicate_event_id' });
    expect(await es.store.streamVersion(others[0]!)).toBe(1);
    expect(await es.store.streamVersion(others[1]!)).toBe(0);
    expect(await es.store.streamVersion(others[2]!)).toBe(1);
    const copies = await db.pool.query('SELECT count(*)::int AS n FROM event_store.events WHERE event_id = $1', [taken.id]);
    expect(copies.rows[0].n).toBe(1);
  });

  it('a stream named twice in one group: the second append sees the first', async () => {
    const store = grouping();
    const s = stream('twice');
    const outcomes = await Promise.allSettled([
      store.append(stream('first'), [newEvent()], ExpectedVersion.any),
      store.append(s, [newEvent('A')], ExpectedVersion.noStream),
      store.append(s, [newEvent('B')], ExpectedVersion.exact(1)),
      store.append(s, [newEvent('C')], ExpectedVersion.exact(1)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[2] as PromiseFulfilledResult<AppendResult>).value.version).toBe(2);
    expect((await es.store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('groups from two processes over the same streams, in opposite orders, neither deadlock nor lose an event', async () => {
    // Two adapters stand for two processes; each sends its groups on its own connections.
    const a = new PostgresEventStore(db.pool, es.notifier, { groupCommit: { maxInFlight: 2 } });
    const b = new PostgresEventStore(db.pool, es.notifier, { groupCommit: { maxInFlight: 2 } });
    const shared = Array.from({ length: 8 }, () => stream('shared'));
    const reversed = [...shared].reverse();
    const writes: Promise<AppendResult>[] = [];
    for (let round = 0; round < 25; round++) {
      for (let i = 0; i < shared.length; i++) {
        writes.push(a.append(shared[i]!, [newEvent('A')], ExpectedVersion.any));
        writes.push(b.append(reversed[i]!, [newEvent('B')], ExpectedVersion.any));
      }
    }
    const results = await Promise.all(writes);
    expect(results).toHaveLength(400);
    for (const s of shared) {
      const events = await es.store.readStream(s);
      expect(events.map((e) => e.streamPosition)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      // Within a stream, all-stream order follows stream order.
      const sorted = [...events].sort((x, y) => compareLogPositions(x.logPosition, y.logPosition));
      expect(sorted.map((e) => e.streamPosition)).toEqual(events.map((e) => e.streamPosition));
    }
  });
});

/** Appends inside an explicit transaction the test controls. */
async function openTransactionAppending(streamId: string, n = 1): Promise<{ client: PoolClient; ids: string[]; commit(): Promise<void> }> {
  const client = await db.pool.connect();
  await client.query('BEGIN');
  const events = Array.from({ length: n }, () => newEvent('Late'));
  await es.store.appendWith(client, streamId, events, ExpectedVersion.any);
  return {
    client,
    ids: events.map((e) => e.id),
    async commit() {
      await client.query('COMMIT');
      client.release();
    },
  };
}

describe('PostgreSQL all-stream ordering', () => {
  it('a transaction holding a lower global position that commits last is neither skipped nor repeated', async () => {
    const start = (await readWholeLog(es.store)).at(-1)?.logPosition;
    const [lateStream, earlyStream] = [stream('late'), stream('early')];
    const late = await openTransactionAppending(lateStream);
    const early = await es.store.append(earlyStream, [newEvent('Early')], ExpectedVersion.any);
    // The committed event has a higher global position than the one still in flight.
    const lateRow = await late.client.query<{ global_position: string }>('SELECT global_position FROM event_store.events WHERE event_id = $1', [late.ids[0]]);
    expect(Number(lateRow.rows[0]!.global_position)).toBeLessThan(early.lastGlobalPosition);
    // A naive reader ("global_position > last seen") would now see `early` and later skip `late`.
    const naive = await db.pool.query('SELECT global_position FROM event_store.events WHERE global_position > $1 ORDER BY global_position', [
      Number(lateRow.rows[0]!.global_position) - 1,
    ]);
    expect(naive.rows.map((r) => Number(r.global_position))).toEqual([early.lastGlobalPosition]);

    // Our reader holds the horizon back while the older transaction is open.
    const seen: RecordedEvent[] = [];
    let position = start;
    const readMore = async () => {
      const batch = await readWholeLog(es.store, position);
      seen.push(...batch);
      if (batch.length > 0) position = batch.at(-1)!.logPosition;
    };
    await readMore();
    expect(seen.map((e) => e.id)).not.toContain(late.ids[0]);
    await late.commit();
    // The horizon is server-wide: another transaction may still hold it back for a moment.
    for (let i = 0; i < 500 && !seen.some((e) => e.id === late.ids[0]); i++) {
      await readMore();
      await new Promise((r) => setTimeout(r, 10));
    }
    const ids = seen.map((e) => e.id);
    expect(ids.filter((id) => id === late.ids[0])).toHaveLength(1);
    expect(ids.filter((id) => id === seen.find((e) => e.type === 'Early')?.id)).toHaveLength(1);
    // Only this test's streams: the read horizon is server-wide, so events the earlier tests
    // committed can still come after `start` when another suite's transaction held them back.
    const mine = seen.filter((e) => e.streamId === lateStream || e.streamId === earlyStream);
    expect(mine.map((e) => e.type).sort()).toEqual(['Early', 'Late']);
  });

  it("a consumer's read says when committed events wait behind the read horizon (readAllBehind)", async () => {
    const start = (await readWholeLogUntil(es.store, () => true)).at(-1)?.logPosition;
    const late = await openTransactionAppending(stream('late'));
    const early = await es.store.append(stream('early'), [newEvent('Early')], ExpectedVersion.any);
    // `early` is committed, but the open transaction holds the horizon below it.
    const held = await es.store.readAllBehind(db.pool, { after: start, limit: 10_000 });
    expect(held.events.map((e) => e.globalPosition)).not.toContain(early.lastGlobalPosition);
    expect(held.behind).toBe(true);
    await late.commit();
    let read = held;
    let after = start;
    const seen = [...held.events];
    for (let i = 0; i < 500 && (read.behind || !seen.some((e) => e.globalPosition === early.lastGlobalPosition)); i++) {
      after = seen.at(-1)?.logPosition ?? after;
      await new Promise((r) => setTimeout(r, 10));
      read = await es.store.readAllBehind(db.pool, { after, limit: 10_000 });
      seen.push(...read.events);
    }
    expect(seen.map((e) => e.globalPosition)).toContain(early.lastGlobalPosition);
    expect(seen.map((e) => e.id)).toContain(late.ids[0]);
    expect(read.behind).toBe(false);
  });

  it('within one stream, the all-stream order follows stream positions even when the writers race', async () => {
    const s = stream('race');
    await Promise.all(Array.from({ length: 30 }, (_, i) => es.store.append(s, [newEvent('R', { i })], ExpectedVersion.any)));
    const all = (await readWholeLogUntil(es.store, (log) => log.filter((e) => e.streamId === s).length === 30)).filter((e) => e.streamId === s);
    expect(all.map((e) => e.streamPosition)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('after a restore into a cluster with a lower transaction counter, new events still sort after old ones', async () => {
    const before = await es.store.append(stream(), [newEvent()], ExpectedVersion.any);
    // Simulate the restore: push the stored commit orders far ahead of the current counter.
    await db.pool.query('UPDATE event_store.events SET commit_order = commit_order + 1000000000');
    await db.pool.query('SELECT event_store.ensure_commit_order_monotonic()');
    const after = await es.store.append(stream(), [newEvent()], ExpectedVersion.any);
    expect(BigInt(after.logPosition.commit)).toBeGreaterThan(BigInt(before.logPosition.commit) + 1000000000n);
    const log = await readWholeLogUntil(es.store, (l) => l.some((e) => e.globalPosition === after.lastGlobalPosition));
    expect(log.at(-1)!.globalPosition).toBe(after.lastGlobalPosition);
  });
});

describe('PostgreSQL compact read of the log', () => {
  it('gives the same events as readAll, in the same order, with only the metadata keys asked for, as text', async () => {
    const s = stream('compact');
    const odd = { ...newEvent('Odd', { n: 2 }), schemaVersion: 3, metadata: { ...newEvent().metadata, count: 42, extra: 'x' } };
    await es.store.append(s, [newEvent('First', { n: 1, nested: { a: [1, 'two', null] } }), odd], ExpectedVersion.noStream);
    const full = await readWholeLog(es.store);
    const compact: Awaited<ReturnType<PostgresEventStore['readAllCompact']>> = [];
    for (let after: RecordedEvent['logPosition'] | undefined; ; ) {
      const page = await es.store.readAllCompact({ ...(after ? { after } : {}), limit: 3, metadataKeys: ['actorId', 'occurredAt', 'causationId', 'count'] });
      if (page.length === 0) break;
      compact.push(...page);
      after = page[page.length - 1]!.logPosition;
    }
    expect(compact.map((e) => e.logPosition)).toEqual(full.map((e) => e.logPosition));
    expect(compact.map((e) => [e.type, e.schemaVersion, e.data, e.globalPosition, Math.trunc(e.recordedAtMs)])).toEqual(
      full.map((e) => [e.type, e.schemaVersion, e.data, e.globalPosition, e.recordedAt.getTime()]),
    );
    expect(compact.every((e) => typeof e.recordedAtMs === 'number' && typeof e.globalPosition === 'number')).toBe(true);
    const mine = compact.slice(-2);
    // causationId is null: absent; count, a number, as its JSON text; actorRole and extra not asked for.
    expect(mine[0]!.metadata).toEqual({ actorId: 'user-1', occurredAt: full[full.length - 2]!.metadata.occurredAt });
    expect(mine[1]!.metadata).toEqual({ actorId: 'user-1', occurredAt: full[full.length - 1]!.metadata.occurredAt, count: '42' });
    expect(mine[1]!.schemaVersion).toBe(3);
  });

  it('readableHead gives the position of the last event readAll gives', async () => {
    await es.store.append(stream('head'), [newEvent(), newEvent()], ExpectedVersion.noStream);
    const full = await readWholeLog(es.store);
    expect(await es.store.readableHead()).toEqual(full[full.length - 1]!.logPosition);
  });

  it('refuses a limit outside 1..10,000', async () => {
    await expect(es.store.readAllCompact({ limit: 10_001 })).rejects.toMatchObject({ code: 'event_store.invalid_limit' });
    await expect(es.store.readAllCompact({ limit: 0 })).rejects.toMatchObject({ code: 'event_store.invalid_limit' });
  });
});

describe('PostgreSQL schema and sessions', () => {
  it('migrations are idempotent and safe when two processes run them at once', async () => {
    const other = await createTestDatabase();
    try {
      const results = await Promise.all([runMigrations(other.pool, eventStoreMigrations), runMigrations(other.pool, eventStoreMigrations)]);
      const expected = [...eventStoreMigrations.migrations.map((m) => m.id), ...(eventStoreMigrations.definitions ?? []).map((d) => `function:${d.name}`)];
      expect(results.flat().sort()).toEqual(expected.sort());
      expect(await runMigrations(other.pool, eventStoreMigrations)).toEqual([]);
    } finally {
      await other.drop();
    }
  });

  it('sessions carry idle_in_transaction_session_timeout', async () => {
    const { rows } = await db.pool.query('SHOW idle_in_transaction_session_timeout');
    expect(rows[0].idle_in_transaction_session_timeout).not.toBe('0');
  });
});

describe('closing', () => {
  it('returns every connection: the pool ends at once, even after consumers started together', async () => {
    const other = await createTestDatabase();
    const handle = await openPostgresEventStore(other.pool);
    const consumers = Array.from({ length: 4 }, (_, i) => handle.consumer({ name: `close-${i}`, handle: async () => undefined }));
    consumers.forEach((c) => c.start());
    await new Promise((r) => setTimeout(r, 200));
    await handle.close();
    const t0 = Date.now();
    await other.pool.end();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(other.pool.totalCount).toBe(0);
    await other.drop();
  });
});

describe('durable consumers', () => {
  const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  async function createSink(table: string) {
    await db.pool.query(`CREATE TABLE IF NOT EXISTS ${table} (event_id uuid PRIMARY KEY, seq bigserial)`);
  }

  function sinkingConsumer(name: string, table: string, extra: { failOn?: string; pollIntervalMs?: number } = {}) {
    return es.consumer({
      name,
      batchSize: 7,
      pollIntervalMs: extra.pollIntervalMs ?? 5000,
      standbyRetryMs: 100,
      handle: async (events, tx) => {
        for (const e of events) {
          if (e.id === extra.failOn) throw new Error('handler failed');
          // A primary key violation here would mean an event was applied twice.
          await tx.query(`INSERT INTO ${table}(event_id) VALUES ($1)`, [e.id]);
        }
      },
    });
  }

  it('stopped and restarted, resumes from its checkpoint: nothing lost, nothing repeated', async () => {
    const table = 'sink_restart';
    await createSink(table);
    const name = `restart-${randomUUID()}`;
    const ids: string[] = [];
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const e = newEvent('C', { i });
        ids.push(e.id);
        await es.store.append(stream('cons'), [e], ExpectedVersion.any);
      }
    };
    const count = async () => Number((await db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
    await write(20);
    const first = sinkingConsumer(name, table);
    first.start();
    const total = async () => Number((await db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    const expectedTotal = await total();
    await waitFor(async () => (await count()) === expectedTotal);
    await first.stop();
    await write(15); // written while no consumer runs
    const second = sinkingConsumer(name, table);
    second.start();
    await waitFor(async () => (await count()) === expectedTotal + 15);
    await second.stop();
    const stored = new Set((await db.pool.query(`SELECT event_id FROM ${table}`)).rows.map((r) => r.event_id));
    for (const id of ids) expect(stored.has(id)).toBe(true);
    const status = await second.status();
    expect(status.lagEvents).toBe(0);
  });

  it('says it has caught up only once a read found the end of the log, every earlier event handled (onCaughtUp)', async () => {
    const table = 'sink_caught_up';
    await createSink(table);
    for (let i = 0; i < 20; i++) await es.store.append(stream('cu'), [newEvent('C', { i })], ExpectedVersion.any);
    const total = Number((await db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    const seen: Array<{ readAt: number; handled: number }> = [];
    let handled = 0;
    const started = Date.now();
    const consumer = es.consumer({
      name: `caught-up-${randomUUID()}`,
      batchSize: 7, // three full batches at least before the end of the log
      pollIntervalMs: 5000,
      handle: async (events) => {
        handled += events.length;
      },
      onCaughtUp: (readAt) => seen.push({ readAt, handled }),
    });
    consumer.start();
    await waitFor(() => seen.length > 0);
    await consumer.stop();
    expect(seen[0]!.handled).toBe(total);
    expect(seen[0]!.readAt).toBeGreaterThanOrEqual(started);
  });

  it('a failing batch rolls back its writes and its checkpoint, and is retried', async () => {
    const table = 'sink_failing';
    await createSink(table);
    const name = `failing-${randomUUID()}`;
    const poison = newEvent('Poison');
    await es.store.append(stream('p'), [poison], ExpectedVersion.any);
    // Wait until the poison is below the read horizon, so the first batch holds it.
    await waitFor(async () => (await readWholeLog(es.store)).some((e) => e.id === poison.id));
    const errors: unknown[] = [];
    const failing = es.consumer({
      name,
      batchSize: 10_000,
      pollIntervalMs: 50,
      onError: (e) => errors.push(e),
      handle: async (events, tx) => {
        for (const e of events) {
          await tx.query(`INSERT INTO ${table}(event_id) VALUES ($1)`, [e.id]);
          if (e.id === poison.id) throw new Error('handler failed');
        }
      },
    });
    failing.start();
    await waitFor(() => errors.length >= 2);
    await failing.stop();
    expect(Number((await db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count)).toBe(0);
    const status = await failing.status();
    expect(status.checkpoint).toEqual({ commit: '0', position: 0 });
    expect(status.lagEvents).toBeGreaterThan(0);
  });

  it('at most one instance of a named consumer is active; the standby takes over when it stops', async () => {
    const table = 'sink_single';
    await createSink(table);
    const name = `single-${randomUUID()}`;
    const a = sinkingConsumer(name, table);
    const b = sinkingConsumer(name, table);
    a.start();
    await waitFor(() => a.isActive);
    b.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(b.isActive).toBe(false);
    await a.stop();
    await waitFor(() => b.isActive);
    const e = newEvent('AfterTakeover');
    await es.store.append(stream(), [e], ExpectedVersion.any);
    await waitFor(async () => (await db.pool.query(`SELECT 1 FROM ${table} WHERE event_id = $1`, [e.id])).rowCount === 1);
    await b.stop();
  });

  /**
   * A consumer whose log holds it, after an empty read, inside `expectsMore` (just before it
   * would go to sleep) until the test lets it go: a wake-up or a stop arriving right then.
   */
  function heldConsumer(table: string) {
    const log = postgresConsumerLog(es.store);
    let entered: () => void = () => undefined;
    let inside = new Promise<void>((r) => (entered = r));
    let release: () => void = () => undefined;
    const held: ConsumerLog = {
      ...log,
      expectsMore: async (...args) => {
        const gate = new Promise<void>((r) => (release = r));
        entered();
        await gate;
        return log.expectsMore(...args);
      },
    };
    const consumer = new DurableConsumer(db.pool, held, es.notifier, {
      name: `held-${randomUUID()}`,
      pollIntervalMs: 60_000,
      handle: async (events, tx) => {
        for (const e of events) await tx.query(`INSERT INTO ${table}(event_id) VALUES ($1) ON CONFLICT DO NOTHING`, [e.id]);
      },
    });
    return {
      consumer,
      /** Resolves when the consumer is inside `expectsMore`, held. */
      held: async () => {
        await inside;
        inside = new Promise<void>((r) => (entered = r));
      },
      release: () => release(),
    };
  }

  it('a notification that comes while it is about to sleep is not lost (no wait for the polling interval)', async () => {
    const table = 'sink_held_wake';
    await createSink(table);
    const h = heldConsumer(table);
    h.consumer.start();
    await h.held(); // caught up: an empty read, now between it and the sleep
    const e = newEvent('WakeWhileHeld');
    await es.store.append(stream(), [e], ExpectedVersion.any);
    await new Promise((r) => setTimeout(r, 100)); // the notification arrives meanwhile
    h.release();
    await waitFor(async () => (await db.pool.query(`SELECT 1 FROM ${table} WHERE event_id = $1`, [e.id])).rowCount === 1, 5000);
    await h.held();
    const stopping = h.consumer.stop();
    h.release();
    await stopping;
  });

  it('stop() returns at once even when it comes while the consumer is about to sleep', async () => {
    const table = 'sink_held_stop';
    await createSink(table);
    const h = heldConsumer(table);
    h.consumer.start();
    await h.held();
    const t0 = Date.now();
    const stopping = h.consumer.stop();
    h.release();
    await stopping;
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('does not read again for a wake-up announcing events it has already read (its own NOTIFY after the local wake-up)', async () => {
    const table = 'sink_announced';
    await createSink(table);
    const log = postgresConsumerLog(es.store);
    const e = newEvent('Announced');
    let readAt: RecordedEvent['logPosition'] | null = null;
    let emptyAfterIt = 0;
    const counting: ConsumerLog = {
      ...log,
      read: async (client, after, limit) => {
        const events = await log.read(client, after, limit);
        readAt ??= events.find((x) => x.id === e.id)?.logPosition ?? null;
        if (readAt !== null && compareLogPositions(after, readAt) >= 0 && events.length === 0) emptyAfterIt++;
        return events;
      },
    };
    const consumer = new DurableConsumer(db.pool, counting, es.notifier, {
      name: `announced-${randomUUID()}`,
      pollIntervalMs: 60_000,
      handle: async (events, tx) => {
        for (const x of events) await tx.query(`INSERT INTO ${table}(event_id) VALUES ($1)`, [x.id]);
      },
    });
    try {
      consumer.start();
      await waitFor(() => consumer.isActive);
      await waitFor(async () => (await consumer.status()).lagEvents === 0);
      // The group commit wakes this process's consumers at once, then its NOTIFY (with the
      // event's position) comes back to the same process: that second wake-up is not a read.
      await es.store.append(stream(), [e], ExpectedVersion.any);
      await waitFor(async () => (await db.pool.query(`SELECT 1 FROM ${table} WHERE event_id = $1`, [e.id])).rowCount === 1, 5000);
      await new Promise((r) => setTimeout(r, 500));
      expect({ read: readAt !== null, emptyReadsAfterIt: emptyAfterIt }).toEqual({ read: true, emptyReadsAfterIt: 0 });
      // A wake-up without a position (an append inside a caller's transaction) still reads.
      const f = newEvent('Unannounced');
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await es.store.appendWith(client, stream(), [f], ExpectedVersion.any);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      es.store.notifyAppended();
      await waitFor(async () => (await db.pool.query(`SELECT 1 FROM ${table} WHERE event_id = $1`, [f.id])).rowCount === 1, 5000);
    } finally {
      await consumer.stop();
    }
  });

  it('is woken by a notification, well before its polling interval', async () => {
    const table = 'sink_wake';
    await createSink(table);
    const c = sinkingConsumer(`wake-${randomUUID()}`, table, { pollIntervalMs: 60_000 });
    c.start();
    await waitFor(() => c.isActive);
    await waitFor(async () => (await c.status()).lagEvents === 0);
    const e = newEvent('Wake');
    const t0 = Date.now();
    await es.store.append(stream(), [e], ExpectedVersion.any);
    await waitFor(async () => (await db.pool.query(`SELECT 1 FROM ${table} WHERE event_id = $1`, [e.id])).rowCount === 1, 5000);
    expect(Date.now() - t0).toBeLessThan(5000);
    await c.stop();
  });
});
