import type { LanguageCode } from '@ta/codelists';
import type { CaseFilter, CoordinationReader, Viewer } from '@ta/coordination';
import { codeName, statusName } from '../texts/labels';
import { allPages, column as col, onePage, type Column, type ExportTable } from './table';

/** Rows read per page of an export (keyset pages of the read models: memory holds one page). */
export const EXPORT_PAGE_ROWS = 1000;

/** The live views or those as of a cut (`CoordinationReader.view`). */
type Reader = Pick<CoordinationReader, 'rows' | 'coordination'>;
type Item<F extends (...args: never[]) => Promise<{ items: unknown[] }>> = Awaited<ReturnType<F>>['items'][number];
type RequestItem = Item<Reader['rows']['listRequests']>;
type OfferItem = Item<Reader['rows']['listOffers']>;
type EngagementItem = Item<Reader['rows']['listEngagements']>;
type GapItem = Item<Reader['coordination']['gaps']>;
/** The milestone alerts' items (the query answers them as plain records). */
interface MilestoneItem {
  readonly milestoneId: string;
  readonly title: Partial<Record<string, string>>;
  readonly engagementId: string;
  readonly requestId: string;
  readonly country: string;
  readonly providerId: string;
  readonly dueDate: string;
  readonly status: string;
  readonly daysOverdue: number;
  readonly awaiting: string | null;
  readonly disputeReason: string | null;
}
type OverlapItem = Item<Reader['coordination']['overlaps']>;

/** A localized title in the reader's language, else English, else any. */
const titleIn = (t: Partial<Record<string, string>>, lang: LanguageCode) => t[lang] ?? t.en ?? Object.values(t)[0] ?? '';

const requestColumns: Column<RequestItem>[] = [
  col('requestId', 'col.request', 'text', (r) => r.requestId),
  col('country', 'col.country', 'text', (r) => r.country),
  col('countryName', 'col.countryName', 'text', (r, l) => codeName('countries', r.country, l)),
  col('title', 'col.title', 'text', (r, l) => titleIn(r.title, l)),
  col('institution', 'col.institution', 'text', (r) => r.beneficiaryInstitution),
  col('articles', 'col.articles', 'text', (r) => r.articles),
  col('taTypes', 'col.taType', 'text', (r) => r.taTypes),
  col('status', 'col.status', 'text', (r, l) => statusName('requestStatus', r.status, l)),
  col('priority', 'col.priority', 'text', (r) => r.priority),
  col('statePriority', 'col.statePriority', 'text', (r) => r.statePriority),
  col('restricted', 'col.restricted', 'boolean', (r) => r.restricted),
  col('submittedAt', 'col.submitted', 'timestamp', (r) => r.submittedAt),
  col('openedAt', 'col.openedAt', 'timestamp', (r) => r.openedAt),
  col('matchedAt', 'col.matchedAt', 'timestamp', (r) => r.matchedAt),
  col('deliveredAt', 'col.deliveredAt', 'timestamp', (r) => r.deliveredAt),
  col('needMet', 'col.needMet', 'text', (r) => r.needMet),
];

const offerColumns: Column<OfferItem>[] = [
  col('offerId', 'col.offer', 'text', (o) => o.offerId),
  col('providerId', 'col.provider', 'text', (o) => o.providerId),
  col('title', 'col.title', 'text', (o, l) => titleIn(o.title, l)),
  col('articles', 'col.articles', 'text', (o) => o.articles),
  col('taTypes', 'col.taType', 'text', (o) => o.taTypes),
  col('status', 'col.status', 'text', (o, l) => statusName('offerStatus', o.status, l)),
  col('currency', 'col.unit', 'text', (o) => o.currency ?? 'expert-days'),
  col('capacity', 'col.capacity', 'money', (o) => o.capacity, (o) => o.currency),
  col('committed', 'col.committed', 'money', (o) => o.committed, (o) => o.currency),
  col('remaining', 'col.remaining', 'money', (o) => o.remaining, (o) => o.currency),
  col('availableFrom', 'col.availableFrom', 'day', (o) => o.availableFrom),
  col('availableTo', 'col.availableTo', 'day', (o) => o.availableTo),
  col('registeredAt', 'col.submitted', 'timestamp', (o) => o.registeredAt),
];

