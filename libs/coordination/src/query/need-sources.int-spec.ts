import type { NeedSource } from '@ta/case';
import { f } from '../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import type { Viewer } from '../access/request-visibility';
import { CoordinationQueries } from './coordination.queries';
import { ReadModelQueries, type ListOptions } from './read-model.queries';

let h: ProjectionHarness;
let rows: ReadModelQueries;
let coordination: CoordinationQueries;
const SECRETARIAT: Viewer = { role: 'secretariat' };
/** Another State: does not see Uganda's restricted request. */
const PUBLIC: Viewer = { role: 'state', country: 'KE' };
const PAGE: ListOptions = { sort: '-submittedAt', limit: 50 };

/** A need for article 9 found in the first cycle's self-assessment. */
const SELF_ASSESSMENT_C1_ART9: NeedSource = { kind: 'self-assessment', round: '2010-2011', cycle: 1, article: 'art-9', paragraph: '1 (b)', need: 'Criteria set in advance' };
/** The same article in the 2008-2009 round, before the Mechanism: no cycle. */
const SELF_ASSESSMENT_2008_ART9: NeedSource = { kind: 'self-assessment', round: '2008-2009', cycle: null, article: 'art-9', paragraph: null, need: 'Procurement review' };
const REVIEW_C2_ART9: NeedSource = { kind: 'review-report', cycle: 2, chapter: 'ch-2', reportSymbol: 'CAC/COSP/IRG/II/3/1/Add.2', article: 'art-9', paragraph: '1 (d)', need: 'Appeal system' };
const REVIEW_C1_ART30: NeedSource = { kind: 'review-report', cycle: 1, chapter: 'ch-3', reportSymbol: 'CAC/COSP/IRG/I/2/1/Add.7', article: 'art-30', paragraph: null, need: 'Immunities' };

const ids = async (filters: Parameters<ReadModelQueries['listRequests']>[0], viewer: Viewer = SECRETARIAT) =>
  (await rows.listRequests(filters, viewer, PAGE)).items.map((r) => r.requestId).sort();

beforeAll(async () => {
  h = await projectionHarness();
  rows = new ReadModelQueries(h.dataSource);
  coordination = new CoordinationQueries(rows.sql, rows);
  await h.project([
    f.submitted('sa-c1', '2025-01-01T09:00:00Z', { country: 'KE', sources: [SELF_ASSESSMENT_C1_ART9], statePriority: 'high' }),
    f.submitted('sa-2008', '2025-01-02T09:00:00Z', { country: 'KE', sources: [SELF_ASSESSMENT_2008_ART9], statePriority: 'low' }),
    // cites a first-cycle review AND an article-9 review of the second cycle: matches neither "cycle 1 + art-9" nor "self-assessment"
    f.submitted('mixed', '2025-01-03T09:00:00Z', { country: 'PE', sources: [REVIEW_C1_ART30, REVIEW_C2_ART9], statePriority: 'high' }),
    f.submitted('none', '2025-01-04T09:00:00Z', { country: 'PE', sources: [] }),
    f.submitted('hidden', '2025-01-05T09:00:00Z', { country: 'UG', sources: [SELF_ASSESSMENT_C1_ART9], restricted: true }),
    f.triaged('sa-c1', '2025-01-06T09:00:00Z'),
  ]);
});
afterAll(() => h.close());

describe('requests filtered by the source of their need', () => {
  it('finds the request citing a first-cycle self-assessment need for article 9', async () => {
    expect(await ids({ sourceKind: 'self-assessment', sourceCycle: 1, sourceArticle: 'art-9' })).toEqual(['hidden', 'sa-c1']);
  });

  it('matches one source on every criterion, not criteria spread over several sources', async () => {
    expect(await ids({ sourceCycle: 1, sourceArticle: 'art-9' })).toEqual(['hidden', 'sa-c1']);
    expect(await ids({ sourceKind: 'review-report', sourceArticle: 'art-9' })).toEqual(['mixed']);
    expect(await ids({ sourceKind: 'review-report', sourceCycle: 1, sourceArticle: 'art-9' })).toEqual([]);
  });

  it("finds a self-assessment by the chapter of its article, like a review of that chapter", async () => {
    expect(await ids({ sourceChapter: 'ch-2' })).toEqual(['hidden', 'mixed', 'sa-2008', 'sa-c1']);
    expect(await ids({ sourceChapter: 'ch-3' })).toEqual(['mixed']);
  });

  it("filters by the State's own priority apart from the Secretariat's, and by restriction", async () => {
    expect(await ids({ statePriority: 'high' })).toEqual(['mixed', 'sa-c1']);
    expect(await ids({ priority: 'high' })).toEqual(['sa-c1']);
    expect(await ids({ restricted: true })).toEqual(['hidden']);
  });

  it("finds gaps by the State's own priority too", async () => {
    const gaps = async (statePriority: string) =>
      (await coordination.gaps({ olderThanDays: 0, asAt: new Date('2026-01-01T00:00:00Z'), statePriority }, SECRETARIAT, { sort: 'openedAt', limit: 50 })).items.map((g) => g.requestId);
    expect(await gaps('high')).toEqual(['sa-c1']);
    expect(await gaps('low')).toEqual([]);
  });

  it('leaves out the restricted requests the viewer may not see', async () => {
    expect(await ids({ sourceKind: 'self-assessment', sourceCycle: 1, sourceArticle: 'art-9' }, PUBLIC)).toEqual(['sa-c1']);
  });
});

describe('requests counted by the source of their need', () => {
  it('counts the first-cycle self-assessment need for article 9, as the viewer may see it', async () => {
    const filters = { sourceKind: 'self-assessment', sourceCycle: 1, sourceArticle: 'art-9' };
    const secretariat = await coordination.needSources(filters, SECRETARIAT);
    expect(secretariat.items).toEqual([{ kind: 'self-assessment', cycle: 1, chapter: 'ch-2', article: 'art-9', requests: 2, openRequests: 1 }]);
    expect(secretariat.requests).toBe(2);
    const observer = await coordination.needSources(filters, PUBLIC);
    expect(observer.items).toEqual([{ kind: 'self-assessment', cycle: 1, chapter: 'ch-2', article: 'art-9', requests: 1, openRequests: 1 }]);
    expect(observer.requests).toBe(1);
  });

  it('groups every source by kind, cycle, chapter and article; counts the requests citing none', async () => {
    const all = await coordination.needSources({}, SECRETARIAT);
    expect(all.items).toEqual([
      { kind: 'review-report', cycle: 1, chapter: 'ch-3', article: 'art-30', requests: 1, openRequests: 0 },
      { kind: 'review-report', cycle: 2, chapter: 'ch-2', article: 'art-9', requests: 1, openRequests: 0 },
      { kind: 'self-assessment', cycle: null, chapter: 'ch-2', article: 'art-9', requests: 1, openRequests: 0 },
      { kind: 'self-assessment', cycle: 1, chapter: 'ch-2', article: 'art-9', requests: 2, openRequests: 1 },
    ]);
    expect(all).toMatchObject({ requests: 4, withoutSource: 1 });
    expect((await coordination.needSources({ country: 'PE' }, SECRETARIAT)).items.map((i) => i.article)).toEqual(['art-30', 'art-9']);
  });
});
