import { randomUUID } from 'node:crypto';
import { openPostgresEventStore, type PostgresEventStoreHandle } from '@ta/event-store';
import { CommandExecutor, type Actor } from '@ta/platform';
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { CaseCommands, OfferExpiryScheduler, OFFER_EXPIRY_CONSUMER, processManagerMigrations, type CaseCommand, type OfferExpirySchedulerOptions } from '../src';

// The offer expiry scheduler on a real PostgreSQL event store: the schedule follows the events,
// a due offer expires once, across restarts, concurrent schedulers and a schedule row that
// comes back. The clock is the test's: no test waits for a day to pass.

let db: TestDatabase;
let es: PostgresEventStoreHandle;
let executor: CommandExecutor;
const running: OfferExpiryScheduler[] = [];

const donor: Actor = { id: 'd', role: 'donor', organisation: 'org-norad' };

beforeEach(async () => {
  db = await createTestDatabase({ poolSize: 20 });
  es = await openPostgresEventStore(db.pool);
  await runMigrations(db.pool, processManagerMigrations);
  executor = new CommandExecutor(db.pool, es.store);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await es.close();
  await db.drop();
});

function scheduler(clock: () => Date, options: OfferExpirySchedulerOptions = {}): OfferExpiryScheduler {
  const s = new OfferExpiryScheduler(db.pool, es, executor, { clock, pollIntervalMs: 60_000, ...options });
  running.push(s);
  return s;
}

async function stop(s: OfferExpiryScheduler): Promise<void> {
  await s.stop();
  running.splice(running.indexOf(s), 1);
}

async function send(command: CaseCommand, actor: Actor = donor): Promise<void> {
  await new CaseCommands(executor, es.store, db.pool).execute(command, { actor }, {});
}

async function registerOffer(to: string): Promise<string> {
  const offerId = randomUUID();
  await send({
    type: 'RegisterOffer',
    offerId,
    at: '2026-01-05T10:00:00Z',
    providerId: 'org-norad',
    providerKind: 'bilateral',
    taTypes: ['c2-capacity-building'],
    articles: ['art-9'],
    eligibleCountries: ['KE'],
    eligibleRegions: [],
    languages: ['en'],
    modality: 'remote',
    capacity: { kind: 'expert_days', days: 20 },
    availability: { from: '2026-01-01', to },
    title: { en: 'Procurement integrity' },
    description: { en: 'Remote advice.' },
  });
  return offerId;
}

const offerEvents = async (offerId: string) => (await es.store.readStream(`offer-${offerId}`)).map((e) => ({ type: e.type, data: e.data as Record<string, unknown> }));
const expiries = async (offerId: string) => (await offerEvents(offerId)).filter((e) => e.type === 'OfferExpired');
const scheduled = async () =>
  (await db.pool.query<{ offer_id: string; due_at: Date }>('SELECT offer_id, due_at FROM case_process.offer_expiries ORDER BY offer_id')).rows.map((r) => ({
    offerId: r.offer_id,
    dueAt: r.due_at.toISOString(),
  }));

async function caughtUp(s: OfferExpiryScheduler): Promise<void> {
  await waitFor(async () => (await s.status()).lagEvents === 0);
}