const engagementColumns: Column<EngagementItem>[] = [
  col('engagementId', 'col.engagement', 'text', (e) => e.engagementId),
  col('requestId', 'col.request', 'text', (e) => e.requestId),
  col('offerId', 'col.offer', 'text', (e) => e.offerId),
  col('providerId', 'col.provider', 'text', (e) => e.providerId),
  col('implementerId', 'col.implementer', 'text', (e) => e.implementerId),
  col('country', 'col.country', 'text', (e) => e.country),
  col('countryName', 'col.countryName', 'text', (e, l) => codeName('countries', e.country, l)),
  col('status', 'col.status', 'text', (e, l) => statusName('engagementStatus', e.status, l)),
  col('currency', 'col.unit', 'text', (e) => e.currency ?? 'expert-days'),
  col('amount', 'col.amount', 'money', (e) => e.amount, (e) => e.currency),
  col('score', 'col.score', 'number', (e) => e.score),
  col('proposedAt', 'col.proposedAt', 'timestamp', (e) => e.proposedAt),
  col('activatedAt', 'col.openedAt', 'timestamp', (e) => e.activatedAt),
  col('acknowledgedAt', 'col.deliveredAt', 'timestamp', (e) => e.acknowledgedAt),
];

const gapColumns: Column<GapItem>[] = [
  ...(requestColumns.filter((c) => ['requestId', 'country', 'countryName', 'title', 'articles', 'taTypes', 'priority', 'statePriority', 'openedAt'].includes(c.key)) as unknown as Column<GapItem>[]),
  col('daysOpen', 'col.daysOpen', 'integer', (g) => g.daysOpen),
];

const milestoneColumns: Column<MilestoneItem>[] = [
  col('milestoneId', 'col.milestone', 'text', (m) => m.milestoneId),
  col('title', 'col.title', 'text', (m, l) => titleIn(m.title, l)),
  col('engagementId', 'col.engagement', 'text', (m) => m.engagementId),
  col('requestId', 'col.request', 'text', (m) => m.requestId),
  col('country', 'col.country', 'text', (m) => m.country),
  col('providerId', 'col.provider', 'text', (m) => m.providerId),
  col('dueDate', 'col.due', 'day', (m) => m.dueDate),
  col('status', 'col.status', 'text', (m) => m.status),
  col('daysOverdue', 'col.daysOverdue', 'integer', (m) => m.daysOverdue),
  col('awaiting', 'col.awaiting', 'text', (m) => m.awaiting),
  col('disputeReason', 'col.reason', 'text', (m) => m.disputeReason),
];

const overlapColumns: Column<OverlapItem>[] = [
  col('kind', 'col.kind', 'text', (o) => o.kind),
  col('country', 'col.country', 'text', (o) => o.country),
  col('countryName', 'col.countryName', 'text', (o, l) => codeName('countries', o.country, l)),
  col('article', 'col.article', 'text', (o) => o.article),
  col('institution', 'col.institution', 'text', (o) => (o.kind === 'engagements' ? o.institution : null)),
  col('from', 'col.from', 'day', (o) => o.window.from),
  col('to', 'col.to', 'day', (o) => o.window.to),
  col('size', 'col.size', 'integer', (o) => o.size),
  col('sameRequest', 'col.sameRequest', 'boolean', (o) => (o.kind === 'engagements' ? o.sameRequest : null)),
  col('members', 'col.providers', 'text', (o) =>
    o.kind === 'engagements' ? o.engagements.map((e) => `${e.engagementId}@${e.providerId}`) : o.offers.map((e) => `${e.offerId}@${e.providerId}`),
  ),
];

type FundingLine = Awaited<ReturnType<Reader['coordination']['funding']>>[number];
const fundingColumns: Column<FundingLine>[] = [
  col('currency', 'col.unit', 'text', (f) => f.currency ?? 'expert-days'),
  col('registered', 'col.registered', 'money', (f) => f.registered, (f) => f.currency),
  col('pledged', 'funding.pledged', 'money', (f) => f.pledged, (f) => f.currency),
  col('committed', 'funding.committed', 'money', (f) => f.committed, (f) => f.currency),
  col('delivered', 'funding.delivered', 'money', (f) => f.delivered, (f) => f.currency),
];

interface StageRow {
  readonly family: 'requests' | 'engagements';
  readonly stage: string;
  readonly count: number;
  readonly avgAgeDays: number | null;
  readonly medianAgeDays: number | null;
  readonly maxAgeDays: number | null;
}
const stageColumns: Column<StageRow>[] = [
  col('family', 'col.kind', 'text', (s) => s.family),
  col('stage', 'col.stage', 'text', (s, l) => statusName(s.family === 'requests' ? 'requestStatus' : 'engagementStatus', s.stage, l)),
  col('count', 'col.count', 'integer', (s) => s.count),
  col('avgAgeDays', 'col.avgAge', 'number', (s) => s.avgAgeDays),
  col('medianAgeDays', 'col.medianAge', 'number', (s) => s.medianAgeDays),
  col('maxAgeDays', 'col.maxAge', 'number', (s) => s.maxAgeDays),
];

