import { ValidationError } from '@ta/core';
import { f, type Fixture } from '../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import type { Viewer } from '../access/request-visibility';
import { CoordinationQueries } from './coordination.queries';
import { encodeCursor } from './pagination';
import { ReadModelQueries } from './read-model.queries';
import type { EngagementOverlap, OfferOverlap, OverlapFilters, OverlapGroup } from './overlaps.queries';

let h: ProjectionHarness;
let coordination: CoordinationQueries;
const SECRETARIAT: Viewer = { role: 'secretariat' };

let minute = 0;
const at = () => new Date(Date.UTC(2025, 0, 1) + minute++ * 60_000).toISOString();

/**
 * A request submitted and triaged into `articles`, and for each window an offer (open, naming
 * the request's country) with a live (proposed) engagement on it: `<id>-e1`, `<id>-e2`...
 */
function request(
  id: string,
  o: { country: string; institution: string; articles: string[]; windows: Array<[string, string]>; restricted?: boolean; providerId?: string },
): Fixture[] {
  const fixtures = [
    f.submitted(id, at(), { country: o.country, institution: o.institution, articles: o.articles, restricted: o.restricted ?? false }),
    f.triaged(id, at(), o.articles),
  ];
  o.windows.forEach(([from, to], k) => {
    const ref = { engagementId: `${id}-e${k + 1}`, requestId: id, offerId: `${id}-o${k + 1}` };
    const providerId = o.providerId ?? `donor-${id}`;
    fixtures.push(
      f.offer(ref.offerId, at(), { countries: [o.country], articles: o.articles, from, to, providerId }),
      f.proposed({ ...ref, at: at(), country: o.country, providerId }),
    );
  });
  return fixtures;
}

const engagementEvent = (id: string, type: 'EngagementDeclined' | 'EngagementCancelled' | 'EngagementAgreed' | 'EngagementActivated' | 'EngagementCompleted'): Fixture => {
  const requestId = id.replace(/-e\d+$/, '');
  const ref = { engagementId: id, requestId, offerId: id.replace(/-e(\d+)$/, '-o$1'), at: at() };
  switch (type) {
    case 'EngagementDeclined':
      return f.engagementEvent(id, { type, data: { ...ref, party: 'state', reason: 'not needed' } }, 'state');
    case 'EngagementCancelled':
      return f.engagementEvent(id, { type, data: { ...ref, reason: 'funds cut', previousStatus: 'proposed' } }, 'secretariat');
    case 'EngagementAgreed':
      return f.engagementEvent(id, { type, data: { ...ref, amount: 2_500_000, unit: { kind: 'money', currency: 'USD' } } });
    default:
      return f.engagementEvent(id, { type, data: ref });
  }
};

