import { startTestApp, type TestApp } from '../support/app';
import { api, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

/**
 * POST /offers/{id}/amend over HTTP on real PostgreSQL: the provider amends the amount and the
 * eligible countries (OfferAmended with only what changed, the offers read model follows); the
 * same amendment again records nothing; below what is committed, in another currency, by
 * another role, or naming nothing: refused, nothing recorded.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t?.close());

describe('amending an offer', () => {
  it('records only what changed, refuses an amount below what is committed, and the read model follows', async () => {
    const http = api(t.server);
    const offerId = (await http.post('donor', '/offers', offerBody()).expect(201)).body.id as string;
    // 40,000 EUR committed to an agreed engagement
    const requestId = (await http.post('state', '/requests', requestBody({ country: 'KE' })).expect(201)).body.id;
    await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
    const engagement = (await http.post('secretariat', '/engagements', { requestId, offerId, amount: '40000.00', score: 0.9, reasons: ['fit'] }).expect(201)).body.id;
    await http.post('donor', `/engagements/${engagement}/accept`).expect(200);
    await http.post('state', `/engagements/${engagement}/accept`).expect(200);
    await eventually(async () => (await streamEvents(t.db.pool, `offer-${offerId}`)).map((e) => e.type), (types) => types.includes('CapacityCommitted'));

    await http.post('donor', `/offers/${offerId}/amend`, { capacity: { kind: 'money', amount: '150000.00', currency: 'EUR' }, eligibleCountries: ['KE', 'UG', 'TZ'] }).expect(200);
    const events = await streamEvents(t.db.pool, `offer-${offerId}`);
    expect(events.at(-1)).toMatchObject({
      type: 'OfferAmended',
      data: { offerId, capacity: { kind: 'money', amount: 15_000_000, currency: 'EUR' }, remaining: 11_000_000, eligibleCountries: ['KE', 'UG', 'TZ'] },
    });
    expect(events.at(-1)!.data).not.toHaveProperty('eligibleRegions');
    await eventually(
      async () => (await t.db.pool.query('SELECT capacity, remaining, eligible_countries FROM coordination.offers WHERE offer_id = $1', [offerId])).rows[0],
      (r) => r?.capacity === '15000000' && r?.remaining === '11000000' && r?.eligible_countries.length === 3,
    );

    // The offer's stream, where an amendment would be recorded: the process managers may still be
    // appending the engagement's activation elsewhere in the log (a count of the whole log raced them).
    const offerEvents = async () => (await streamEvents(t.db.pool, `offer-${offerId}`)).length;
    const before = await offerEvents();
    await http.post('donor', `/offers/${offerId}/amend`, { capacity: { kind: 'money', amount: '150000.00', currency: 'EUR' } }).expect(200);
    expect((await http.post('donor', `/offers/${offerId}/amend`, { capacity: { kind: 'money', amount: '39999.99', currency: 'EUR' } }).expect(409)).body.code).toBe('offer.amount_below_committed');
    expect((await http.post('donor', `/offers/${offerId}/amend`, { capacity: { kind: 'money', amount: '150000.00', currency: 'USD' } }).expect(400)).body.code).toBe('input.invalid');
    expect((await http.post('donor', `/offers/${offerId}/amend`, {}).expect(400)).body.code).toBe('request.invalid_body');
    expect((await http.post('state', `/offers/${offerId}/amend`, { eligibleCountries: ['KE'] }).expect(403)).body.code).toBe('access.role_not_allowed');
    expect((await http.post('otherDonor', `/offers/${offerId}/amend`, { eligibleCountries: ['KE'] }).expect(403)).body.code).toMatch(/^access\./);
    expect(await offerEvents()).toBe(before);
  }, 60_000);
});
