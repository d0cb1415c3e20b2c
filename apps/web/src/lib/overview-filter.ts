/**
 * The overview's filter (the API's `CaseFilter`, docs/read-models.md "The filter"): period,
 * M49 region, UNCAC article, type of assistance, provider, source of the need, kept in the
 * overview's URL under the API's own names and sent as they are to every coordination query.
 * The list pages name the period by what they list (requests submitted, engagements proposed,
 * offers registered): `listHref` turns the filter into a list page's URL with the same meaning,
 * so a figure opens the rows it counts.
 */
export const OVERVIEW_FILTER_NAMES = ['from', 'to', 'region', 'article', 'taType', 'donor', 'sourceKind'] as const;
export type OverviewFilterName = (typeof OVERVIEW_FILTER_NAMES)[number];
export type OverviewFilter = Partial<Record<OverviewFilterName, string>>;

export function overviewFilterOf(search: URLSearchParams): OverviewFilter {
  const f: OverviewFilter = {};
  for (const n of OVERVIEW_FILTER_NAMES) {
    const v = search.get(n);
    if (v) f[n] = v;
  }
  return f;
}

export const isFiltered = (f: OverviewFilter) => OVERVIEW_FILTER_NAMES.some((n) => f[n] !== undefined);

type ListName = 'requests' | 'engagements' | 'offers';
const PERIOD: Readonly<Record<ListName, readonly [string, string]>> = {
  requests: ['submittedFrom', 'submittedTo'],
  engagements: ['proposedFrom', 'proposedTo'],
  offers: ['registeredFrom', 'registeredTo'],
};

/** `YYYY-MM-DD` or a timestamp, the later (`max`) or earlier of two, either absent. */
const later = (a?: string, b?: string) => (a === undefined ? b : b === undefined ? a : a > b ? a : b);
const earlier = (a?: string, b?: string) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);

/**
 * The list page behind a figure: `/requests`, `/engagements` or `/offers`, with the overview's
 * filter under that list's names and the figure's own conditions (`extra`: a status, an article,
 * a quarter as `from`/`to`, which narrows the filter's period). Offers are not filtered by the
 * source of the need (they have none), as in the API.
 */
export function listHref(list: ListName, f: OverviewFilter, extra: Record<string, string | undefined> & { from?: string; to?: string } = {}): string {
  const q = new URLSearchParams();
  const { from, to, ...rest } = extra;
  for (const n of ['region', 'article', 'taType', 'donor', 'sourceKind'] as const) {
    if (f[n] !== undefined && !(list === 'offers' && n === 'sourceKind')) q.set(n, f[n]!);
  }
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) q.set(k, v);
  const [fromName, toName] = PERIOD[list];
  const start = later(f.from, from);
  const end = earlier(f.to, to);
  if (start) q.set(fromName, start);
  if (end) q.set(toName, end);
  const s = q.toString();
  return s ? `/${list}?${s}` : `/${list}`;
}
