import { codelists, LANGUAGE_CODES, type CodelistName } from '@ta/codelists';
import { param } from '@ta/platform/http';
import { GAPS_LIST } from '../query/gaps.queries';
import { MILESTONES_LIST } from '../query/milestones.queries';
import { OVERLAP_KINDS } from '../query/overlaps.queries';
import { OVERDUE_AWAITING } from '../rules/overdue.rule';
import { sortNames, type ListSpec } from '../query/pagination';
import { ENGAGEMENT_STATUSES, ENGAGEMENTS_LIST, OFFER_STATUSES, OFFERS_LIST, REQUEST_STATUSES, REQUESTS_LIST } from '../query/read-model.queries';
import { PUBLIC_OFFERS_LIST, PUBLIC_REQUESTS_LIST } from '../query/public-view.queries';
import { SEARCH_KINDS, SEARCH_STATUSES } from '../query/search.queries';

/**
 * The query parameters of every read route, one table per route: the controllers' parsing
 * (QueryParametersInterceptor) and the OpenAPI document both come from these tables.
 */
const code = (list: CodelistName, description?: string) =>
  param.enum(
    codelists.list(list).map((item) => item.code),
    { list, ...(description ? { description } : {}) },
  );

const country = code('countries', 'ISO 3166-1 alpha-2 (codelist countries)');
const article = code('uncac-articles', 'UNCAC article (codelist uncac-articles), e.g. art-9');
const taType = code('ta-types', 'TA type (codelist ta-types)');
const donor = param.string({ description: "A provider's id (its organisation or national authority)", example: 'donor-giz' });
const asAt = param.date({ description: 'The time time-dependent figures (overdue, gaps, ages) are computed at; default now' });
const olderThanDays = param.integer(0, 36500, { description: 'Days open for offers without a live engagement that make a gap; default COORDINATION_GAP_DAYS (90)' });

/** Which cited need source a request must have: one source matching all of these that are given. */
const SOURCE = {
  sourceKind: param.enum(['self-assessment', 'review-report', 'cited-finding'], {
    description: 'Kind of need source: the self-assessment checklist, a country review report, or an unstructured citation recorded before sources were structured',
  }),
  sourceCycle: param.integer(1, 2, { description: 'Review cycle of the source (a self-assessment: the cycle whose checklist it is)' }),
  sourceChapter: code('uncac-chapters', 'UNCAC chapter the need falls under (a review report: the chapter reviewed; a self-assessment: its article\'s)'),
  sourceArticle: code('uncac-articles', 'UNCAC article of the source'),
};

/**
 * The coordinated view's filter (`CaseFilter`, query/conditions.ts): the same parameters with
 * the same meaning on every coordination route, so that a filtered overview adds up.
 */
const region = code('regions', 'UN M49 region (codelist regions), its sub-regions included: requests and engagements in one of its countries, offers eligible for one of them');
const FILTER = {
  from: param.date({ description: 'Period start (included): requests submitted, offers registered, engagements proposed (their milestones with them) at or after' }),
  to: param.date({ description: 'Period end (excluded): requests submitted, offers registered, engagements proposed before' }),
  region,
  country: code('countries', "ISO 3166-1 alpha-2 (codelist countries): requests and engagements of the country, offers eligible for it"),
  article: code('uncac-articles', "UNCAC article (codelist uncac-articles): the request's (an engagement's request's), the offer's"),
  taType: code('ta-types', "TA type (codelist ta-types): the request's (an engagement's request's), the offer's"),
  donor: param.string({
    description: "A provider's id: its engagements and offers, and the requests it has an engagement on (proposed, agreed, active, completed or acknowledged)",
    example: 'donor-giz',
  }),
  sourceKind: param.enum(['self-assessment', 'review-report', 'cited-finding'], {
    description: 'Requests citing a need source of this kind (engagements: their request); offers are not filtered by it',
  }),
};

/** What a read waits for to see a write (`CoordinationReader.consistent`). */
const MIN_POSITION = {
  minPosition: param.integer(0, Number.MAX_SAFE_INTEGER, {
    description:
      'Read your own write: the `globalPosition` a command answered with. The query waits until the read models include it (COORDINATION_WAIT_TIMEOUT_MS), else 503 `coordination.not_caught_up` with Retry-After; a position the log has not given out is 400 `coordination.position_not_issued`',
  }),
  settled: param.string({
    pattern: /^[\x21-\x7e]{1,100}$/,
    noun: 'correlation id',
    description:
      "Read once the platform's own steps after a command are done: the `correlationId` the command answered with. The query waits until the process managers and the read models have handled every event carrying it (activation, capacity, cancellations), else 503 `coordination.not_settled` with Retry-After",
    example: '3f2c9d1e-8a51-4c3e-9d2e-1f7b6a0c4e55',
  }),
};

