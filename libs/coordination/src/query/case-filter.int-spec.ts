import type { NeedSource } from '@ta/case';
import { f, wholeCase, type Fixture } from '../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import { ENGAGED_STATUSES, type Viewer } from '../access/request-visibility';
import { COMMITTED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { regionCountries, regionsSharingCountries, type CaseFilter } from './conditions';
import { CoordinationQueries } from './coordination.queries';
import { ReadModelQueries } from './read-model.queries';

/*
 * The coordinated view's filter (`CaseFilter`) on real PostgreSQL: every filtered figure equals
 * the unfiltered rows restricted by hand (in TypeScript, from the rows' own fields), and the
 * filtered figures add up across the queries (summary, lists, per country, trends, pipeline,
 * funding, gaps, overdue), as each viewer may see them.
 */

let h: ProjectionHarness;
let rows: ReadModelQueries;
let coordination: CoordinationQueries;

const SECRETARIAT: Viewer = { role: 'secretariat' };
/** Another State than the restricted request's (KE): it must not see it, filtered or not. */
const PERU: Viewer = { role: 'state', country: 'PE' };
const FAR = new Date('2027-01-01T00:00:00Z');
const ALL = { limit: 200 } as const;

const SELF_ASSESSMENT: NeedSource = { kind: 'self-assessment', round: '2010-2011', cycle: 1, article: 'art-30', paragraph: null, need: 'Immunities' };

/** A request triaged to `articles`/`taTypes` (open for offers: a gap at FAR), optionally restricted, with an offer and a proposal by `donor`. */
function extra(id: string, at: string, o: { country: string; articles: string[]; taTypes: string[]; restricted?: boolean; sources?: NeedSource[]; donor?: string }): Fixture[] {
  const later = (minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
  const fixtures = [
    f.submitted(id, at, { country: o.country, articles: o.articles, restricted: o.restricted ?? false, ...(o.sources ? { sources: o.sources } : {}) }),
    f.triaged(id, later(5), o.articles, o.taTypes),
  ];
  if (o.donor) {
    fixtures.push(
      f.offer(`${id}-o`, later(10), { countries: [o.country], articles: o.articles, providerId: o.donor }),
      f.proposed({ engagementId: `${id}-e`, requestId: id, offerId: `${id}-o`, at: later(15), country: o.country, providerId: o.donor, amount: 700_000 }),
    );
  }
  return fixtures;
}

beforeAll(async () => {
  h = await projectionHarness();
  rows = new ReadModelQueries(h.dataSource);
  coordination = new CoordinationQueries(rows.sql, rows);
  const months = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
  await h.project([
    // Ten whole cases over 2025 (KE, PE, VN, MA, UA in turn; donor-0..6), each with an active engagement and milestones.
    ...Array.from({ length: 10 }, (_, n) => wholeCase(n, { baseDay: `2025-${months[n]}-0${1 + (n % 9)}` })).flat(),
    ...extra('x-ke-art30', '2025-04-10T09:00:00Z', { country: 'KE', articles: ['art-30'], taTypes: ['c1-legal-advice'], sources: [SELF_ASSESSMENT], donor: 'donor-1' }),
    ...extra('x-pe-art30', '2025-07-10T09:00:00Z', { country: 'PE', articles: ['art-30', 'art-9'], taTypes: ['c2-capacity-building'], sources: [SELF_ASSESSMENT] }),
    ...extra('x-ma', '2025-11-10T09:00:00Z', { country: 'MA', articles: ['art-9'], taTypes: ['c1-legal-advice'] }),
    ...extra('x-ke-hidden', '2025-05-10T09:00:00Z', { country: 'KE', articles: ['art-30'], taTypes: ['c1-legal-advice'], restricted: true, sources: [SELF_ASSESSMENT], donor: 'donor-1' }),
    // Proposed at the period's end exactly (left out: the end is excluded).
    ...extra('x-boundary', '2025-06-30T23:45:00Z', { country: 'VN', articles: ['art-9'], taTypes: ['c1-legal-advice'], donor: 'donor-2' }),
    // donor-1's declined proposal: the request is not donor-1's.
    f.offer('x-pe-declined-o', '2025-07-11T09:00:00Z', { countries: ['PE'], articles: ['art-9'], providerId: 'donor-1' }),
    f.proposed({ engagementId: 'x-pe-declined-e', requestId: 'x-pe-art30', offerId: 'x-pe-declined-o', at: '2025-07-12T09:00:00Z', country: 'PE', providerId: 'donor-1' }),
    f.engagementEvent(
      'x-pe-declined-e',
      { type: 'EngagementDeclined', data: { engagementId: 'x-pe-declined-e', requestId: 'x-pe-art30', offerId: 'x-pe-declined-o', at: '2025-07-13T09:00:00Z', party: 'state', reason: 'not needed' } },
      'state',
    ),
    // An offer eligible for a whole region (Africa), and one for Peru only.
    f.offerEvent('off-africa', {
      type: 'OfferRegistered',
      data: {
        offerId: 'off-africa',
        at: '2025-06-15T09:00:00Z',
        providerId: 'donor-9',
        providerKind: 'bilateral',
        taTypes: ['c1-legal-advice'],
        articles: ['art-30'],
        eligibleCountries: [],
        eligibleRegions: ['002'],
        languages: ['en'],
        modality: 'hybrid',
        capacity: { kind: 'money', amount: 5_000_000, currency: 'EUR' },
        availability: { from: '2025-01-01', to: '2026-12-31' },
        title: { en: 'Regional programme' },
        description: { en: 'Immunities' },
      },
    }),
    f.offer('off-pe', '2025-09-01T09:00:00Z', { countries: ['PE'], articles: ['art-9'], providerId: 'donor-8' }),
  ]);
});
afterAll(() => h.close());

type Row = Record<string, unknown>;
const str = (v: unknown) => String(v);
const arr = (v: unknown) => (v as string[]) ?? [];
const inPeriod = (at: unknown, q: CaseFilter) => {
  const t = Date.parse(str(at));
  return (q.from === undefined || t >= q.from.getTime()) && (q.to === undefined || t < q.to.getTime());
};

/** The rows a viewer sees, unfiltered, each list read whole. */
async function everything(viewer: Viewer) {
  const [requests, engagements, offers] = await Promise.all([
    rows.listRequests({}, viewer, { sort: '-submittedAt', ...ALL }),
    rows.listEngagements({}, viewer, { sort: '-proposedAt', ...ALL }),
    rows.listOffers({}, { sort: '-registeredAt', ...ALL }),
  ]);
  expect(requests.nextCursor).toBeNull();
  expect(engagements.nextCursor).toBeNull();
  return { requests: requests.items as Row[], engagements: engagements.items as Row[], offers: offers.items as Row[] };
}

/** `CaseFilter`'s meaning, by hand, in TypeScript. */
function byHand(all: Awaited<ReturnType<typeof everything>>, q: CaseFilter) {
  const requestById = new Map(all.requests.map((r) => [str(r.requestId), r]));
  const place = (country: unknown) => (q.country === undefined || country === q.country) && (q.region === undefined || regionCountries(q.region).includes(str(country)));
  const traits = (r: Row | undefined) =>
    r !== undefined &&
    (q.article === undefined || arr(r.articles).includes(q.article)) &&
    (q.taType === undefined || arr(r.taTypes).includes(q.taType)) &&
    (q.sourceKind === undefined || (r.sources as Array<{ kind: string }>).some((s) => s.kind === q.sourceKind));
  const requests = all.requests.filter(
    (r) =>
      place(r.country) &&
      traits(r) &&
      inPeriod(r.submittedAt, q) &&
      (q.donor === undefined ||
        all.engagements.some((e) => e.requestId === r.requestId && e.providerId === q.donor && (ENGAGED_STATUSES as readonly unknown[]).includes(e.status))),
  );
  const engagements = all.engagements.filter(
    (e) =>
      place(e.country) &&
      (q.donor === undefined || e.providerId === q.donor) &&
      inPeriod(e.proposedAt, q) &&
      (q.article === undefined && q.taType === undefined && q.sourceKind === undefined ? true : traits(requestById.get(str(e.requestId)))),
  );
  const eligible = (o: Row, countries: string[]) =>
    arr(o.eligibleCountries).some((c) => countries.includes(c)) || arr(o.eligibleRegions).some((g) => countries.some((c) => regionCountries(g).includes(c)));
  const offers = all.offers.filter(
    (o) =>
      (q.country === undefined || eligible(o, [q.country])) &&
      (q.region === undefined || eligible(o, regionCountries(q.region))) &&
      (q.article === undefined || arr(o.articles).includes(q.article)) &&
      (q.taType === undefined || arr(o.taTypes).includes(q.taType)) &&
      (q.donor === undefined || o.providerId === q.donor) &&
      inPeriod(o.registeredAt, q),
  );
  return { requests, engagements, offers };
}

const period = { from: new Date('2025-03-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
const FILTERS: Array<[string, CaseFilter]> = [
  ['none', {}],
  ['region Africa (002, sub-regions included)', { region: '002' }],
  ['region Northern Africa (015)', { region: '015' }],
  ['region Latin America and the Caribbean (419)', { region: '419' }],
  ['country KE', { country: 'KE' }],
  ['article art-30', { article: 'art-30' }],
  ['TA type c2-capacity-building', { taType: 'c2-capacity-building' }],
  ['donor donor-1', { donor: 'donor-1' }],
  ['source self-assessment', { sourceKind: 'self-assessment' }],
  ['a period', period],
  ['region, period and article together', { region: '002', article: 'art-9', ...period }],
];
const VIEWERS: Array<[string, Viewer]> = [
  ['the Secretariat', SECRETARIAT],
  ['another State', PERU],
];

const countBy = (xs: Row[], key: string) => {
  const m: Record<string, number> = {};
  for (const x of xs) m[str(x[key])] = (m[str(x[key])] ?? 0) + 1;
  return m;
};

describe.each(VIEWERS)('%s', (_name, viewer) => {
  it.each(FILTERS)('filtered by %s: every figure is the rows restricted by hand, and they add up', async (_label, q) => {
    const all = await everything(viewer);
    const want = byHand(all, q);
    const [summary, requests, engagements, offers, countries, trends, pipeline, funding, gaps, overdue] = await Promise.all([
      coordination.summary(FAR, 0, viewer, q),
      rows.listRequests(
        { country: q.country, region: q.region, article: q.article, taType: q.taType, donor: q.donor, sourceKind: q.sourceKind, submittedFrom: q.from, submittedTo: q.to },
        viewer,
        { sort: '-submittedAt', ...ALL },
      ),
      rows.listEngagements(
        { country: q.country, region: q.region, article: q.article, taType: q.taType, donor: q.donor, sourceKind: q.sourceKind, proposedFrom: q.from, proposedTo: q.to },
        viewer,
        { sort: '-proposedAt', ...ALL },
      ),
      rows.listOffers({ country: q.country, region: q.region, article: q.article, taType: q.taType, donor: q.donor, registeredFrom: q.from, registeredTo: q.to }, { sort: '-registeredAt', ...ALL }),
      coordination.countries(FAR, 0, viewer, q),
      coordination.trends(viewer, q),
      coordination.pipeline({ ...q, asAt: FAR }, viewer),
      coordination.funding(q, viewer),
      coordination.gaps({ ...q, asAt: FAR, olderThanDays: 0 }, viewer, { sort: 'openedAt', ...ALL }),
      coordination.milestones('overdue', { ...q, asAt: FAR }, viewer, { sort: 'dueDate', ...ALL }),
    ]);
    const ids = (xs: Row[], key: string) => xs.map((x) => str(x[key])).sort();

    // The lists: the same rows as by hand.
    expect(ids(requests.items as Row[], 'requestId')).toEqual(ids(want.requests, 'requestId'));
    expect(ids(engagements.items as Row[], 'engagementId')).toEqual(ids(want.engagements, 'engagementId'));
    expect(ids(offers.items as Row[], 'offerId')).toEqual(ids(want.offers, 'offerId'));

    // The summary: the same counts, per status.
    expect(summary.requests).toEqual({ total: want.requests.length, byStatus: countBy(want.requests, 'status') });
    expect(summary.engagements).toEqual({ total: want.engagements.length, byStatus: countBy(want.engagements, 'status') });
    expect(summary.offers.total).toBe(want.offers.length);

    // Per country, by quarter, per stage: the summary's totals.
    expect(countries.reduce((s, c) => s + c.requests, 0)).toBe(want.requests.length);
    expect(countries.map((c) => c.country)).toEqual([...new Set(want.requests.map((r) => str(r.country)))].sort());
    expect(trends.requests.reduce((s, t) => s + t.submitted, 0)).toBe(want.requests.length);
    expect(pipeline.requests.reduce((s, t) => s + t.count, 0)).toBe(want.requests.length);
    expect(pipeline.engagements.reduce((s, t) => s + t.count, 0)).toBe(want.engagements.length);

    // Gaps: the summary's count is the list's, and the list is the unfiltered one restricted by hand.
    const wantedRequests = new Set(want.requests.map((r) => str(r.requestId)));
    const allGaps = await coordination.gaps({ asAt: FAR, olderThanDays: 0 }, viewer, { sort: 'openedAt', ...ALL });
    expect(ids(gaps.items as Row[], 'requestId')).toEqual(ids((allGaps.items as Row[]).filter((g) => wantedRequests.has(str(g.requestId))), 'requestId'));
    expect(summary.gaps.count).toBe(gaps.items.length);
    expect(countries.reduce((s, c) => s + c.gaps, 0)).toBe(gaps.items.length);

    // Overdue milestones: those of the engagements selected.
    const wantedEngagements = new Set(want.engagements.map((e) => str(e.engagementId)));
    const allOverdue = await coordination.milestones('overdue', { asAt: FAR }, viewer, { sort: 'dueDate', ...ALL });
    const overdueWanted = (allOverdue.items as Row[]).filter((m) => wantedEngagements.has(str(m.engagementId)));
    expect(ids(overdue.items as Row[], 'milestoneId').length).toBe(overdueWanted.length);
    expect(summary.milestones.overdue).toBe(overdueWanted.length);

    // Funding in USD: committed (and delivered) are the selected engagements' amounts.
    const usd = funding.find((l) => l.currency === 'USD');
    const committed = want.engagements
      .filter((e) => (COMMITTED_ENGAGEMENT_STATUSES as readonly unknown[]).includes(e.status) && e.currency === 'USD')
      .reduce((s, e) => s + Number(e.amount), 0);
    expect(usd?.committed ?? 0).toBe(committed);
    expect(summary.funding).toEqual(funding);
  });
});

describe('overlaps under the filter', () => {
  const groups = async (q: Parameters<CoordinationQueries['overlaps']>[0]) => (await coordination.overlaps(q, SECRETARIAT, { limit: 200 })).items;
  const members = (g: Awaited<ReturnType<typeof groups>>[number]) => (g.kind === 'engagements' ? g.engagements.map((e) => e.providerId) : g.offers.map((o) => o.providerId));

  it("a region's groups are those of its countries; a provider's those with a member of it, other providers' members included", async () => {
    const all = await groups({});
    const africa = await groups({ region: '002' });
    expect(africa.length).toBeGreaterThan(0);
    expect(africa).toEqual(all.filter((g) => regionCountries('002').includes(g.country)));
    const donor5 = await groups({ donor: 'donor-5' });
    expect(donor5.length).toBeGreaterThan(0);
    expect(donor5).toEqual(all.filter((g) => members(g).includes('donor-5')));
    expect(donor5.every((g) => new Set(members(g)).size > 1)).toBe(true);
  });

  it('members outside the period are not grouped', async () => {
    // Only the engagements proposed and offers registered from March 2025: KE's January case is out.
    const later = await groups({ country: 'KE', from: new Date('2025-03-01T00:00:00Z') });
    for (const g of later) expect(g.kind === 'engagements' ? g.engagements.map((e) => e.engagementId) : g.offers.map((o) => o.offerId)).not.toContain(g.kind === 'engagements' ? 'eng-0' : 'off-0');
    const all = await groups({ country: 'KE' });
    expect(all.some((g) => (g.kind === 'engagements' ? g.engagements.some((e) => e.engagementId === 'eng-0') : g.offers.some((o) => o.offerId === 'off-0')))).toBe(true);
  });
});

describe('regions', () => {
  it("a region's summary is the sum of its countries'", async () => {
    const region = await coordination.summary(FAR, 0, SECRETARIAT, { region: '002' });
    const perCountry = await Promise.all(['KE', 'MA'].map((country) => coordination.summary(FAR, 0, SECRETARIAT, { country })));
    expect(region.requests.total).toBe(perCountry.reduce((s, c) => s + c.requests.total, 0));
    expect(region.engagements.total).toBe(perCountry.reduce((s, c) => s + c.engagements.total, 0));
    expect(region.gaps.count).toBe(perCountry.reduce((s, c) => s + c.gaps.count, 0));
    expect(region.requests.total).toBeGreaterThan(0);
  });

  it('an offer eligible for a region is eligible for its sub-regions and the regions above it, not for others', async () => {
    const offers = async (region: string) => (await rows.listOffers({ region }, { sort: '-registeredAt', ...ALL })).items.map((o) => o.offerId);
    expect(await offers('014')).toContain('off-africa'); // Eastern Africa, in Africa
    expect(await offers('001')).toContain('off-africa'); // the World, above it
    expect(await offers('150')).not.toContain('off-africa'); // Europe
    expect(regionsSharingCountries('014')).toEqual(expect.arrayContaining(['001', '002', '014', '202']));
  });

  it('engagements take a currency', async () => {
    const usd = await rows.listEngagements({ currency: 'USD' }, SECRETARIAT, { sort: '-proposedAt', ...ALL });
    const eur = await rows.listEngagements({ currency: 'EUR' }, SECRETARIAT, { sort: '-proposedAt', ...ALL });
    expect(usd.items.length).toBeGreaterThan(0);
    expect(usd.items.every((e) => e.currency === 'USD')).toBe(true);
    expect(eur.items).toEqual([]);
    const committed = await rows.listEngagements({ currency: 'USD', committed: true }, SECRETARIAT, { sort: '-proposedAt', ...ALL });
    expect(committed.items.length).toBeGreaterThan(0);
    expect(committed.items.length).toBeLessThan(usd.items.length);
    expect(committed.items.every((e) => ['active', 'completed', 'acknowledged'].includes(e.status))).toBe(true);
  });
});
