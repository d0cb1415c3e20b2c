import request from 'supertest';
import { ExpectedVersion } from '@ta/event-store';
import { randomUUID } from 'node:crypto';
import { f, fixtureId, toNewEvent, wholeCase, type Fixture } from '../../libs/coordination/test/case-fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, api, offerBody, requestBody, triageBody } from '../support/case-api';
import { authHeaders } from '../support/auth';

let t: TestApp;
let last = 0;

// Path ids are UUIDs: the fixtures' readable names through fixtureId.
const id = fixtureId;
const GAP_OLD = id('gap-old');
const SECRET = id('secret');

beforeAll(async () => {
  t = await startTestApp({ COORDINATION_WAIT_TIMEOUT_MS: '1500' });
  const fixtures: Fixture[] = [
    ...Array.from({ length: 5 }, (_, i) => wholeCase(i, { ids: id })).flat(),
    f.submitted(GAP_OLD, '2024-01-01T00:00:00Z', { country: 'PE' }),
    f.triaged(GAP_OLD, '2024-01-02T00:00:00Z'),
    f.submitted(SECRET, '2024-01-01T00:00:00Z', { country: 'UA', restricted: true }),
  ];
  for (const x of fixtures) last = (await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
});
afterAll(() => t.close());

// Queries need a verified actor; by default a donor engaged on no restricted request (sees what the public sees).
const get = (path: string, headers: Record<string, string> = ACTORS.donor) => request(t.server).get(path).set(headers);

describe('read-your-writes', () => {
  it('a query with the globalPosition a command returned sees the command', async () => {
    const http = api(t.server);
    const submitted = (await http.post('state', '/requests', requestBody({ beneficiaryInstitution: 'Office of the Auditor-General' })).expect(201)).body;
    const detail = await get(`/requests/${submitted.id}?minPosition=${submitted.globalPosition}`).expect(200);
    expect(detail.body).toMatchObject({ requestId: submitted.id, status: 'submitted', country: 'KE' });
    expect(detail.body.contactPerson).toBeUndefined();
    const triaged = (await http.post('secretariat', `/requests/${submitted.id}/triage`, triageBody).expect(200)).body;
    const after = await get(`/requests/${submitted.id}?minPosition=${triaged.globalPosition}`).expect(200);
    expect(after.body.status).toBe('open_for_offers');
    expect(after.body.history.map((h: { type: string; actorRole: string }) => [h.type, h.actorRole])).toEqual([
      ['RequestSubmitted', 'state'],
      ['RequestTriaged', 'secretariat'],
    ]);
    const offer = (await http.post('donor', '/offers', offerBody()).expect(201)).body;
    const offers = await get(`/offers?donor=donor-giz&minPosition=${offer.globalPosition}`).expect(200);
    expect(offers.body.items).toHaveLength(1);
    expect(offers.body.items[0]).toMatchObject({ currency: 'EUR', capacity: 10_000_000, remaining: 10_000_000, status: 'open' });
  });

  it('when the projector does not get there in time: 503 problem with a stable code', async () => {
    await t.infra.consumers.stopAll();
    try {
      const x = f.submitted(id('late'), '2025-01-01T00:00:00Z');
      const r = await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any);
      const res = await get(`/requests?minPosition=${r.lastGlobalPosition}`).expect(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ status: 503, code: 'coordination.not_caught_up', minPosition: r.lastGlobalPosition });
      t.infra.consumers.startAll();
      await get(`/requests/${id('late')}?minPosition=${r.lastGlobalPosition}`).expect(200);
    } finally {
      t.infra.consumers.startAll();
    }
  });
});