/** "As of": the views as they stood at the end of a past day, at an instant, or at a log position (docs/read-models.md). */
const AS_OF = {
  asOf: param.date({
    dayEnd: true,
    description:
      'The view as the platform knew it then: a date means the end of that day (UTC), a timestamp that instant; not in the future. Time-dependent figures default to that instant. Default: live',
  }),
  asOfPosition: param.string({
    pattern: /^\d{1,19}:\d{1,19}$/,
    noun: 'log position (`<commit>:<globalPosition>`)',
    description: 'The view as of a log position `<commit>:<globalPosition>` (as a report states it): its whole transaction included. Not with `asOf`',
    example: '1042:5310',
  }),
};

const PAGE = {
  limit: param.integer(1, 200, { default: 50, description: 'Items per page' }),
  cursor: param.string({ pattern: /^[A-Za-z0-9_-]{1,2000}$/, noun: 'cursor', description: 'The `nextCursor` of the previous page (same filters and sort)' }),
};

/** `sort` (a sort key, `-key` descending), `limit` and `cursor`. */
function list(spec: ListSpec, defaultSort: string) {
  return { sort: param.enum(sortNames(spec), { default: defaultSort, description: 'A sort key; `-key` sorts descending' }), ...PAGE };
}

export const REQUESTS_QUERY = {
  country,
  region,
  donor: param.string({ description: 'Requests this provider has an engagement on (proposed, agreed, active, completed or acknowledged)', example: 'donor-giz' }),
  article,
  taType,
  status: param.enum(REQUEST_STATUSES),
  priority: code('priorities', "The Secretariat's triage priority"),
  statePriority: code('priorities', "The State's own priority, given on submission"),
  restricted: param.boolean({ description: 'true: only restricted requests (those the caller may see); false: only open ones' }),
  ...SOURCE,
  submittedFrom: param.date({ description: 'Submitted at or after' }),
  submittedTo: param.date({ description: 'Submitted before' }),
  ...list(REQUESTS_LIST, '-submittedAt'),
  ...AS_OF,
  ...MIN_POSITION,
};
export const OFFERS_QUERY = {
  donor,
  country: code('countries', 'Offers eligible for this country (named, or through a region)'),
  article,
  taType,
  status: param.enum(OFFER_STATUSES),
  currency: code('currencies', 'ISO 4217 (codelist currencies)'),
  region: code('regions', 'UN M49 region (codelist regions): offers eligible for one of its countries (named, or through a region)'),
  registeredFrom: param.date({ description: 'Registered at or after' }),
  registeredTo: param.date({ description: 'Registered before' }),
  availableOn: param.date({ description: 'Offers whose availability window includes this day' }),
  withCapacity: param.boolean({ description: 'true: only offers with capacity left' }),
  ...list(OFFERS_LIST, '-registeredAt'),
  ...AS_OF,
  ...MIN_POSITION,
};
export const ENGAGEMENTS_QUERY = {
  country,
  region,
  donor,
  article: code('uncac-articles', "UNCAC article of the engagement's request"),
  taType: code('ta-types', "TA type of the engagement's request"),
  sourceKind: param.enum(['self-assessment', 'review-report', 'cited-finding'], { description: "Kind of need source the engagement's request cites" }),
  currency: code('currencies', 'ISO 4217 (codelist currencies): engagements of money in this currency'),
  committed: param.boolean({ description: "true: only engagements whose amount is committed (active, completed or acknowledged: the funding's `committed`)" }),
  status: param.enum(ENGAGEMENT_STATUSES),
  requestId: param.string({ description: 'Engagements on this request' }),
  offerId: param.string({ description: 'Engagements on this offer' }),
  proposedFrom: param.date({ description: 'Proposed at or after' }),
  proposedTo: param.date({ description: 'Proposed before' }),
  ...list(ENGAGEMENTS_LIST, '-proposedAt'),
  ...AS_OF,
  ...MIN_POSITION,
};
/** The language the case's texts are wanted in; without it, the best of `Accept-Language` among the six. */
const lang = param.enum(LANGUAGE_CODES, {
  description:
    "The language the case's texts are wanted in (ar en es fr ru zh); without it, the best match of the Accept-Language header among them. A text not written or translated in it comes in its original",
});