/** Every group, page by page (`limit` per page). */
async function all(filters: OverlapFilters, viewer: Viewer = SECRETARIAT, limit = 200): Promise<OverlapGroup[]> {
  const groups: OverlapGroup[] = [];
  let cursor: string | undefined;
  do {
    const page = await coordination.overlaps(filters, viewer, { limit, ...(cursor ? { cursor } : {}) });
    groups.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return groups;
}
const engagementGroups = async (country: string, viewer: Viewer = SECRETARIAT) => (await all({ country, kind: 'engagements' }, viewer)) as EngagementOverlap[];
const members = (g: EngagementOverlap) => g.engagements.map((e) => e.engagementId);

beforeAll(async () => {
  h = await projectionHarness();
  const rows = new ReadModelQueries(h.dataSource);
  coordination = new CoordinationQueries(rows.sql, rows);
  const offers52 = Array.from({ length: 52 }, (_, i) =>
    f.offer(`off-tz-${String(i).padStart(2, '0')}`, at(), {
      countries: ['TZ'],
      articles: ['art-13'],
      providerId: `donor-${i % 5}`,
      from: new Date(Date.UTC(2025, 0, 1) + (51 - i) * 86_400_000).toISOString().slice(0, 10),
      to: '2025-12-31',
    }),
  );
  await h.project([
    // KE: one institution written two ways; art-9 shared, art-8 and art-10 not. TZ: the same name, another country.
    ...request('ke-1', { country: 'KE', institution: 'Ethics and Anti-Corruption Commission', articles: ['art-8', 'art-9'], windows: [['2025-01-01', '2025-06-30']] }),
    ...request('ke-2', { country: 'KE', institution: '  ETHICS and anti-corruption   Commission ', articles: ['art-9', 'art-10'], windows: [['2025-03-01', '2025-09-30']] }),
    ...request('ke-3', { country: 'KE', institution: 'Ethics and Anti-Corruption Commission (Mombasa office)', articles: ['art-9'], windows: [['2025-01-01', '2025-12-31']] }),
    ...request('tz-1', { country: 'TZ', institution: 'Ethics and Anti-Corruption Commission', articles: ['art-9'], windows: [['2025-01-01', '2025-12-31']] }),
    // PE: window edges, art-8 only.
    ...request('pe-adj-1', { country: 'PE', institution: 'Office of the Auditor-General', articles: ['art-8'], windows: [['2025-01-01', '2025-03-31']] }),
    ...request('pe-adj-2', { country: 'PE', institution: 'Office of the Auditor-General', articles: ['art-8'], windows: [['2025-04-01', '2025-06-30']] }),
    ...request('pe-touch-1', { country: 'PE', institution: 'Public Procurement Authority', articles: ['art-8'], windows: [['2025-01-01', '2025-03-31']] }),
    ...request('pe-touch-2', { country: 'PE', institution: 'Public Procurement Authority', articles: ['art-8'], windows: [['2025-03-31', '2025-06-30']] }),
    ...request('pe-chain-1', { country: 'PE', institution: 'Financial Intelligence Unit', articles: ['art-8'], windows: [['2025-01-01', '2025-02-28']] }),
    ...request('pe-chain-2', { country: 'PE', institution: 'Financial Intelligence Unit', articles: ['art-8'], windows: [['2025-02-15', '2025-04-30']] }),
    ...request('pe-chain-3', { country: 'PE', institution: 'Financial Intelligence Unit', articles: ['art-8'], windows: [['2025-04-30', '2025-06-30']] }),
    ...request('pe-chain-4', { country: 'PE', institution: 'Financial Intelligence Unit', articles: ['art-8'], windows: [['2025-07-01', '2025-08-31']] }),
    ...request('pe-later', { country: 'PE', institution: 'financial intelligence unit', articles: ['art-8'], windows: [['2025-09-01', '2025-09-30'], ['2025-09-15', '2025-10-31']] }),
    // VN: only live engagements count.
    ...request('vn-live', { country: 'VN', institution: 'Government Inspectorate', articles: ['art-5'], windows: [['2025-01-01', '2025-12-31']] }),
    ...request('vn-declined', { country: 'VN', institution: 'Government Inspectorate', articles: ['art-5'], windows: [['2025-01-01', '2025-12-31']] }),
    ...request('vn-cancelled', { country: 'VN', institution: 'Government Inspectorate', articles: ['art-5'], windows: [['2025-01-01', '2025-12-31']] }),
    ...request('vn-completed', { country: 'VN', institution: 'Government Inspectorate', articles: ['art-5'], windows: [['2025-01-01', '2025-12-31']] }),
    ...request('vn-agreed', { country: 'VN', institution: 'Government Inspectorate', articles: ['art-5'], windows: [['2025-06-01', '2025-06-30']] }),
    engagementEvent('vn-declined-e1', 'EngagementDeclined'),
    engagementEvent('vn-cancelled-e1', 'EngagementCancelled'),
    engagementEvent('vn-completed-e1', 'EngagementAgreed'),
    engagementEvent('vn-completed-e1', 'EngagementActivated'),
    engagementEvent('vn-completed-e1', 'EngagementCompleted'),
    engagementEvent('vn-agreed-e1', 'EngagementAgreed'),
    // MA: the same request funded twice (overlapping), and twice without overlap (bridged by another request).
    ...request('ma-twice', { country: 'MA', institution: 'Instance Nationale de la Probité', articles: ['art-6'], windows: [['2025-01-01', '2025-06-30'], ['2025-03-01', '2025-09-30']] }),
    ...request('ma-other', { country: 'MA', institution: 'Instance Nationale de la Probité', articles: ['art-6'], windows: [['2025-05-01', '2025-05-31']] }),
    ...request('ma-apart', { country: 'MA', institution: 'Cour des comptes', articles: ['art-9'], windows: [['2025-01-01', '2025-03-31'], ['2025-05-01', '2025-06-30']] }),
    ...request('ma-bridge', { country: 'MA', institution: 'Cour des comptes', articles: ['art-9'], windows: [['2025-03-15', '2025-05-15']] }),
    // UA: a restricted request bridging two visible ones that do not overlap each other.
    ...request('ua-open-1', { country: 'UA', institution: 'National Agency on Corruption Prevention', articles: ['art-6'], windows: [['2025-01-01', '2025-03-31']], providerId: 'donor-v' }),
    ...request('ua-secret', { country: 'UA', institution: 'National Agency on Corruption Prevention', articles: ['art-6'], windows: [['2025-03-01', '2025-06-30']], restricted: true, providerId: 'donor-r' }),
    ...request('ua-open-2', { country: 'UA', institution: 'National Agency on Corruption Prevention', articles: ['art-6'], windows: [['2025-06-01', '2025-08-31']], providerId: 'donor-w' }),
    // BW: one provider's two requests' engagements and offers overlap each other only; in BJ another provider's offer joins.
    ...request('bw-1', { country: 'BW', institution: 'Directorate on Corruption and Economic Crime', articles: ['art-6'], windows: [['2025-01-01', '2025-06-30']], providerId: 'donor-one' }),
    ...request('bw-2', { country: 'BW', institution: 'Directorate on Corruption and Economic Crime', articles: ['art-6'], windows: [['2025-03-01', '2025-09-30']], providerId: 'donor-one' }),
    f.offer('off-bj-1', at(), { countries: ['BJ'], articles: ['art-7'], from: '2025-01-01', to: '2025-06-30', providerId: 'donor-one' }),
    f.offer('off-bj-2', at(), { countries: ['BJ'], articles: ['art-7'], from: '2025-03-01', to: '2025-09-30', providerId: 'donor-one' }),
    f.offer('off-bj-3', at(), { countries: ['BJ'], articles: ['art-8'], from: '2025-01-01', to: '2025-06-30', providerId: 'donor-one' }),
    f.offer('off-bj-4', at(), { countries: ['BJ'], articles: ['art-8'], from: '2025-03-01', to: '2025-09-30', providerId: 'donor-one' }),
    f.offer('off-bj-5', at(), { countries: ['BJ'], articles: ['art-8'], from: '2025-09-30', to: '2025-12-31', providerId: 'donor-two' }),
    // GH and SN: offers only.
    f.offer('off-gh-1', at(), { countries: ['GH'], articles: ['art-10', 'art-12'], from: '2025-01-01', to: '2025-06-30', providerId: 'donor-a' }),
    f.offer('off-gh-2', at(), { countries: ['GH', 'SN'], articles: ['art-12', 'art-13'], from: '2025-06-30', to: '2025-12-31', providerId: 'donor-b' }),
    f.offer('off-gh-none', at(), { countries: [], articles: ['art-12'], from: '2025-01-01', to: '2025-12-31', providerId: 'donor-c' }),
    f.offer('off-gh-withdrawn', at(), { countries: ['GH'], articles: ['art-12'], from: '2025-01-01', to: '2025-12-31', providerId: 'donor-d' }),
    f.offerEvent('off-gh-withdrawn', { type: 'OfferWithdrawn', data: { offerId: 'off-gh-withdrawn', at: at(), reason: 'budget cut' } }),
    f.offer('off-gh-full', at(), { countries: ['GH'], articles: ['art-12'], from: '2025-01-01', to: '2025-12-31', providerId: 'donor-e', money: 1_000 }),
    f.offerEvent('off-gh-full', {
      type: 'CapacityCommitted',
      data: { offerId: 'off-gh-full', engagementId: 'elsewhere', at: at(), amount: 1_000, unit: { kind: 'money', currency: 'USD' }, remaining: 0 },
    }),
    // TZ: 52 overlapping offers, more than a group lists.
    ...offers52,
  ]);
});
afterAll(() => h.close());

describe('overlapping live engagements: same country, same institution (case and spaces aside), a shared article', () => {
  it('groups the engagements of requests naming the institution differently, one group per shared article only', async () => {
    const groups = await engagementGroups('KE');
    expect(groups).toEqual([
      {
        kind: 'engagements',
        country: 'KE',
        institution: 'Ethics and Anti-Corruption Commission',
        article: 'art-9',
        window: { from: '2025-01-01', to: '2025-09-30' },
        size: 2,
        sameRequest: false,
        engagements: [
          { engagementId: 'ke-1-e1', requestId: 'ke-1', providerId: 'donor-ke-1', window: { from: '2025-01-01', to: '2025-06-30' }, sameRequest: false },
          { engagementId: 'ke-2-e1', requestId: 'ke-2', providerId: 'donor-ke-2', window: { from: '2025-03-01', to: '2025-09-30' }, sameRequest: false },
        ],
      },
    ]);
  });

  it('does not compare countries: the same institution in another country is no overlap', async () => {
    expect(await engagementGroups('TZ')).toEqual([]);
  });

  it('windows are whole days, both ends included: touching windows overlap, adjacent ones do not; chained windows make one group', async () => {
    const groups = await engagementGroups('PE');
    expect(groups.map((g) => [g.institution, g.window, members(g)])).toEqual([
      ['Financial Intelligence Unit', { from: '2025-01-01', to: '2025-06-30' }, ['pe-chain-1-e1', 'pe-chain-2-e1', 'pe-chain-3-e1']],
      ['financial intelligence unit', { from: '2025-09-01', to: '2025-10-31' }, ['pe-later-e1', 'pe-later-e2']],
      ['Public Procurement Authority', { from: '2025-01-01', to: '2025-06-30' }, ['pe-touch-1-e1', 'pe-touch-2-e1']],
    ]);
  });

  it('leaves out engagements that are declined, cancelled or completed', async () => {
    const groups = await engagementGroups('VN');
    expect(groups.map(members)).toEqual([['vn-live-e1', 'vn-agreed-e1']]);
  });

  it('sameRequest: two engagements for one request with overlapping windows, not two for one request that only a third one links', async () => {
    const groups = await engagementGroups('MA');
    expect(groups.map((g) => [g.institution, g.sameRequest, g.engagements.map((e) => [e.engagementId, e.sameRequest])])).toEqual([
      [
        'Cour des comptes',
        false,
        [
          ['ma-apart-e1', false],
          ['ma-bridge-e1', false],
          ['ma-apart-e2', false],
        ],
      ],
      [
        'Instance Nationale de la Probité',
        true,
        [
          ['ma-twice-e1', true],
          ['ma-twice-e2', true],
          ['ma-other-e1', false],
        ],
      ],
    ]);
  });
});

describe('different providers only', () => {
  it("one provider's engagements for two requests, or its offers, are no overlap; another provider's offer chained to them makes one", async () => {
    expect(await all({ country: 'BW' })).toEqual([]);
    const groups = (await all({ country: 'BJ' })) as OfferOverlap[];
    expect(groups.map((g) => [g.article, g.offers.map((o) => [o.offerId, o.providerId])])).toEqual([
      [
        'art-8',
        [
          ['off-bj-3', 'donor-one'],
          ['off-bj-4', 'donor-one'],
          ['off-bj-5', 'donor-two'],
        ],
      ],
    ]);
  });
});

describe('overlapping open offers: naming the same country, sharing an article', () => {
  it('groups open offers with capacity left; offers naming no country, withdrawn or fully committed are left out', async () => {
    const groups = (await all({ country: 'GH' })) as OfferOverlap[];
    expect(groups).toEqual([
      {
        kind: 'offers',
        country: 'GH',
        article: 'art-12',
        window: { from: '2025-01-01', to: '2025-12-31' },
        size: 2,
        offers: [
          { offerId: 'off-gh-1', providerId: 'donor-a', window: { from: '2025-01-01', to: '2025-06-30' } },
          { offerId: 'off-gh-2', providerId: 'donor-b', window: { from: '2025-06-30', to: '2025-12-31' } },
        ],
      },
    ]);
    expect(await all({ country: 'SN' })).toEqual([]);
  });

  it('lists the first 50 members of a larger group by window start; size counts them all', async () => {
    const [group, ...rest] = (await all({ country: 'TZ', kind: 'offers' })) as OfferOverlap[];
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ country: 'TZ', article: 'art-13', size: 52, window: { from: '2025-01-01', to: '2025-12-31' } });
    expect(group!.offers).toHaveLength(50);
    expect(group!.offers.slice(0, 2).map((o) => o.offerId)).toEqual(['off-tz-51', 'off-tz-50']);
  });
});