describe('lists: filters, sorting, cursor pagination', () => {
  it('pages through requests with an opaque cursor, without repeats or gaps', async () => {
    await get(`/requests?minPosition=${last}`).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(`/requests?limit=2&sort=submittedAt${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.items.map((r: { requestId: string }) => r.requestId));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = (await get('/requests?limit=200&sort=submittedAt').expect(200)).body.items.map((r: { requestId: string }) => r.requestId);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect(all).not.toContain(SECRET); // restricted: hidden from a provider not engaged on it
  });

  it('filters by country, article and status; the Secretariat sees restricted requests', async () => {
    const pe = (await get('/requests?country=PE&status=open_for_offers').expect(200)).body.items;
    expect(pe.map((r: { requestId: string }) => r.requestId)).toEqual([GAP_OLD]);
    expect((await get('/requests?article=art-9&country=PE').expect(200)).body.items.length).toBeGreaterThan(0);
    const secret = await get('/requests?country=UA&status=submitted', ACTORS.secretariat).expect(200);
    expect(secret.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([SECRET]);
    await get(`/requests/${SECRET}`).expect(404);
  });

  it('bad filters are problem details with stable codes', async () => {
    const res = await get('/requests?country=XX&status=nope&limit=0&colour=red').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('coordination.invalid_query');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/query/colour', '/query/country', '/query/limit', '/query/status']);
    expect((await get('/requests?cursor=bm9wZQ').expect(400)).body.code).toBe('coordination.invalid_cursor');
    expect((await get('/coordination/countries/XX').expect(404)).body.code).toBe('coordination.unknown_country');
    expect((await get(`/offers/${randomUUID()}`).expect(404)).body.code).toBe('coordination.offer_not_found');
    expect((await get('/offers/no-such-offer').expect(404)).body.code).toBe('request.malformed_id');
    expect((await get('/coordination/donors/nobody').expect(404)).body.code).toBe('coordination.donor_not_found');
    expect((await get('/coordination/summary?asOf=2999-01-01').expect(400)).body.code).toBe('coordination.as_of_in_future');
  });
});

describe('the coordinated view: one filter on every route', () => {
  it('region, period, article, type, provider and source reach each route; a filtered summary adds up with its lists', async () => {
    const filter = 'region=002&from=2025-01-01&to=2026-01-01&article=art-9&taType=c1-legal-advice&sourceKind=review-report';
    const summary = (await get(`/coordination/summary?${filter}`, ACTORS.secretariat).expect(200)).body;
    const requests = (await get(`/requests?region=002&submittedFrom=2025-01-01&submittedTo=2026-01-01&article=art-9&taType=c1-legal-advice&sourceKind=review-report&limit=200`, ACTORS.secretariat).expect(200)).body;
    const engagements = (await get(`/engagements?region=002&proposedFrom=2025-01-01&proposedTo=2026-01-01&article=art-9&taType=c1-legal-advice&sourceKind=review-report&limit=200`, ACTORS.secretariat).expect(200)).body;
    // wholeCase 0..4: KE (Africa), PE, VN, MA (Africa), UA; all in 2025 on art-8/art-9.
    expect(summary.requests.total).toBe(2);
    expect(requests.items.map((r: { country: string }) => r.country).sort()).toEqual(['KE', 'MA']);
    expect(summary.engagements.total).toBe(engagements.items.length);
    for (const route of ['gaps', 'overlaps', 'pipeline', 'coverage', 'need-sources', 'trends', 'countries', 'milestones/overdue', 'milestones/disputed', 'funding']) {
      await get(`/coordination/${route}?${filter}&donor=donor-1`).expect(200);
    }
    const countries = (await get(`/coordination/countries?${filter}`, ACTORS.secretariat).expect(200)).body.items;
    expect(countries.map((c: { country: string }) => c.country)).toEqual(['KE', 'MA']);
    const usd = (await get('/engagements?currency=USD&limit=200', ACTORS.secretariat).expect(200)).body.items;
    expect(usd.length).toBeGreaterThan(0);
    expect(usd.every((e: { currency: string }) => e.currency === 'USD')).toBe(true);
  });

  it('a filtered summary as of now equals the live one; a period ending before it starts, an unknown region: problem details with stable codes', async () => {
    const live = (await get('/coordination/summary?region=002').expect(200)).body;
    const asOf = (await get(`/coordination/summary?region=002&asOf=${encodeURIComponent(new Date().toISOString())}`).expect(200)).body;
    expect(asOf.basis).toBe('as_of');
    expect(asOf.requests).toEqual(live.requests);
    expect(asOf.requests.total).toBeGreaterThan(0);
    expect(asOf.engagements).toEqual(live.engagements);
    const period = (await get('/coordination/trends?from=2025-06-01&to=2025-01-01').expect(400)).body;
    expect(period).toMatchObject({ code: 'coordination.invalid_period', errors: [{ path: '/query/to' }] });
    const region = (await get('/coordination/summary?region=999').expect(400)).body;
    expect(region.code).toBe('coordination.invalid_query');
    expect(region.errors.map((e: { path: string }) => e.path)).toEqual(['/query/region']);
  });
});

describe('the coordinated view', () => {
  it('gaps: requests open for offers longer than the given days without an engagement', async () => {
    const res = await get('/coordination/gaps?olderThanDays=30').expect(200);
    expect(res.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([GAP_OLD]);
    expect(res.body.items[0].daysOpen).toBeGreaterThan(300);
    expect((await get('/coordination/gaps?olderThanDays=30&asAt=2024-01-15').expect(200)).body.items).toEqual([]);
  });

  it('engagements with milestones, overdue as at a date; overdue and disputed lists', async () => {
    const early = (await get(`/engagements/${id('eng-1')}?asAt=2025-02-15`).expect(200)).body;
    expect(early.milestones.map((m: { milestoneId: string; overdue: boolean }) => [m.milestoneId, m.overdue])).toEqual([
      ['m1', false],
      ['m2', false],
      ['m3', false],
    ]);
    const later = (await get(`/engagements/${id('eng-1')}?asAt=2025-06-01`).expect(200)).body;
    expect(later.milestones.map((m: { overdue: boolean }) => m.overdue)).toEqual([false, true, true]);
    const overdue = (await get('/coordination/milestones/overdue?asAt=2025-03-10&country=PE').expect(200)).body;
    expect(overdue.items.map((m: { milestoneId: string; daysOverdue: number }) => [m.milestoneId, m.daysOverdue])).toEqual([['m2', 9]]);
    expect((await get('/coordination/milestones/disputed').expect(200)).body.items).toHaveLength(5);
  });

  it("overdue, split: what the provider has not reported apart from what the State has not confirmed", async () => {
    type Alert = { milestoneKey?: string; engagementId: string; milestoneId: string; status: string; awaiting: string };
    const key = (m: Alert) => `${m.engagementId}/${m.milestoneId}`;
    // eng-2's rescheduled m3 reported done: overdue still, now waiting for the State.
    const ref = { engagementId: id('eng-2'), requestId: id('req-2'), offerId: id('off-2') };
    const reported = f.engagementEvent(ref.engagementId, { type: 'MilestoneReported', data: { ...ref, at: '2025-05-20T00:00:00Z', milestoneId: 'm3' } }, 'donor');
    last = (await t.infra.eventStore.store.append(reported.streamId, [toNewEvent(reported)], ExpectedVersion.any)).lastGlobalPosition;
    await get(`/coordination/summary?minPosition=${last}`).expect(200);
    const all = (await get('/coordination/milestones/overdue?asAt=2025-06-01&limit=200').expect(200)).body.items as Alert[];
    expect(all.map((m) => [m.status, m.awaiting]).filter(([status, awaiting]) => (status === 'reported') !== (awaiting === 'confirmation'))).toEqual([]);
    const report = (await get('/coordination/milestones/overdue?asAt=2025-06-01&limit=200&awaiting=report').expect(200)).body.items as Alert[];
    const confirmation = (await get('/coordination/milestones/overdue?asAt=2025-06-01&limit=200&awaiting=confirmation').expect(200)).body.items as Alert[];
    expect(report.length).toBeGreaterThan(0);
    expect(new Set(report.map((m) => m.awaiting))).toEqual(new Set(['report']));
    expect(confirmation.map((m) => [key(m), m.status, m.awaiting])).toEqual([[`${id('eng-2')}/m3`, 'reported', 'confirmation']]);
    expect([...report, ...confirmation].map(key).sort()).toEqual(all.map(key).sort());
    // The summary's figures (now) count the same lists.
    const summary = (await get('/coordination/summary').expect(200)).body;
    const now = async (awaiting: string) => (await get(`/coordination/milestones/overdue?limit=200&awaiting=${awaiting}`).expect(200)).body.items.length;
    expect([summary.milestones.overdueAwaitingReport, summary.milestones.overdueAwaitingConfirmation]).toEqual([await now('report'), await now('confirmation')]);
    expect(summary.milestones.overdueAwaitingReport + summary.milestones.overdueAwaitingConfirmation).toBe(summary.milestones.overdue);
    expect((await get('/coordination/milestones/overdue?awaiting=provider').expect(400)).body.status).toBe(400);
  });

  it('overlaps, pipeline, coverage, country, donor and funding', async () => {
    // Two live engagements for the same institution and article in KE: an overlap.
    for (const x of [f.proposed({ engagementId: id('eng-dup'), requestId: id('req-0'), offerId: id('off-0'), providerId: 'donor-0', at: '2025-01-03T00:00:00Z' })]) {
      last = (await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
    }
    // One group per shared article; the same request twice (sameRequest). One group per page here.
    type Group = { kind: string; country: string; article: string; size: number; sameRequest: boolean; engagements: Array<{ engagementId: string; sameRequest: boolean }> };
    const first = (await get(`/coordination/overlaps?country=KE&kind=engagements&limit=1&minPosition=${last}`).expect(200)).body;
    const second = (await get(`/coordination/overlaps?country=KE&kind=engagements&limit=1&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.nextCursor).toBeNull();
    // The same window: members in the order of their ids.
    const members = [id('eng-0'), id('eng-dup')].sort().map((e) => [e, true]);
    expect([...first.items, ...second.items].map((g: Group) => [g.kind, g.country, g.article, g.size, g.sameRequest, g.engagements.map((e) => [e.engagementId, e.sameRequest])])).toEqual([
      ['engagements', 'KE', 'art-8', 2, true, members],
      ['engagements', 'KE', 'art-9', 2, true, members],
    ]);
    const bad = await get('/coordination/overlaps?kind=pairs&limit=500&cursor=bm9wZQ').expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/query/kind', '/query/limit']);
    expect((await get('/coordination/overlaps?cursor=bm9wZQ').expect(400)).body.code).toBe('coordination.invalid_cursor');
    const pipeline = (await get('/coordination/pipeline').expect(200)).body;
    expect(pipeline.requests.find((s: { stage: string }) => s.stage === 'in_delivery').count).toBe(5);
    const coverage = (await get('/coordination/coverage?article=art-8').expect(200)).body.items;
    expect(coverage.every((c: { article: string }) => c.article === 'art-8')).toBe(true);
    const country = (await get('/coordination/countries/KE').expect(200)).body;
    expect(country.engagements.byStatus).toMatchObject({ active: 1, proposed: 1 });
    const donor = (await get('/coordination/donors/donor-0').expect(200)).body;
    expect(donor.countries).toEqual([{ country: 'KE', engagements: 2, active: 1, completed: 0, acknowledged: 0 }]);
    const funding = (await get('/coordination/funding').expect(200)).body.lines;
    expect(funding).toEqual(
      expect.arrayContaining([expect.objectContaining({ unit: 'money', currency: 'USD', registered: 50_000_000, committed: 12_500_000 })]),
    );
  });

  it('per country (the map): requests, open for offers and gaps, as each country\'s page counts them', async () => {
    const map = (await get('/coordination/countries?olderThanDays=30').expect(200)).body;
    expect(map.olderThanDays).toBe(30);
    expect(map.items.map((c: { country: string }) => c.country)).toEqual(expect.arrayContaining(['KE', 'PE', 'VN', 'MA', 'UA']));
    expect(map.items.reduce((n: number, c: { requests: number }) => n + c.requests, 0)).toBe((await get('/coordination/summary').expect(200)).body.requests.total);
    expect(map.items.some((c: { gaps: number }) => c.gaps > 0)).toBe(true);
    for (const c of map.items) {
      const one = (await get(`/coordination/countries/${c.country}?olderThanDays=30`).expect(200)).body;
      expect({ country: c.country, requests: c.requests, openForOffers: c.openForOffers, gaps: c.gaps }).toEqual({
        country: c.country,
        requests: one.requests.total,
        openForOffers: one.requests.byStatus.open_for_offers ?? 0,
        gaps: one.gaps.count,
      });
    }
  });

  it('trends by quarter: requests submitted, offered, committed, delivered; the quarters add up to the totals', async () => {
    const trends = (await get('/coordination/trends').expect(200)).body;
    const summary = (await get('/coordination/summary').expect(200)).body;
    expect(trends.requests.map((q: { quarter: string }) => q.quarter)).toEqual([...trends.requests.map((q: { quarter: string }) => q.quarter)].sort());
    expect(trends.requests.every((q: { quarter: string }) => /^\d{4}-Q[1-4]$/.test(q.quarter))).toBe(true);
    expect(trends.requests.reduce((n: number, q: { submitted: number }) => n + q.submitted, 0)).toBe(summary.requests.total);
    type Line = { unit: string; currency: string | null; offered: number; committed: number; delivered: number };
    const usd = (trends.funding as Line[]).filter((l) => l.unit === 'money' && l.currency === 'USD');
    const total = (k: 'offered' | 'committed' | 'delivered') => usd.reduce((n, l) => n + l[k], 0);
    const line = summary.funding.find((l: Line) => l.unit === 'money' && l.currency === 'USD');
    expect({ offered: total('offered'), committed: total('committed'), delivered: total('delivered') }).toEqual({
      offered: line.registered,
      committed: line.committed,
      delivered: line.delivered,
    });
    expect(total('committed')).toBeGreaterThan(0);
  });

  it('summary, live and "as of" a past date', async () => {
    const live = (await get('/coordination/summary').expect(200)).body;
    expect(live).toMatchObject({ basis: 'live' });
    const past = (await get('/coordination/summary?asOf=2000-01-01').expect(200)).body;
    expect(past).toMatchObject({ basis: 'as_of', requests: { total: 0 }, offers: { total: 0 } });
    const now = (await get(`/coordination/summary?asOf=${new Date().toISOString()}`).expect(200)).body;
    expect(now.requests).toEqual(live.requests);
    expect(now.funding).toEqual(live.funding);
    expect(now.milestones).toEqual(live.milestones);
  });

  it('every view "as of": today\'s date and the head of the log answer as live, a day before anything answers empty, bad cuts are problems', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const views = ['/requests?limit=5', '/engagements?limit=5', '/offers?limit=5', '/coordination/pipeline?asAt=2026-01-01', '/coordination/coverage', '/coordination/funding', '/coordination/countries?asAt=2026-01-01'];
    for (const path of views) {
      const sep = path.includes('?') ? '&' : '?';
      const [live, asOfToday] = await Promise.all([get(path).expect(200), get(`${path}${sep}asOf=${today}`).expect(200)]);
      expect({ path, body: asOfToday.body }).toEqual({ path, body: live.body });
    }
    const empty = (await get('/requests?asOf=2000-01-01').expect(200)).body;
    expect(empty).toEqual({ items: [], nextCursor: null });
    expect((await get('/requests?asOfPosition=1:999999999').expect(400)).body.code).toBe('coordination.as_of_position_unknown');
    expect((await get('/requests?asOfPosition=yesterday').expect(400)).body.code).toBe('coordination.invalid_query');
    expect((await get('/requests?asOf=2000-01-01&asOfPosition=1:1').expect(400)).body.code).toBe('coordination.invalid_query');
    expect((await get('/coordination/gaps?asOf=2999-01-01').expect(400)).body.code).toBe('coordination.as_of_in_future');
  });

  it('the projector shows in /health/consumers', async () => {
    const res = await get('/health/consumers').expect(200);
    expect(res.body.consumers.map((c: { name: string }) => c.name)).toContain('coordination');
  });
});

