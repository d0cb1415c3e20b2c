import { f, wholeCase } from '../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import { CoordinationQueries } from '../query/coordination.queries';
import { ReadModelQueries } from '../query/read-model.queries';
import { summaryAsOf } from './as-of';

let h: ProjectionHarness;
let live: CoordinationQueries;
beforeAll(async () => {
  h = await projectionHarness();
  const rows = new ReadModelQueries(h.dataSource);
  live = new CoordinationQueries(rows.sql, rows);
});
afterAll(() => h.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SECRETARIAT = { role: 'secretariat' } as const;

describe('the coordination summary "as of" a date', () => {
  it('between two events, is the state at that date; after the last event, the live summary', async () => {
    await h.project([...wholeCase(1), ...wholeCase(2), f.submitted('r-x', '2025-01-01T00:00:00Z'), f.triaged('r-x', '2025-01-02T00:00:00Z')]);
    await pause(30);
    const between = new Date();
    const atThatDate = await live.summary(between, 30, SECRETARIAT);
    await pause(30);
    const second = await h.project([
      f.requestEvent('r-x', { type: 'RequestWithdrawn', data: { requestId: 'r-x', at: '2025-06-01T00:00:00Z', reason: 'no longer needed' } }, 'state'),
      f.engagementEvent('eng-1', { type: 'EngagementCompleted', data: { engagementId: 'eng-1', requestId: 'req-1', offerId: 'off-1', at: '2025-06-02T00:00:00Z' } }),
      ...wholeCase(3),
    ]);
    const recorded = await h.rows<{ first: Date; last: Date }>(
      'SELECT min(recorded_at) FILTER (WHERE recorded_at > $1) AS first, max(recorded_at) FILTER (WHERE recorded_at <= $1) AS last FROM event_store.events',
      [between],
    );
    expect(recorded[0]!.last.getTime()).toBeLessThan(between.getTime()); // events on both sides of the date
    expect(recorded[0]!.first.getTime()).toBeGreaterThan(between.getTime());

    const { basis, eventsRead, ...asOf } = await summaryAsOf(h.es.store, between, 30, SECRETARIAT);
    expect(basis).toBe('as_of');
    expect(eventsRead).toBeGreaterThan(0);
    expect(asOf).toEqual(atThatDate);
    expect(asOf.requests.byStatus).toEqual({ in_delivery: 2, open_for_offers: 1 });
    // Through the port's readAll alone (any adapter), rather than the PostgreSQL compact read: the same.
    const portOnly = { readAll: h.es.store.readAll.bind(h.es.store) };
    const { basis: _p, ...throughPort } = await summaryAsOf(portOnly, between, 30, SECRETARIAT);
    expect(throughPort).toEqual({ ...asOf, eventsRead });

    const now = new Date();
    const { basis: _b, eventsRead: _e, ...asOfNow } = await summaryAsOf(h.es.store, now, 30, SECRETARIAT);
    expect(asOfNow).toEqual(await live.summary(now, 30, SECRETARIAT));
    expect(asOfNow.requests.byStatus).toEqual({ in_delivery: 3, withdrawn: 1 });
    // completed by the provider, not yet acknowledged by the State: not delivered, awaiting acknowledgement
    expect(asOfNow.funding).toEqual([{ unit: 'money', currency: 'USD', registered: 30_000_000, pledged: 30_000_000, committed: 7_500_000, delivered: 0 }]);
    expect(asOfNow.completions).toEqual({ awaitingAcknowledgement: 1, acknowledged: 0 });
    expect(second.lastGlobalPosition).toBeGreaterThan(0);

    await h.project([f.engagementEvent('eng-1', { type: 'CompletionAcknowledged', data: { engagementId: 'eng-1', requestId: 'req-1', offerId: 'off-1', at: '2025-06-03T00:00:00Z' } }, 'state')]);
    const acknowledgedAt = new Date();
    const { basis: _b2, eventsRead: _e2, ...acknowledged } = await summaryAsOf(h.es.store, acknowledgedAt, 30, SECRETARIAT);
    expect(acknowledged).toEqual(await live.summary(acknowledgedAt, 30, SECRETARIAT));
    expect(acknowledged.funding).toEqual([{ unit: 'money', currency: 'USD', registered: 30_000_000, pledged: 30_000_000, committed: 7_500_000, delivered: 2_500_000 }]);
    expect(acknowledged.completions).toEqual({ awaitingAcknowledgement: 0, acknowledged: 1 });
  });

  it('leaves out, as of a date, the restricted requests hidden from the viewer at that date, as the live summary does', async () => {
    // req-9 (VN, donor-2) restricted; at the date only proposed; later its engagement goes on.
    const restricted = wholeCase(9);
    restricted[0] = f.submitted('req-9', '2025-01-01T08:00:00Z', { country: 'VN', restricted: true });
    await h.project(restricted.slice(0, 4));
    await pause(30);
    const between = new Date();
    const viewers = {
      secretariat: SECRETARIAT,
      ownState: { role: 'state', country: 'VN' },
      otherState: { role: 'state', country: 'KE' },
      engagedDonor: { role: 'donor', organisation: 'donor-2' },
      otherDonor: { role: 'donor', organisation: 'donor-3' },
    } as const;
    const liveThen = Object.fromEntries(await Promise.all(Object.entries(viewers).map(async ([k, v]) => [k, await live.summary(between, 30, v)] as const)));
    await pause(30);
    await h.project(restricted.slice(4));
    for (const [k, v] of Object.entries(viewers)) {
      const { basis: _b, eventsRead: _e, ...asOf } = await summaryAsOf(h.es.store, between, 30, v);
      expect({ k, asOf }).toEqual({ k, asOf: liveThen[k] });
      const now = new Date();
      const { basis: _b2, eventsRead: _e2, ...asOfNow } = await summaryAsOf(h.es.store, now, 30, v);
      expect({ k, asOfNow }).toEqual({ k, asOfNow: await live.summary(now, 30, v) });
    }
    const total = (s: { requests: { total: number } }) => s.requests.total;
    expect(total(liveThen.ownState!)).toBe(total(liveThen.secretariat!));
    expect(total(liveThen.engagedDonor!)).toBe(total(liveThen.secretariat!));
    expect(total(liveThen.otherState!)).toBe(total(liveThen.secretariat!) - 1);
    expect(total(liveThen.otherDonor!)).toBe(total(liveThen.secretariat!) - 1);
    expect(liveThen.otherDonor!.engagements.total).toBe(liveThen.secretariat!.engagements.total - 1);
    // Now active: its committed amount is out of the other donor's funding figures.
    const now = new Date();
    const [all, other] = await Promise.all([live.summary(now, 30, SECRETARIAT), live.summary(now, 30, viewers.otherDonor)]);
    expect(other.funding[0]!.committed).toBe(all.funding[0]!.committed - 2_500_000);
    expect(other.milestones.total).toBe(all.milestones.total - 3);
  });

  it('follows a request restricted later: as of a date before the change it is counted for everyone, after it only for those who may see it, as live', async () => {
    await h.project([f.submitted('r-consent', '2025-02-01T08:00:00Z', { country: 'GH' }), f.triaged('r-consent', '2025-02-02T08:00:00Z')]);
    await pause(30);
    const before = new Date();
    const viewers = { secretariat: SECRETARIAT, ownState: { role: 'state', country: 'GH' }, otherState: { role: 'state', country: 'KE' } } as const;
    const liveBefore = Object.fromEntries(await Promise.all(Object.entries(viewers).map(async ([k, v]) => [k, await live.summary(before, 30, v)] as const)));
    await pause(30);
    await h.project([
      f.requestEvent('r-consent', { type: 'RequestAccessChanged', data: { requestId: 'r-consent', at: '2025-02-03T08:00:00Z', restricted: true, reason: 'ministry' } }, 'state'),
    ]);
    const now = new Date();
    for (const [k, v] of Object.entries(viewers)) {
      const { basis: _b, eventsRead: _e, ...asOf } = await summaryAsOf(h.es.store, before, 30, v);
      expect({ k, asOf }).toEqual({ k, asOf: liveBefore[k] });
      const { basis: _b2, eventsRead: _e2, ...asOfNow } = await summaryAsOf(h.es.store, now, 30, v);
      expect({ k, asOfNow }).toEqual({ k, asOfNow: await live.summary(now, 30, v) });
    }
    const total = (s: { requests: { total: number } }) => s.requests.total;
    // hidden from the other State before the change: only requests restricted from the start (req-9 of the test above, when it ran)
    const hiddenBefore = total(liveBefore.secretariat!) - total(liveBefore.otherState!);
    const [all, own, other] = await Promise.all([live.summary(now, 30, SECRETARIAT), live.summary(now, 30, viewers.ownState), live.summary(now, 30, viewers.otherState)]);
    expect(total(all)).toBe(total(liveBefore.secretariat!));
    expect(total(own)).toBe(total(liveBefore.ownState!));
    expect(total(other)).toBe(total(all) - hiddenBefore - 1);
  });
});
