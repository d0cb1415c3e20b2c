import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';
import { ACTORS, api, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

// Completion both sides agree on, and offers that expire on their own, through the API as
// started: the real process managers, projector and offer expiry scheduler. The scheduler's
// clock is the test's (the commands' is the real one): no test waits for a window to end.

let t: TestApp;
let http: ReturnType<typeof api>;
let schedulerNow = new Date();

beforeAll(async () => {
  t = await startTestApp({ OFFER_EXPIRY_POLL_MS: '50' }, { clock: () => schedulerNow });
  http = api(t.server);
});
afterAll(() => t.close());

const get = (path: string, actor: keyof typeof ACTORS = 'secretariat') => request(t.server).get(path).set(ACTORS[actor]);
const types = async (stream: string, pool = t.db.pool) => (await streamEvents(pool, stream)).map((e) => e.type);

/** A request of KE with an active engagement on a fresh offer, one milestone confirmed: ready to complete. */
async function deliveredEngagement(amount: string) {
  const requestId: string = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
  await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
  const offerId: string = (await http.post('donor', '/offers', offerBody({ capacity: { kind: 'money', amount: '100000.00', currency: 'CHF' } })).expect(201)).body.id;
  const engagementId: string = (await http.post('secretariat', '/engagements', { requestId, offerId, amount, score: 0.8, reasons: ['fits'] }).expect(201)).body.id;
  await http.post('donor', `/engagements/${engagementId}/accept`).expect(200);
  await http.post('state', `/engagements/${engagementId}/accept`).expect(200);
  await eventually(() => types(`engagement-${engagementId}`), (ts) => ts.includes('EngagementActivated'));
  const milestoneId: string = (await http.post('donor', `/engagements/${engagementId}/milestones`, { title: { en: 'Training held' }, dueDate: '2027-03-31' }).expect(201)).body.milestoneId;
  await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
  await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/confirm`).expect(200);
  return { requestId, offerId, engagementId };
}

describe('completion both sides agree on', () => {
  it('delivered figures count acknowledged engagements only; the summary says how many completions await acknowledgement', async () => {
    const a = await deliveredEngagement('1000.00');
    const b = await deliveredEngagement('250.00');
    await http.post('donor', `/engagements/${a.engagementId}/complete`).expect(200);
    const completedB = (await http.post('donor', `/engagements/${b.engagementId}/complete`).expect(200)).body;

    let summary = (await get(`/coordination/summary?minPosition=${completedB.globalPosition}`).expect(200)).body;
    expect(summary.completions).toEqual({ awaitingAcknowledgement: 2, acknowledged: 0 });
    expect(summary.funding.find((l: { currency: string }) => l.currency === 'CHF')).toMatchObject({ committed: 125_000, delivered: 0 });

    const contested = (await http.post('state', `/engagements/${b.engagementId}/contest`, { reason: 'Attendance lists missing' }).expect(200)).body;
    const acknowledged = (await http.post('state', `/engagements/${a.engagementId}/acknowledge`).expect(200)).body;
    const last = Math.max(contested.globalPosition, acknowledged.globalPosition);
    summary = (await get(`/coordination/summary?minPosition=${last}`).expect(200)).body;
    expect(summary.completions).toEqual({ awaitingAcknowledgement: 0, acknowledged: 1 });
    expect(summary.funding.find((l: { currency: string }) => l.currency === 'CHF')).toMatchObject({ delivered: 100_000 });
    expect(summary.engagements.byStatus).toMatchObject({ acknowledged: 1, active: 1 });

    const engagementB = (await get(`/engagements/${b.engagementId}?minPosition=${last}`).expect(200)).body;
    expect(engagementB).toMatchObject({ status: 'active', contestReason: 'Attendance lists missing', acknowledgedAt: null });
    const engagementA = (await get(`/engagements/${a.engagementId}?minPosition=${last}`, 'state').expect(200)).body;
    expect(engagementA).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(String) });

    const country = (await get(`/coordination/countries/KE?minPosition=${last}`).expect(200)).body;
    expect(country.funding.find((l: { currency: string }) => l.currency === 'CHF')).toMatchObject({ delivered: 100_000 });
    await eventually(() => types(`request-${a.requestId}`), (ts) => ts.includes('RequestDelivered'));
    expect(await types(`request-${b.requestId}`)).not.toContain('RequestDelivered');
  });

  it('only the requesting State acknowledges or contests, only a completed engagement, and a contest needs a reason', async () => {
    const e = await deliveredEngagement('10.00');
    await http.post('state', `/engagements/${e.engagementId}/acknowledge`).expect(409);
    await http.post('donor', `/engagements/${e.engagementId}/complete`).expect(200);
    expect((await http.post('secretariat', `/engagements/${e.engagementId}/acknowledge`).expect(403)).body.code).toBe('access.role_not_allowed');
    expect((await http.post('otherState', `/engagements/${e.engagementId}/contest`, { reason: 'x' }).expect(403)).body.code).toBe('access.not_own_country');
    expect((await http.post('state', `/engagements/${e.engagementId}/contest`, { reason: ' ' }).expect(400)).body.code).toBe('input.reason_required');
    expect((await http.post('state', `/engagements/${e.engagementId}/contest`, {}).expect(400)).body.code).toBe('request.invalid_body');
  });
});

describe('offers that expire', () => {
  it('the donor extends before the end; the scheduler expires the offer once after the new end, and nothing can extend it then', async () => {
    schedulerNow = new Date('2027-01-01T00:00:00Z');
    const offerId: string = (await http.post('donor', '/offers', offerBody({ availability: { from: '2026-01-01', to: '2027-03-31' } })).expect(201)).body.id;
    expect((await http.post('otherDonor', `/offers/${offerId}/extend`, { to: '2027-06-30' }).expect(403)).body.code).toBe('access.not_own_offer');
    expect((await http.post('donor', `/offers/${offerId}/extend`, { to: '2027-02-28' }).expect(400)).body.code).toBe('input.invalid');
    const extended = (await http.post('donor', `/offers/${offerId}/extend`, { to: '2027-06-30' }).expect(200)).body;
    expect(extended.events).toEqual(['OfferExtended']);
    const row = (await get(`/offers/${offerId}?minPosition=${extended.globalPosition}`, 'donor').expect(200)).body;
    expect(row).toMatchObject({ availableTo: '2027-06-30', status: 'open' });

    // after the old end, before the new one: nothing happens
    schedulerNow = new Date('2027-04-15T00:00:00Z');
    await new Promise((r) => setTimeout(r, 300));
    expect(await types(`offer-${offerId}`)).toEqual(['OfferRegistered', 'OfferExtended']);

    schedulerNow = new Date('2027-07-01T00:00:01Z');
    const events = await eventually(() => streamEvents(t.db.pool, `offer-${offerId}`), (es) => es.some((e) => e.type === 'OfferExpired'));
    expect(events.at(-1)).toMatchObject({ type: 'OfferExpired', data: { offerId, at: '2027-07-01T00:00:01.000Z' }, metadata: { actorId: 'process:offer-expiry', actorRole: 'system' } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await types(`offer-${offerId}`)).filter((x) => x === 'OfferExpired')).toHaveLength(1);
    expect((await http.post('donor', `/offers/${offerId}/extend`, { to: '2027-12-31' }).expect(409)).body.code).toBe('offer.expired');
  });

  it('refuses an extension once the window has ended, even before the scheduler expired the offer', async () => {
    schedulerNow = new Date('2000-01-01T00:00:00Z'); // the scheduler sees nothing due
    const offerId: string = (await http.post('donor', '/offers', offerBody({ availability: { from: '2020-01-01', to: '2021-12-31' } })).expect(201)).body.id;
    expect((await http.post('donor', `/offers/${offerId}/extend`, { to: '2030-12-31' }).expect(409)).body.code).toBe('offer.window_ended');
  });

  it('survives a restart: the API stopped before the due time and started again after it expires the offer once', async () => {
    const db = await createTestDatabase();
    try {
      const before = await startTestApp({ OFFER_EXPIRY_POLL_MS: '50' }, { db, clock: () => new Date('2027-03-01T00:00:00Z') });
      let offerId: string;
      try {
        offerId = (await api(before.server).post('donor', '/offers', offerBody({ availability: { from: '2026-01-01', to: '2027-03-31' } })).expect(201)).body.id;
        await eventually(async () => (await db.pool.query('SELECT 1 FROM case_process.offer_expiries WHERE offer_id = $1', [offerId])).rowCount, (n) => n === 1);
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        await before.close();
      }
      expect(await types(`offer-${offerId}`, db.pool)).toEqual(['OfferRegistered']);

      for (const day of ['2027-04-02T09:00:00Z', '2027-04-03T09:00:00Z']) {
        const after = await startTestApp({ OFFER_EXPIRY_POLL_MS: '50' }, { db, clock: () => new Date(day) });
        try {
          await eventually(() => types(`offer-${offerId}`, db.pool), (ts) => ts.includes('OfferExpired'));
          await new Promise((r) => setTimeout(r, 300));
        } finally {
          await after.close();
        }
      }
      const expired = (await streamEvents(db.pool, `offer-${offerId}`)).filter((e) => e.type === 'OfferExpired');
      expect(expired.map((e) => e.data.at)).toEqual(['2027-04-02T09:00:00.000Z']);
    } finally {
      await db.drop();
    }
  });

  it('readiness knows the scheduler', async () => {
    const ready = await request(t.server).get('/health/ready').expect(200);
    expect(ready.body.checks['consumer:case-offer-expiry']).toEqual({ status: 'up' });
  });
});