describe('a restricted request (UA) is visible only to its State, the Secretariat and providers engaged on it', () => {
  const ukraine = authHeaders({ sub: 'fp-ua', role: 'state', country: 'UA' });
  const kenya = ACTORS.state;
  const engaged = ACTORS.otherDonor; // donor-sida, engaged below
  const notEngaged = ACTORS.donor; // donor-giz
  let at = 0;

  beforeAll(async () => {
    const x = f.proposed({ engagementId: id('eng-secret'), requestId: SECRET, offerId: id('off-1'), providerId: 'donor-sida', country: 'UA', at: '2024-01-05T00:00:00Z' });
    at = (await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any)).lastGlobalPosition;
    await get(`/requests?minPosition=${at}`).expect(200);
  });

  it('directly: 404 (not 403, existence is not revealed) for another State and a provider not engaged; 200 for its State and the engaged provider', async () => {
    for (const who of [ukraine, engaged, ACTORS.secretariat]) expect((await get(`/requests/${SECRET}`, who).expect(200)).body.requestId).toBe(SECRET);
    for (const who of [kenya, notEngaged]) {
      const res = await get(`/requests/${SECRET}`, who).expect(404);
      expect(res.body.code).toBe('coordination.request_not_found');
    }
    await get(`/engagements/${id('eng-secret')}`, engaged).expect(200);
    await get(`/engagements/${id('eng-secret')}`, kenya).expect(404);
  });

  it('in lists', async () => {
    const ids = async (who: Record<string, string>, path = '/requests?country=UA&limit=200') => (await get(path, who).expect(200)).body.items.map((r: { requestId: string }) => r.requestId);
    expect(await ids(ukraine)).toContain(SECRET);
    expect(await ids(engaged)).toContain(SECRET);
    expect(await ids(kenya)).not.toContain(SECRET);
    expect(await ids(notEngaged)).not.toContain(SECRET);
    expect(await ids(kenya, `/engagements?requestId=${SECRET}`)).toEqual([]);
    expect(await ids(engaged, `/engagements?requestId=${SECRET}`)).toEqual([SECRET]);
    // eng-secret overlaps eng-4 (UA, the same institution and art-8): only those who may see it see the group.
    const overlapping = async (who: Record<string, string>) =>
      (await get('/coordination/overlaps?country=UA&kind=engagements', who).expect(200)).body.items.flatMap((g: { engagements: Array<{ engagementId: string }> }) =>
        g.engagements.map((e) => e.engagementId),
      );
    for (const who of [ukraine, engaged, ACTORS.secretariat]) expect(await overlapping(who)).toEqual([id('eng-4'), id('eng-secret')].sort());
    for (const who of [kenya, notEngaged]) expect(await overlapping(who)).toEqual([]);
  });

  it('in counts and aggregates, live and "as of"', async () => {
    const total = async (who: Record<string, string>, path: string) => (await get(path, who).expect(200)).body.requests.total;
    for (const path of ['/coordination/summary', `/coordination/summary?asOf=${new Date().toISOString()}`, '/coordination/countries/UA']) {
      const [own, other, byEngaged, byOther] = await Promise.all([total(ukraine, path), total(kenya, path), total(engaged, path), total(notEngaged, path)]);
      expect({ path, other, byOther }).toEqual({ path, other: own - 1, byOther: own - 1 });
      expect(byEngaged).toBe(own);
    }
    const submitted = async (who: Record<string, string>) =>
      (await get('/coordination/pipeline?country=UA', who).expect(200)).body.requests.find((s: { stage: string }) => s.stage === 'submitted').count;
    expect(await submitted(kenya)).toBe((await submitted(ukraine)) - 1);
    const proposed = async (who: Record<string, string>) => (await get('/coordination/donors/donor-sida', who).expect(200)).body.engagements.total;
    expect(await proposed(engaged)).toBe(1);
    await get('/coordination/donors/donor-sida', kenya).expect(404); // nothing of donor-sida it may see
    const ukraineOnMap = async (who: Record<string, string>) =>
      (await get('/coordination/countries', who).expect(200)).body.items.find((c: { country: string }) => c.country === 'UA').requests;
    expect(await ukraineOnMap(kenya)).toBe((await ukraineOnMap(ukraine)) - 1);
  });
});
