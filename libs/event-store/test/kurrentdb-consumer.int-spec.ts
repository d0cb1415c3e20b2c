import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import {
  compareLogPositions,
  ExpectedVersion,
  DurableConsumer,
  kurrentDbCheckpointMigrations,
  kurrentDbConsumerLog,
  openKurrentDbEventStore,
  openPostgresEventStore,
  type AppendWaker,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '../src';
import { runMigrations } from '@ta/postgres';
import { newEvent, readWholeLog, stream } from './event-store.contract';

/**
 * A DurableConsumer on a kurrentDbConsumerLog keeps its checkpoint in PostgreSQL, in the handler's transaction, and
 * reads the log only through the port's readAll. Its checkpoint logic runs here on real
 * PostgreSQL in every run, reading the PostgreSQL adapter's log (a real store, nothing
 * mocked); with TEST_KURRENTDB_URL set, the same tests read from KurrentDB.
 */
interface Log {
  readonly store: EventStore;
  readonly waker: AppendWaker;
  compare(a: LogPosition, b: LogPosition): number;
  close(): Promise<void>;
}

type LogFactory = (db: TestDatabase) => Promise<Log>;

const postgresLog: LogFactory = async (db) => {
  const es = await openPostgresEventStore(db.pool);
  return { store: es.store, waker: es.notifier, compare: compareLogPositions, close: () => es.close() };
};

const kurrentDbUrl = process.env.TEST_KURRENTDB_URL;
const kurrentDbLog: LogFactory = async () => {
  const es = await openKurrentDbEventStore({ connectionString: kurrentDbUrl! });
  return { store: es.store, waker: es.store, compare: compareLogPositions, close: () => es.close() };
};

const logs: Array<[string, LogFactory]> = [['the PostgreSQL log', postgresLog], ...(kurrentDbUrl ? [['KurrentDB', kurrentDbLog] as [string, LogFactory]] : [])];

if (!kurrentDbUrl) {
  const skipped = 'KurrentDB consumer on KurrentDB skipped: set TEST_KURRENTDB_URL to a reachable server (ran on the PostgreSQL log only)';
  console.warn(skipped);
  describe.skip(skipped, () => {
    it('checkpointed consumer reading KurrentDB', () => undefined);
  });
}

describe.each(logs)('DurableConsumer on kurrentDbConsumerLog reading %s, checkpoint in PostgreSQL', (_label, openLog) => {
  let db: TestDatabase;
  let log: Log;
  const consumers: DurableConsumer[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 20 });
    await runMigrations(db.pool, kurrentDbCheckpointMigrations);
    log = await openLog(db);
    await db.pool.query('CREATE TABLE sink (consumer text NOT NULL, event_id uuid NOT NULL, commit_position numeric NOT NULL, prepare_position bigint NOT NULL, PRIMARY KEY (consumer, event_id))');
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await log.close();
    await db.drop();
  });

  const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  function sinking(name: string, extra: { failOn?: string; pollIntervalMs?: number; errors?: unknown[] } = {}) {
    const c = new DurableConsumer(
      db.pool,
      kurrentDbConsumerLog(log.store),
      log.waker,
      {
        name,
        batchSize: 200,
        pollIntervalMs: extra.pollIntervalMs ?? 5000,
        standbyRetryMs: 100,
        onError: (e) => extra.errors?.push(e),
        handle: async (events, tx) => {
          for (const e of events) {
            // A primary key violation here would mean an event was applied twice.
            await tx.query('INSERT INTO sink(event_id, commit_position, prepare_position, consumer) VALUES ($1, $2, $3, $4)', [
              e.id,
              e.logPosition.commit,
              e.logPosition.position,
              name,
            ]);
            if (e.id === extra.failOn) throw new Error('handler failed');
          }
        },
      },
    );
    consumers.push(c);
    return c;
  }

  const sunk = async (name: string): Promise<Set<string>> =>
    new Set((await db.pool.query<{ event_id: string }>('SELECT event_id FROM sink WHERE consumer = $1', [name])).rows.map((r) => r.event_id));

  async function write(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const e = newEvent('C', { i });
      ids.push(e.id);
      await log.store.append(stream('cons'), [e], ExpectedVersion.any);
    }
    return ids;
  }

  it('stopped and restarted, resumes from its checkpoint: nothing lost, nothing applied twice', async () => {
    const name = `restart-${randomUUID()}`;
    const errors: unknown[] = [];
    const first = await write(20);
    const a = sinking(name, { errors });
    a.start();
    const hasAll = async (ids: string[]) => {
      const seen = await sunk(name);
      return ids.every((id) => seen.has(id));
    };
    await waitFor(() => hasAll(first), 60_000);
    await a.stop();
    const second = await write(15); // written while no instance runs
    const b = sinking(name, { errors });
    b.start();
    await waitFor(() => hasAll(second), 60_000);
    await waitFor(async () => (await b.status()).lagEvents === 0);
    await b.stop();
    expect(errors).toEqual([]);
  });

  it('a failing batch rolls back its writes and its checkpoint, and is retried', async () => {
    const name = `failing-${randomUUID()}`;
    const poison = newEvent('Poison');
    await log.store.append(stream('p'), [poison], ExpectedVersion.any);
    await waitFor(async () => (await readWholeLog(log.store)).some((e) => e.id === poison.id));
    const errors: unknown[] = [];
    const c = sinking(name, { failOn: poison.id, pollIntervalMs: 50, errors });
    c.start();
    await waitFor(() => errors.length >= 2, 60_000);
    await c.stop();
    const status = await c.status();
    const poisonAt = (await readWholeLog(log.store)).find((e: RecordedEvent) => e.id === poison.id)!.logPosition;
    expect(log.compare(status.checkpoint, poisonAt)).toBeLessThan(0);
    // Whatever was written is at or before the checkpoint: the failing batch left nothing.
    const rows = (await db.pool.query<{ c: string; p: string }>('SELECT commit_position::text AS c, prepare_position::text AS p FROM sink WHERE consumer = $1', [name])).rows;
    for (const r of rows) expect(log.compare({ commit: r.c, position: Number(r.p) }, status.checkpoint)).toBeLessThanOrEqual(0);
    expect((await sunk(name)).has(poison.id)).toBe(false);
    expect(status.lagEvents).toBeGreaterThan(0);
  });

  it('at most one instance of a named consumer is active; the standby takes over when it stops', async () => {
    const name = `single-${randomUUID()}`;
    const a = sinking(name);
    const b = sinking(name);
    a.start();
    await waitFor(() => a.isActive);
    b.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(b.isActive).toBe(false);
    await a.stop();
    await waitFor(() => b.isActive);
    const e = newEvent('AfterTakeover');
    await log.store.append(stream(), [e], ExpectedVersion.any);
    await waitFor(async () => (await sunk(name)).has(e.id), 60_000);
    await b.stop();
  });

  it('is woken after an append, well before its polling interval', async () => {
    const name = `wake-${randomUUID()}`;
    const c = sinking(name, { pollIntervalMs: 60_000 });
    c.start();
    await waitFor(() => c.isActive);
    await waitFor(async () => (await c.status()).lagEvents === 0, 60_000);
    const e = newEvent('Wake');
    await log.store.append(stream(), [e], ExpectedVersion.any);
    const t0 = Date.now();
    await waitFor(async () => (await sunk(name)).has(e.id), 5000);
    expect(Date.now() - t0).toBeLessThan(5000);
    await c.stop();
  });
});
