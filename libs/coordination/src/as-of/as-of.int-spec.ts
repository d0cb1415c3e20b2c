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

describe('the coordination summary "as of" a date', () => {
  it('between two events, is the state at that date; after the last event, the live summary', async () => {
    await h.project([...wholeCase(1), ...wholeCase(2), f.submitted('r-x', '2025-01-01T00:00:00Z'), f.triaged('r-x', '2025-01-02T00:00:00Z')]);
    await pause(30);
    const between = new Date();
    const atThatDate = await live.summary(between, 30);
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

    const { basis, eventsRead, ...asOf } = await summaryAsOf(h.es.store, between, 30);
    expect(basis).toBe('as_of');
    expect(eventsRead).toBeGreaterThan(0);
    expect(asOf).toEqual(atThatDate);
    expect(asOf.requests.byStatus).toEqual({ in_delivery: 2, open_for_offers: 1 });

    const now = new Date();
    const { basis: _b, eventsRead: _e, ...asOfNow } = await summaryAsOf(h.es.store, now, 30);
    expect(asOfNow).toEqual(await live.summary(now, 30));
    expect(asOfNow.requests.byStatus).toEqual({ in_delivery: 3, withdrawn: 1 });
    expect(asOfNow.funding).toEqual([{ unit: 'money', currency: 'USD', registered: 30_000_000, pledged: 30_000_000, committed: 7_500_000, delivered: 2_500_000 }]);
    expect(second.lastGlobalPosition).toBeGreaterThan(0);
  });
});
