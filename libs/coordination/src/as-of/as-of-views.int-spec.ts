import { f, wholeCase } from '../../test/case-fixtures';
import { appendCases } from '../../test/bulk-append';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import { CoordinationReader, type ReadView } from '../query/coordination-reader';
import { rebuildReadModels } from '../projector/rebuild/rebuild-read-models';
import { waitForPosition } from '../projector/read-your-writes';
import { TEMPORAL_READ_MODELS } from '../read-models/read-models';
import type { Viewer } from '../access/request-visibility';
import { summaryAsOf } from './as-of';

/*
 * "As of" for every view (docs/read-models.md, "As of a date"): the same queries over the
 * read models as they stood at a cut of the log. Checked against the live views at the head,
 * against the live views as they were answered at past cuts, against the in-memory fold of the
 * log (a replay), and the history the projector wrote against a rebuild's.
 */
let h: ProjectionHarness;
let reader: CoordinationReader;
beforeAll(async () => {
  h = await projectionHarness();
  reader = new CoordinationReader(h.es.store, h.dataSource, { gapDays: 30, waitTimeoutMs: 10_000, consumer: 'coordination', followUpConsumers: [] });
});
afterAll(() => h.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ACTORS: Record<string, Viewer> = {
  secretariat: { role: 'secretariat' },
  ownState: { role: 'state', country: 'VN' },
  otherState: { role: 'state', country: 'KE' },
  engagedDonor: { role: 'donor', organisation: 'donor-2' },
  otherDonor: { role: 'donor', organisation: 'donor-3' },
} as Record<string, Viewer>;

const page = { sort: '-submittedAt', limit: 200 };
/** Every view, one entry each: a detail that is hidden or missing answers its error code. */
async function everyView(v: Pick<ReadView, 'rows' | 'coordination'>, actor: Viewer, asAt: Date): Promise<Record<string, unknown>> {
  const c = v.coordination;
  const attempt = async (p: Promise<unknown>) => p.catch((e: { code?: string }) => ({ error: e.code ?? String(e) }));
  const views: Record<string, Promise<unknown>> = {
    summary: c.summary(asAt, 30, actor),
    requests: v.rows.listRequests({}, actor, page),
    requestsKE: v.rows.listRequests({ country: 'KE' }, actor, { sort: 'updatedAt', limit: 3 }),
    offers: v.rows.listOffers({}, { sort: '-registeredAt', limit: 200 }),
    engagements: v.rows.listEngagements({}, actor, { sort: '-proposedAt', limit: 200 }),
    request1: attempt(v.rows.request('req-1', actor, 'fr')),
    request9: attempt(v.rows.request('req-9', actor, null)),
    requestX: attempt(v.rows.request('r-x', actor, null)),
    offer1: attempt(v.rows.offer('off-1', actor, 'es')),
    offer9: attempt(v.rows.offer('off-9', actor, null)),
    engagement1: attempt(v.rows.engagement('eng-1', asAt, actor, 'ar')),
    engagement9: attempt(v.rows.engagement('eng-9', asAt, actor, null)),
    gaps: c.gaps({ olderThanDays: 30, asAt }, actor, { sort: 'openedAt', limit: 200 }),
    overlaps: c.overlaps({}, actor, { limit: 200 }),
    pipeline: c.pipeline({ asAt }, actor),
    coverage: c.coverage({}, actor),
    needSources: c.needSources({}, actor),
    trends: c.trends(actor),
    countries: c.countries(asAt, 30, actor),
    countryVN: c.country('VN', asAt, 30, actor),
    donor2: attempt(c.donor('donor-2', actor)),
    overdue: c.milestones('overdue', { asAt }, actor, { sort: 'dueDate', limit: 200 }),
    disputed: c.milestones('disputed', { asAt }, actor, { sort: 'dueDate', limit: 200 }),
    funding: c.funding({}, actor),
  };
  return Object.fromEntries(await Promise.all(Object.entries(views).map(async ([k, p]) => [k, await p] as const)));
}

/** The log's last event, as `<commit>:<global>`. */
const head = async () => {
  const [r] = await h.rows<{ c: string; g: string }>('SELECT commit_order::text AS c, global_position::text AS g FROM event_store.events ORDER BY commit_order DESC, global_position DESC LIMIT 1');
  return `${r!.c}:${r!.g}`;
};

interface Past {
  readonly position: string;
  readonly instant: Date;
  readonly live: Record<string, Record<string, unknown>>;
}
const pasts: Past[] = [];
/** The live answers of every view for every actor, now, to compare with "as of" this moment later. */
async function remember(): Promise<void> {
  await pause(20);
  const instant = new Date();
  const position = await head();
  const live: Past['live'] = {};
  for (const [k, actor] of Object.entries(ACTORS)) live[k] = await everyView(reader, actor, instant);
  pasts.push({ position, instant, live });
  await pause(20);
}

describe('"as of" for every view', () => {
  it('builds a varied log in steps, remembering every view at each step', async () => {
    await h.project([...wholeCase(1), ...wholeCase(2)]);
    await remember();
    const restricted = wholeCase(9);
    restricted[0] = f.submitted('req-9', '2025-01-01T08:00:00Z', { country: 'VN', restricted: true });
    await h.project([...restricted.slice(0, 4), f.submitted('r-x', '2025-01-01T00:00:00Z', { country: 'KE' }), f.triaged('r-x', '2025-01-02T00:00:00Z')]);
    await remember();
    // Several events per transaction (one append per stream), and the rest of the restricted case.
    await appendCases(h.es.store, [wholeCase(3), wholeCase(4), restricted.slice(4)]);
    await h.project([f.requestEvent('r-x', { type: 'RequestWithdrawn', data: { requestId: 'r-x', at: '2025-06-01T00:00:00Z', reason: 'no longer needed' } }, 'state')]);
    await remember();
    await h.project([
      f.engagementEvent('eng-1', { type: 'EngagementCompleted', data: { engagementId: 'eng-1', requestId: 'req-1', offerId: 'off-1', at: '2025-06-02T00:00:00Z' } }),
      f.requestEvent('req-2', { type: 'RequestAccessChanged', data: { requestId: 'req-2', at: '2025-06-03T08:00:00Z', restricted: true, reason: 'ministry' } }, 'state'),
    ]);
    await remember();
    await h.project([f.engagementEvent('eng-1', { type: 'CompletionAcknowledged', data: { engagementId: 'eng-1', requestId: 'req-1', offerId: 'off-1', at: '2025-06-04T00:00:00Z' } }, 'state')]);
    expect(pasts).toHaveLength(4);
  });

  it('at the head of the log, equals the live view: every view, every actor (restricted requests included)', async () => {
    const asAt = new Date();
    const atHead = await reader.view({ asOfPosition: await head() });
    expect(atHead.cut).not.toBeNull();
    let compared = 0;
    for (const [k, actor] of Object.entries(ACTORS)) {
      const [live, asOf] = await Promise.all([everyView(reader, actor, asAt), everyView(atHead, actor, asAt)]);
      expect({ k, asOf }).toEqual({ k, asOf: live });
      compared += Object.keys(live).length;
    }
    expect(compared).toBe(Object.keys(ACTORS).length * 24);
    // The restricted case is hidden from the other State and the other donor, shown to the others.
    const other = await everyView(atHead, ACTORS.otherState!, asAt);
    expect(other.request9).toEqual({ error: 'coordination.request_not_found' });
    expect((await everyView(atHead, ACTORS.ownState!, asAt)).request9).toMatchObject({ requestId: 'req-9' });
  });

  it('at a past log position or instant, equals the live views answered then, for every view and actor', async () => {
    for (const past of pasts) {
      const byPosition = await reader.view({ asOfPosition: past.position });
      const byInstant = await reader.view({ asOf: past.instant });
      expect(byInstant.cut!.commitOrder).toBe(byPosition.cut!.commitOrder);
      for (const [k, actor] of Object.entries(ACTORS)) {
        expect({ k, position: past.position, asOf: await everyView(byPosition, actor, past.instant) }).toEqual({ k, position: past.position, asOf: past.live[k] });
        expect({ k, asOf: await everyView(byInstant, actor, past.instant) }).toEqual({ k, asOf: past.live[k] });
      }
    }
    // The steps differ (otherwise the comparison above proves little).
    expect(pasts[0]!.live.secretariat!.summary).not.toEqual(pasts[3]!.live.secretariat!.summary);
    expect((pasts[1]!.live.secretariat!.requestX as { status: string }).status).toBe('open_for_offers');
    expect((pasts[2]!.live.secretariat!.requestX as { status: string }).status).toBe('withdrawn');
  });

  it('the summary as of a past instant equals the replay of the log up to it (the in-memory fold)', async () => {
    for (const past of pasts) {
      for (const [k, actor] of Object.entries(ACTORS)) {
        const { basis: _b, eventsRead: _e, ...replayed } = await summaryAsOf(h.es.store, past.instant, 30, actor);
        const v = await reader.view({ asOf: past.instant });
        expect({ k, summary: await v.coordination.summary(past.instant, 30, actor) }).toEqual({ k, summary: replayed });
      }
    }
  });

  it('before the first event, every list is empty; a position of no event and a date in the future are refused', async () => {
    const empty = await reader.view({ asOf: new Date('2000-01-01T23:59:59.999Z') });
    expect(empty.cut!.commitOrder).toBe('0');
    const all = await everyView(empty, ACTORS.secretariat!, new Date('2001-01-01T00:00:00Z'));
    expect(all.requests).toEqual({ items: [], nextCursor: null });
    expect(all.request1).toEqual({ error: 'coordination.request_not_found' });
    await expect(reader.view({ asOfPosition: '1:999999999' })).rejects.toMatchObject({ code: 'coordination.as_of_position_unknown' });
    await expect(reader.view({ asOf: new Date(Date.now() + 86_400_000 * 2) })).rejects.toMatchObject({ code: 'coordination.as_of_in_future' });
  });

  it('a rebuild writes the same versions and history as the live projector, row for row', async () => {
    await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { pageSize: 7, swap: false });
    let versions = 0;
    for (const name of TEMPORAL_READ_MODELS.keys()) {
      for (const table of [name, `${name}_history`]) {
        const diff = await h.rows<{ n: string; total: string }>(
          `SELECT (SELECT count(*) FROM ((TABLE coordination.${table} EXCEPT ALL TABLE coordination.${table}__rebuild)
                    UNION ALL (TABLE coordination.${table}__rebuild EXCEPT ALL TABLE coordination.${table})) d) AS n,
                  (SELECT count(*) FROM coordination.${table}) AS total`,
        );
        expect({ table, differing: Number(diff[0]!.n) }).toEqual({ table, differing: 0 });
        if (table.endsWith('_history')) versions += Number(diff[0]!.total);
      }
    }
    expect(versions).toBeGreaterThan(50);
    const last = await h.append([f.submitted('r-after', '2025-07-01T00:00:00Z')]);
    await waitForPosition(h.es.store, last.lastGlobalPosition, { timeoutMs: 10_000 });
  });
});