type CoverageCell = Awaited<ReturnType<Reader['coordination']['coverage']>>['items'][number];
const coverageColumns: Column<CoverageCell>[] = [
  col('article', 'col.article', 'text', (c) => c.article),
  col('articleName', 'col.article', 'text', (c, l) => codeName('uncac-articles', c.article, l)),
  col('taType', 'col.taType', 'text', (c, l) => codeName('ta-types', c.taType, l)),
  col('requests', 'col.requests', 'integer', (c) => c.requests),
  col('openRequests', 'col.openRequests', 'integer', (c) => c.openRequests),
  col('matchedRequests', 'col.matchedRequests', 'integer', (c) => c.matchedRequests),
  col('openOffers', 'col.openOffers', 'integer', (c) => c.openOffers),
  col('uncovered', 'col.uncovered', 'boolean', (c) => c.uncovered),
];

type NeedSourceGroup = Awaited<ReturnType<Reader['coordination']['needSources']>>['items'][number];
const needSourceColumns: Column<NeedSourceGroup>[] = [
  col('kind', 'col.sourceKind', 'text', (s) => s.kind),
  col('cycle', 'col.cycle', 'integer', (s) => s.cycle),
  col('chapter', 'col.chapter', 'text', (s) => s.chapter),
  col('article', 'col.article', 'text', (s) => s.article),
  col('requests', 'col.requests', 'integer', (s) => s.requests),
  col('openRequests', 'col.openRequests', 'integer', (s) => s.openRequests),
];

type TrendFunding = Awaited<ReturnType<Reader['coordination']['trends']>>['funding'][number];
const trendColumns: Column<TrendFunding>[] = [
  col('quarter', 'col.quarter', 'text', (t) => t.quarter),
  col('currency', 'col.unit', 'text', (t) => t.currency ?? 'expert-days'),
  col('offered', 'col.registered', 'money', (t) => t.offered, (t) => t.currency),
  col('committed', 'funding.committed', 'money', (t) => t.committed, (t) => t.currency),
  col('delivered', 'funding.delivered', 'money', (t) => t.delivered, (t) => t.currency),
];
type TrendRequests = Awaited<ReturnType<Reader['coordination']['trends']>>['requests'][number];
const trendRequestColumns: Column<TrendRequests>[] = [
  col('quarter', 'col.quarter', 'text', (t) => t.quarter),
  col('submitted', 'col.requests', 'integer', (t) => t.submitted),
];

type CountryFigures = Awaited<ReturnType<Reader['coordination']['countries']>>[number];
const countryColumns: Column<CountryFigures>[] = [
  col('country', 'col.country', 'text', (c) => c.country),
  col('countryName', 'col.countryName', 'text', (c, l) => codeName('countries', c.country, l)),
  col('requests', 'col.requests', 'integer', (c) => c.requests),
  col('openForOffers', 'col.openRequests', 'integer', (c) => c.openForOffers),
  col('gaps', 'col.gaps', 'integer', (c) => c.gaps),
];

type DonorCountry = Awaited<ReturnType<Reader['coordination']['donor']>>['countries'][number];
const donorCountryColumns: Column<DonorCountry>[] = [
  col('country', 'col.country', 'text', (c) => c.country),
  col('countryName', 'col.countryName', 'text', (c, l) => codeName('countries', String(c.country), l)),
  col('engagements', 'col.engagements', 'integer', (c) => c.engagements),
  col('active', 'engagementStatus.active', 'integer', (c) => c.active),
  col('completed', 'engagementStatus.completed', 'integer', (c) => c.completed),
  col('acknowledged', 'engagementStatus.acknowledged', 'integer', (c) => c.acknowledged),
];

type Params<F extends (...args: never[]) => unknown> = Parameters<F>;
type Sort = { sort: string };

/**
 * Every list and view as an export table: the same queries as the views (so the same filters
 * and the same access rules: `viewer` sees what the view shows it), lists read page after page.
 */