describe('a restricted request hidden from the viewer', () => {
  const V = {
    secretariat: { role: 'secretariat' },
    itsState: { role: 'state', country: 'UA' },
    engagedProvider: { role: 'donor', organisation: 'donor-r' },
    anotherState: { role: 'state', country: 'KE' },
    providerOfAVisibleOne: { role: 'donor', organisation: 'donor-v' },
    stateWithoutCountry: { role: 'state' },
  } satisfies Record<string, Viewer>;

  it.each(['secretariat', 'itsState', 'engagedProvider'] as const)('%s: sees the group it bridges', async (name) => {
    expect((await engagementGroups('UA', V[name])).map(members)).toEqual([['ua-open-1-e1', 'ua-secret-e1', 'ua-open-2-e1']]);
  });

  it.each(['anotherState', 'providerOfAVisibleOne', 'stateWithoutCountry'] as const)('%s: neither its engagement nor the overlap it alone makes', async (name) => {
    expect(await engagementGroups('UA', V[name])).toEqual([]);
  });
});

describe('filters and pagination', () => {
  it('pages in order (country, engagements before offers, institution, article, start) with an opaque cursor, without repeats or gaps', async () => {
    const everything = await all({});
    const keys = everything.map((g) => [g.country, g.kind, g.kind === 'engagements' ? g.institution.toLowerCase() : '', g.article, g.window.from].join('|'));
    expect(keys.length).toBeGreaterThan(8);
    expect(new Set(keys).size).toBe(keys.length);
    const inOrder = [...everything].sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    expect(everything.map((g) => [g.country, g.kind])).toEqual(inOrder.map((g) => [g.country, g.kind]));
    for (const limit of [1, 2, 3]) expect(await all({}, SECRETARIAT, limit)).toEqual(everything);
    const first = await coordination.overlaps({}, SECRETARIAT, { limit: 4 });
    expect(first.items).toEqual(everything.slice(0, 4));
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('filters by country, article and kind', async () => {
    expect((await all({ article: 'art-9' })).map((g) => [g.country, g.kind, g.article])).toEqual([
      ['KE', 'engagements', 'art-9'],
      ['KE', 'offers', 'art-9'],
      ['MA', 'engagements', 'art-9'],
      ['MA', 'offers', 'art-9'],
    ]);
    expect((await all({ kind: 'offers', article: 'art-12' })).map((g) => [g.country, g.kind, g.article])).toEqual([['GH', 'offers', 'art-12']]);
  });

  it('a cursor from another list or altered is a validation error (coordination.invalid_cursor)', async () => {
    const other = encodeCursor({ s: 'openedAt', v: '2025-01-01T00:00:00Z', k: 'x' });
    const altered = encodeCursor({ s: 'overlaps', v: 'not a date', k: 'x' });
    for (const cursor of [other, altered, 'bm9wZQ']) {
      await expect(coordination.overlaps({}, SECRETARIAT, { limit: 5, cursor })).rejects.toMatchObject({ code: 'coordination.invalid_cursor' });
      await expect(coordination.overlaps({}, SECRETARIAT, { limit: 5, cursor })).rejects.toBeInstanceOf(ValidationError);
    }
  });
});