describe('offer expiry scheduler', () => {
  it('keeps the schedule from the events: registered, extended, withdrawn', async () => {
    const s = scheduler(() => new Date('2026-02-01T00:00:00Z'));
    s.start();
    const a = await registerOffer('2026-06-30');
    const b = await registerOffer('2026-09-30');
    await send({ type: 'ExtendOffer', offerId: a, at: '2026-03-01T00:00:00Z', to: '2026-12-31' });
    await send({ type: 'WithdrawOffer', offerId: b, at: '2026-03-01T00:00:00Z', reason: 'Budget cut' });
    await caughtUp(s);
    expect(await scheduled()).toEqual([{ offerId: a, dueAt: '2027-01-01T00:00:00.000Z' }]);
    expect((await s.status()).name).toBe(OFFER_EXPIRY_CONSUMER);
  });

  it('expires a due offer once, the day after its window, stamped with the clock', async () => {
    let now = new Date('2026-06-30T23:59:00Z');
    const s = scheduler(() => now);
    s.start();
    const offerId = await registerOffer('2026-06-30');
    await caughtUp(s);
    expect(await s.expireDue()).toEqual({ expired: [], dropped: [], rescheduled: [] });
    now = new Date('2026-07-01T00:00:05Z');
    expect(await s.expireDue()).toEqual({ expired: [offerId], dropped: [], rescheduled: [] });
    expect(await s.expireDue()).toEqual({ expired: [], dropped: [], rescheduled: [] });
    expect(await expiries(offerId)).toEqual([{ type: 'OfferExpired', data: { offerId, at: '2026-07-01T00:00:05.000Z' } }]);
    expect(await scheduled()).toEqual([]);
  });

  it('survives a restart: stopped before the due time, started after it, it fires once', async () => {
    const before = scheduler(() => new Date('2026-06-15T00:00:00Z'));
    before.start();
    const offerId = await registerOffer('2026-06-30');
    await caughtUp(before);
    await before.expireDue();
    await stop(before);
    expect(await expiries(offerId)).toEqual([]);

    // A new process (new instance, nothing in memory) after the due time: the schedule is in the database.
    const after = scheduler(() => new Date('2026-07-02T08:00:00Z'), { pollIntervalMs: 50 });
    after.start();
    await waitFor(async () => (await expiries(offerId)).length > 0);
    await stop(after);
    const again = scheduler(() => new Date('2026-07-03T08:00:00Z'), { pollIntervalMs: 50 });
    again.start();
    await caughtUp(again);
    await again.expireDue();
    expect(await expiries(offerId)).toHaveLength(1);
  });

  it('never fires twice: schedulers of several processes at once, and a schedule row that comes back', async () => {
    let now = new Date('2026-06-01T00:00:00Z');
    const clock = () => now;
    const first = scheduler(clock);
    first.start();
    const offers = await Promise.all(Array.from({ length: 6 }, () => registerOffer('2026-06-30')));
    await caughtUp(first);
    now = new Date('2026-07-01T12:00:00Z');
    const second = scheduler(clock);
    const runs = await Promise.all([first.expireDue(), second.expireDue(), first.expireDue(), second.expireDue()]);
    expect(runs.flatMap((r) => r.expired).sort()).toEqual([...offers].sort());
    for (const offerId of offers) expect(await expiries(offerId)).toHaveLength(1);

    // As if the deletion had been lost (a restored backup): the decider refuses a second expiry, the row goes.
    // (Once the schedule's consumer has seen the expiries: it deletes their rows, this one too if still behind.)
    await caughtUp(first);
    await db.pool.query(`INSERT INTO case_process.offer_expiries(offer_id, due_at) VALUES ($1, '2026-07-01T00:00:00Z')`, [offers[0]]);
    expect(await first.expireDue()).toEqual({ expired: [], dropped: [offers[0]], rescheduled: [] });
    expect(await expiries(offers[0]!)).toHaveLength(1);
    expect(await scheduled()).toEqual([]);
  });

  it('follows an extension the schedule has not seen yet: the stream decides, the row moves to the new end', async () => {
    const s = scheduler(() => new Date('2026-07-01T12:00:00Z'));
    // not started: the schedule lags behind the extension
    const offerId = await registerOffer('2026-06-30');
    await db.pool.query(`INSERT INTO case_process.offer_expiries(offer_id, due_at) VALUES ($1, '2026-07-01T00:00:00Z')`, [offerId]);
    await send({ type: 'ExtendOffer', offerId, at: '2026-06-20T00:00:00Z', to: '2026-08-31' });
    expect(await s.expireDue()).toEqual({ expired: [], dropped: [], rescheduled: [offerId] });
    expect(await scheduled()).toEqual([{ offerId, dueAt: '2026-09-01T00:00:00.000Z' }]);
    expect(await expiries(offerId)).toEqual([]);
  });

  it('a failing look for due offers shows in its status (readiness prints it), and clears once it works again', async () => {
    const s = scheduler(() => new Date('2026-07-01T12:00:00Z'), { pollIntervalMs: 50 });
    s.start();
    await caughtUp(s);
    await db.pool.query('ALTER TABLE case_process.offer_expiries RENAME TO offer_expiries_away');
    try {
      await waitFor(async () => /^looking for due offers failed at .*offer_expiries/.test((await s.status()).detail ?? ''));
      expect(await s.status()).toMatchObject({ running: true, lastError: { message: expect.stringContaining('offer_expiries') } });
    } finally {
      await db.pool.query('ALTER TABLE case_process.offer_expiries_away RENAME TO offer_expiries');
    }
    await waitFor(async () => (await s.status()).detail === undefined);
  });

  it('expires an offer registered with its window already over without waiting for the next tick', async () => {
    const s = scheduler(() => new Date('2026-07-01T12:00:00Z'), { pollIntervalMs: 600_000 });
    s.start();
    const offerId = await registerOffer('2026-06-01');
    await waitFor(async () => (await expiries(offerId)).length === 1);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