export const DETAIL_QUERY = { lang, ...AS_OF, ...MIN_POSITION };
export const ENGAGEMENT_DETAIL_QUERY = { asAt: param.date({ description: 'Which milestones are overdue is decided at this time; default now (as of a past date: that date)' }), lang, ...AS_OF, ...MIN_POSITION };

export const SUMMARY_QUERY = {
  ...AS_OF,
  olderThanDays,
  ...FILTER,
  ...MIN_POSITION,
};
export const GAPS_QUERY = {
  olderThanDays,
  asAt,
  ...FILTER,
  priority: code('priorities', "The Secretariat's triage priority"),
  statePriority: code('priorities', "The State's own priority"),
  ...list(GAPS_LIST, 'openedAt'),
  ...AS_OF,
  ...MIN_POSITION,
};
export const OVERLAPS_QUERY = { ...FILTER, kind: param.enum(OVERLAP_KINDS, { description: 'Only overlaps of engagements, or of offers' }), ...PAGE, ...AS_OF, ...MIN_POSITION };
export const PIPELINE_QUERY = { asAt, ...FILTER, ...AS_OF, ...MIN_POSITION };
export const NEED_SOURCES_QUERY = { ...FILTER, ...SOURCE, ...AS_OF, ...MIN_POSITION };
export const COVERAGE_QUERY = { ...FILTER, ...AS_OF, ...MIN_POSITION };
export const COUNTRY_QUERY = { asAt, olderThanDays, ...AS_OF, ...MIN_POSITION };
export const DONOR_QUERY = { ...AS_OF, ...MIN_POSITION };
export const TRENDS_QUERY = { ...FILTER, ...AS_OF, ...MIN_POSITION };
export const COUNTRIES_QUERY = { asAt, olderThanDays, ...FILTER, ...AS_OF, ...MIN_POSITION };
export const MILESTONES_QUERY = { asAt, ...FILTER, ...list(MILESTONES_LIST, 'dueDate'), ...AS_OF, ...MIN_POSITION };
export const OVERDUE_QUERY = {
  ...MILESTONES_QUERY,
  awaiting: param.enum(OVERDUE_AWAITING, { description: "report: the provider has not reported them done; confirmation: reported done, the State has not confirmed them; default both" }),
};
export const FUNDING_QUERY = { ...FILTER, ...AS_OF, ...MIN_POSITION };

/** `GET /search`: the words, the kinds, the lists' filters (see `SearchFilters`), ranked pages. */
const kindPattern = `(${SEARCH_KINDS.join('|')})`;
export const SEARCH_QUERY = {
  q: param.string({
    pattern: /^[^\x00-\x1f\x7f]{1,200}$/,
    noun: 'search text (1-200 characters, no control characters)',
    description:
      'The words to find (none: an empty page), in any of the six languages (each word under every language\'s stemming; Chinese by character bigrams); "quoted phrase", -word to exclude, or',
    example: 'procurement audit',
  }),
  kinds: param.string({
    pattern: new RegExp(`^${kindPattern}(,${kindPattern}){0,2}$`),
    noun: 'list of kinds (request, offer, engagement, comma-separated)',
    description: 'Comma-separated: request, offer, engagement; default all three',
    example: 'request,offer',
  }),
  country: code('countries', 'Requests and engagements of this country, offers eligible for it'),
  region: code('regions', 'UN M49 region (codelist regions): requests and engagements of its countries, offers eligible for it or one of its countries'),
  article: code('uncac-articles', 'UNCAC article; requests and offers only'),
  taType: code('ta-types', 'TA type; requests and offers only'),
  status: param.enum(SEARCH_STATUSES, { description: 'Only the kinds that have this status' }),
  priority: code('priorities', "The Secretariat's triage priority; requests only"),
  statePriority: code('priorities', "The State's own priority; requests only"),
  ...SOURCE,
  from: param.date({ description: 'Submitted, registered or proposed at or after' }),
  to: param.date({ description: 'Submitted, registered or proposed before' }),
  language: code('languages', "The reader's language: snippets from a text in it when there is one"),
  ...PAGE,
  ...MIN_POSITION,
};

/** The public view: no sign-in, no read-your-writes (an anonymous reader has written nothing). */
export const PUBLIC_REQUESTS_QUERY = { country, article, taType, ...list(PUBLIC_REQUESTS_LIST, '-openedAt') };
export const PUBLIC_OFFERS_QUERY = { country: code('countries', 'Offers eligible for this country (named, or through a region)'), article, taType, ...list(PUBLIC_OFFERS_LIST, '-registeredAt') };
