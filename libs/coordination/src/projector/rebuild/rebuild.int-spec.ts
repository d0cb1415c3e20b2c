import { f, wholeCase } from '../../../test/case-fixtures';
import { appendCases } from '../../../test/bulk-append';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';
import { rebuildReadModels } from './rebuild-read-models';
import { waitForPosition } from '../read-your-writes';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
  await appendCases(h.es.store, Array.from({ length: 100 }, (_, i) => wholeCase(i)));
});
afterAll(() => h.close());

const snapshot = async () =>
  h.rows(`SELECT (SELECT json_agg(r ORDER BY request_id) FROM coordination.requests r) AS requests,
                 (SELECT json_agg(o ORDER BY offer_id) FROM coordination.offers o) AS offers,
                 (SELECT count(*) FROM coordination.request_history) AS history,
                 (SELECT json_agg(s ORDER BY doc_id) FROM coordination.search_documents s) AS search`);

describe('rebuild', () => {
  it('rebuilds all read models into new tables and swaps them in while the projector runs', async () => {
    const last = await h.append(wholeCase(1000));
    await waitForPosition(h.es.store, last.lastGlobalPosition, { timeoutMs: 10_000 });
    const before = await snapshot();
    const progress: number[] = [];
    const result = await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { pageSize: 500, onProgress: (done) => progress.push(done) });
    expect(result.events).toBe(101 * 21);
    expect(progress.at(-1)).toBe(101 * 21);
    expect(await snapshot()).toEqual(before);
    const indexes = await h.rows<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'coordination' ORDER BY 1`);
    expect(indexes.map((i) => i.indexname)).toContain('requests_pkey');
    expect(indexes.map((i) => i.indexname)).toContain('requests_country_idx');
    expect(indexes.filter((i) => i.indexname.includes('__rebuild'))).toEqual([]);
  });

  it('keeps projecting into the swapped-in tables, and a rebuild of one read model stops at the live checkpoint', async () => {
    const last = await h.append(wholeCase(2000));
    await waitForPosition(h.es.store, last.lastGlobalPosition, { timeoutMs: 10_000 });
    expect((await h.rows(`SELECT status FROM coordination.requests WHERE request_id = 'req-2000'`))[0]).toEqual({ status: 'in_delivery' });
    const before = await snapshot();
    const result = await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { models: ['offers'] });
    expect(result.models).toEqual(['offers']);
    expect(await snapshot()).toEqual(before);
  });

  it('rebuilds the history alone without folding anything in Node: the same rows, row for row', async () => {
    const rows = () => h.rows(`SELECT json_agg(t ORDER BY event_id) AS rows FROM coordination.request_history t`);
    const before = await rows();
    const result = await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { models: ['request_history'] });
    expect(result.models).toEqual(['request_history']);
    expect(await rows()).toEqual(before);
    expect(((before[0] as { rows: unknown[] }).rows ?? []).length).toBeGreaterThan(100);
  });

  it('events appended while it runs reach every table, the history included, exactly once', async () => {
    const events = wholeCase(3000);
    let appended: Promise<{ lastGlobalPosition: number }> | undefined;
    // Appended as the rebuild reads its first pages: after the history's end was fixed, before the fold ends.
    await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { pageSize: 50, onProgress: () => void (appended ??= h.append(events)) });
    const last = await appended!;
    await waitForPosition(h.es.store, last.lastGlobalPosition, { timeoutMs: 10_000 });
    const history = await h.rows<{ event_type: string }>(
      `SELECT event_type FROM coordination.request_history WHERE request_id = 'req-3000' ORDER BY commit_order, global_position`,
    );
    expect(history.map((r) => r.event_type)).toEqual(events.filter((x) => !['OfferRegistered', 'CapacityCommitted', 'OfferTextTranslated'].includes(x.event.type)).map((x) => x.event.type));
    expect((await h.rows(`SELECT status FROM coordination.requests WHERE request_id = 'req-3000'`))[0]).toEqual({ status: 'in_delivery' });
  });

  it('one at a time: a second rebuild while one runs fails at once, and the first goes on', async () => {
    const before = await snapshot();
    let second: Promise<unknown> | undefined;
    const first = rebuildReadModels(h.db.pool, h.es.store, h.dataSource, {
      pageSize: 200,
      onProgress: () => void (second ??= rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { models: ['offers'] }).catch((e: Error) => e)),
    });
    await expect(first).resolves.toMatchObject({ models: ['requests', 'request_history', 'offers', 'engagements', 'milestones', 'search_documents', 'case_texts'] });
    expect(await second).toEqual(new Error('another rebuild of the coordination read models is running'));
    expect(await snapshot()).toEqual(before);
    // The lock was let go: the next one runs.
    await expect(rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { models: ['offers'] })).resolves.toMatchObject({ models: ['offers'] });
  });

  it('loaded UNLOGGED on request, swaps in the same rows in LOGGED tables (crash-safe), with their indexes', async () => {
    const before = await snapshot();
    const result = await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { unlogged: true });
    expect(result.phases.logged).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
    const tables = await h.rows<{ relname: string; relpersistence: string }>(
      `SELECT relname, relpersistence FROM pg_class WHERE relnamespace = 'coordination'::regnamespace AND relkind IN ('r', 'i') ORDER BY 1`,
    );
    expect(tables.filter((t) => t.relpersistence !== 'p')).toEqual([]);
    expect(tables.map((t) => t.relname)).toEqual(expect.arrayContaining(['request_history_pkey', 'request_history_request_idx', 'requests_country_idx']));
  });

  it("rebuilds an authority's State on its offers and an engagement's implementer as the live projection has them, and null where old events have none", async () => {
    const at = '2025-02-01T10:00:00.000Z';
    const last = await h.append([
      f.offer('off-peer', at, { providerId: 'ke-eacc', providerCountry: 'KE', countries: ['UG'] }),
      f.proposed({ engagementId: 'eng-impl', requestId: 'req-1000', offerId: 'off-peer', at, providerId: 'ke-eacc', implementerId: 'unodc', country: 'UG' }),
    ]);
    await waitForPosition(h.es.store, last.lastGlobalPosition, { timeoutMs: 10_000 });
    const rows = () =>
      h.rows<{ offers: unknown; engagements: unknown }>(
        `SELECT (SELECT json_agg(json_build_array(offer_id, provider_country) ORDER BY offer_id) FROM coordination.offers) AS offers,
                (SELECT json_agg(json_build_array(engagement_id, implementer_id) ORDER BY engagement_id) FROM coordination.engagements) AS engagements`,
      );
    const live = (await rows())[0]!;
    expect(live.offers).toContainEqual(['off-peer', 'KE']);
    expect(live.offers).toContainEqual(['off-1', null]);
    expect(live.engagements).toContainEqual(['eng-impl', 'unodc']);
    await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { models: ['offers', 'engagements'] });
    expect((await rows())[0]).toEqual(live);
  });
});