export const viewTables = {
  requests: (r: Reader, f: Params<Reader['rows']['listRequests']>[0], v: Viewer, o: Sort): ExportTable<RequestItem> => ({
    name: 'requests',
    columns: requestColumns,
    rows: allPages((cursor) => r.rows.listRequests(f, v, { ...o, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) })),
  }),
  offers: (r: Reader, f: Params<Reader['rows']['listOffers']>[0], o: Sort): ExportTable<OfferItem> => ({
    name: 'offers',
    columns: offerColumns,
    rows: allPages((cursor) => r.rows.listOffers(f, { ...o, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) })),
  }),
  engagements: (r: Reader, f: Params<Reader['rows']['listEngagements']>[0], v: Viewer, o: Sort): ExportTable<EngagementItem> => ({
    name: 'engagements',
    columns: engagementColumns,
    rows: allPages((cursor) => r.rows.listEngagements(f, v, { ...o, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) })),
  }),
  gaps: (r: Reader, f: Params<Reader['coordination']['gaps']>[0], v: Viewer, o: Sort): ExportTable<GapItem> => ({
    name: 'gaps',
    columns: gapColumns,
    rows: allPages((cursor) => r.coordination.gaps(f, v, { ...o, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) })),
  }),
  milestones: (r: Reader, kind: 'overdue' | 'disputed', f: Params<Reader['coordination']['milestones']>[1], v: Viewer, o: Sort): ExportTable<MilestoneItem> => ({
    name: `milestones-${kind}`,
    columns: milestoneColumns,
    rows: allPages(async (cursor) => {
      const page = await r.coordination.milestones(kind, f, v, { ...o, limit: EXPORT_PAGE_ROWS, ...(cursor ? { cursor } : {}) });
      return { items: page.items as unknown as MilestoneItem[], nextCursor: page.nextCursor };
    }),
  }),
  overlaps: (r: Reader, f: Params<Reader['coordination']['overlaps']>[0], v: Viewer): ExportTable<OverlapItem> => ({
    name: 'overlaps',
    columns: overlapColumns,
    rows: allPages((cursor) => r.coordination.overlaps(f, v, { limit: 200, ...(cursor ? { cursor } : {}) })),
  }),
  pipeline: (r: Reader, f: Params<Reader['coordination']['pipeline']>[0], v: Viewer): ExportTable<StageRow> => ({
    name: 'pipeline',
    columns: stageColumns,
    rows: onePage(async () => {
      const p = await r.coordination.pipeline(f, v);
      return [...p.requests.map((s) => ({ family: 'requests' as const, ...s })), ...p.engagements.map((s) => ({ family: 'engagements' as const, ...s }))];
    }),
  }),
  coverage: (r: Reader, f: Params<Reader['coordination']['coverage']>[0], v: Viewer): ExportTable<CoverageCell> => ({
    name: 'coverage',
    columns: coverageColumns,
    rows: onePage(async () => (await r.coordination.coverage(f, v)).items),
  }),
  needSources: (r: Reader, f: Params<Reader['coordination']['needSources']>[0], v: Viewer): ExportTable<NeedSourceGroup> => ({
    name: 'need-sources',
    columns: needSourceColumns,
    rows: onePage(async () => (await r.coordination.needSources(f, v)).items),
  }),
  trends: (r: Reader, v: Viewer, f: CaseFilter = {}): ExportTable<TrendFunding> => ({
    name: 'trends-funding',
    columns: trendColumns,
    rows: onePage(async () => [...(await r.coordination.trends(v, f)).funding]),
  }),
  trendRequests: (r: Reader, v: Viewer, f: CaseFilter = {}): ExportTable<TrendRequests> => ({
    name: 'trends-requests',
    columns: trendRequestColumns,
    rows: onePage(async () => [...(await r.coordination.trends(v, f)).requests]),
  }),
  countries: (r: Reader, asAt: Date, gapDays: number, v: Viewer, f: CaseFilter = {}): ExportTable<CountryFigures> => ({
    name: 'countries',
    columns: countryColumns,
    rows: onePage(async () => [...(await r.coordination.countries(asAt, gapDays, v, f))]),
  }),
  funding: (r: Reader, f: CaseFilter, v: Viewer): ExportTable<FundingLine> => ({
    name: 'funding',
    columns: fundingColumns,
    rows: onePage(async () => [...(await r.coordination.funding(f, v))]),
  }),
  donorCountries: (r: Reader, providerId: string, v: Viewer): ExportTable<DonorCountry> => ({
    name: `donor-${providerId}-countries`,
    columns: donorCountryColumns,
    rows: onePage(async () => [...(await r.coordination.donor(providerId, v)).countries]),
  }),
};

export type ViewTableName = keyof typeof viewTables;
export { fundingColumns };
