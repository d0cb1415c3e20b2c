import { ValidationError } from '@ta/core';
import { LIVE_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { openOfferSql } from '../rules/open-offer.rule';
import { codeList, type Sql } from '../sql';
import { requestVisibleSql, type Viewer } from '../access/request-visibility';
import { decodeCursor, encodeCursor, type Page } from './pagination';
import { Conditions, regionCountries, type CaseFilter } from './conditions';

export const OVERLAP_KINDS = ['engagements', 'offers'] as const;
export type OverlapKind = (typeof OVERLAP_KINDS)[number];

/** Members listed per group, earliest window first; `size` counts them all. */
export const GROUP_MEMBERS_LISTED = 50;

/**
 * `CaseFilter`: the engagements and offers it selects are grouped (an engagement by its
 * request's article, type and source, its country, its proposal date; an offer by its article,
 * type, registration date, the named country); `donor`: only the groups with a member of that
 * provider (the others still make the groups, else there would be no overlap to see).
 */
export interface OverlapFilters extends CaseFilter {
  readonly kind?: OverlapKind;
}

/** Calendar dates, both days included. */
export interface Window {
  readonly from: string;
  readonly to: string;
}

/**
 * Live engagements for one country, one beneficiary institution (compared case- and
 * space-insensitively) and one UNCAC article whose offers' windows overlap, chained: each
 * member's window overlaps another member's, and no live engagement outside the group overlaps
 * any of them for that country, institution and article. A group is shown when its members come
 * from at least two providers, or two of them fund the same request (`sameRequest`): one
 * provider's engagements for different requests are its own planning, not an overlap.
 */
export interface EngagementOverlap {
  readonly kind: 'engagements';
  readonly country: string;
  /** As the earliest member's request names it. */
  readonly institution: string;
  readonly article: string;
  /** From the earliest start to the latest end of the members' windows. */
  readonly window: Window;
  readonly size: number;
  /** Two engagements of the group for the same request overlap: the same need funded twice. */
  readonly sameRequest: boolean;
  /** The first GROUP_MEMBERS_LISTED by window start (then id). */
  readonly engagements: ReadonlyArray<{
    readonly engagementId: string;
    readonly requestId: string;
    readonly providerId: string;
    readonly window: Window;
    /** Its window overlaps another live engagement's for the same request. */
    readonly sameRequest: boolean;
  }>;
}

/**
 * Open offers with capacity left naming one country explicitly, sharing one article, chained
 * overlapping windows, from at least two providers (one provider's offers do not overlap each other).
 */
export interface OfferOverlap {
  readonly kind: 'offers';
  readonly country: string;
  readonly article: string;
  readonly window: Window;
  readonly size: number;
  readonly offers: ReadonlyArray<{ readonly offerId: string; readonly providerId: string; readonly window: Window }>;
}

export type OverlapGroup = EngagementOverlap | OfferOverlap;

const LIVE = `(${codeList(LIVE_ENGAGEMENT_STATUSES)})`;
/**
 * Separates the parts of a group key: country, kind, institution key, article. Country, kind
 * and article are codes (no control character), so the key splits back unambiguously; it sorts
 * (byte order) as the parts would one after the other. Lists in events hold no duplicates, so
 * an engagement or offer is in a key once.
 */
const SEP = 'chr(1)';
const KIND_CODE: Readonly<Record<OverlapKind, string>> = { engagements: 'e', offers: 'o' };
const CURSOR_SORT = 'overlaps';

/**
 * Overlap groups, one page, in the order (country, engagements before offers, institution,
 * article, window start); keyset pagination with an opaque cursor.
 *
 * How: one row per (live engagement, article of its request) and per (open offer, named
 * country, article), keyed by country + kind + normalised institution + article; windows are
 * swept in order of start within each key: a row starts a new group when it starts after the
 * latest end seen so far (windows are whole days, both ends included: touching windows, one
 * ending on the day the other starts, overlap), so the groups are the connected components of
 * "windows overlap". One sort of those rows, no self-join: O(n log n) in the live engagements
 * and open offers, whatever the number of overlapping pairs. Groups before the cursor's are not
 * swept again: the rows of a key starting before the cursor group's start all end before it.
 *
 * Restricted requests hidden from `viewer` are left out before grouping (requestVisibleSql):
 * neither their engagements nor a group they alone would join is shown. `sql` should run with
 * JIT off: the planner's default estimate of 10 elements per unnested array makes the cost
 * cross jit_above_cost at a few thousand engagements, and compiling costs more than the query.
 */
export async function overlapGroups(sql: Sql, f: OverlapFilters, viewer: Viewer, o: { limit: number; cursor?: string }): Promise<Page<OverlapGroup>> {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const after = o.cursor === undefined ? undefined : cursorPosition(o.cursor);
  const country = f.country === undefined ? undefined : p(f.country);
  const article = f.article === undefined ? undefined : p(f.article);
  const parts: string[] = [];
  const ctes: string[] = [];
  // The members' own conditions (not the provider's: see OverlapFilters), after country and article.
  const members = { ...f, country: undefined, article: undefined, donor: undefined };
  const region = f.region === undefined ? undefined : p(regionCountries(f.region));
  const and = (c: Conditions) => (c.where.length > 0 ? ` AND ${c.where.join(' AND ')}` : '');

  if (f.kind !== 'offers') {
    const visible = requestVisibleSql(viewer, 'r', p);
    ctes.push(`twice AS (
      SELECT DISTINCT a.engagement_id AS id
        FROM coordination.engagements a
        JOIN coordination.offers oa ON oa.offer_id = a.offer_id
        JOIN coordination.engagements b ON b.request_id = a.request_id AND b.engagement_id <> a.engagement_id AND b.status IN ${LIVE}
        JOIN coordination.offers ob ON ob.offer_id = b.offer_id AND ob.available_from <= oa.available_to AND oa.available_from <= ob.available_to
       WHERE a.status IN ${LIVE}${country ? ` AND a.country = ${country}` : ''})`);
    parts.push(`SELECT concat_ws(${SEP}, e.country, '${KIND_CODE.engagements}', r.institution_key, a.article) COLLATE "C" AS key,
             o.available_from AS f, o.available_to AS t, e.engagement_id COLLATE "C" AS id, tw.id IS NOT NULL AS twice,
             e.request_id AS request_id, e.provider_id AS provider_id
        FROM coordination.engagements e
        JOIN coordination.requests r ON r.request_id = e.request_id
        JOIN coordination.offers o ON o.offer_id = e.offer_id
        CROSS JOIN LATERAL unnest(r.articles) AS a(article)
        LEFT JOIN twice tw ON tw.id = e.engagement_id
       WHERE e.status IN ${LIVE}${visible ? ` AND ${visible}` : ''}${and(new Conditions(params).engagementsIn({ ...members, region: undefined }, 'e'))}${
         region ? ` AND e.country = ANY(${region}::text[])` : ''
       }${country ? ` AND e.country = ${country}` : ''}${
         article ? ` AND r.articles @> ARRAY[${article}::text] AND a.article = ${article}` : ''
       }`);
  }
  if (f.kind !== 'engagements') {
    parts.push(`SELECT concat_ws(${SEP}, c.country, '${KIND_CODE.offers}', '', a.article) COLLATE "C" AS key,
             o.available_from AS f, o.available_to AS t, o.offer_id COLLATE "C" AS id, false AS twice,
             NULL AS request_id, o.provider_id AS provider_id
        FROM coordination.offers o
        CROSS JOIN LATERAL unnest(o.eligible_countries) AS c(country)
        CROSS JOIN LATERAL unnest(o.articles) AS a(article)
       WHERE ${openOfferSql('o')}${and(new Conditions(params).offersIn({ ...members, region: undefined }, 'o'))}${
         region ? ` AND c.country = ANY(${region}::text[])` : ''
       }${country ? ` AND o.eligible_countries @> ARRAY[${country}::text] AND c.country = ${country}` : ''}${
         article ? ` AND o.articles @> ARRAY[${article}::text] AND a.article = ${article}` : ''
       }`);
  }
  const [afterKey, afterFrom] = after ? [p(after.key), p(after.from)] : [];
  const listed = p(GROUP_MEMBERS_LISTED);
  const donor = f.donor === undefined ? undefined : p(f.donor);
  const limit = p(o.limit + 1);
  ctes.push(
    `candidates AS (
      SELECT * FROM (${parts.join('\n      UNION ALL\n      ')}) x${after ? ` WHERE (x.key, x.f) >= (${afterKey} COLLATE "C", ${afterFrom}::date)` : ''})`,
    `swept AS (
      SELECT *, row_number() OVER w AS rn, f > max(t) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) IS NOT FALSE AS starts
        FROM candidates WINDOW w AS (PARTITION BY key ORDER BY f, id))`,
    // A group is numbered by the row number of its first row.
    `clustered AS (
      SELECT *, max(rn) FILTER (WHERE starts) OVER (PARTITION BY key ORDER BY f, id) AS grp FROM swept)`,
    `page AS (
      SELECT key, min(f) AS f, max(t) AS t, count(*) AS size, bool_or(twice) AS same_request,
             min(id) FILTER (WHERE rn = grp) AS first_id,
             json_agg(json_build_array(id, provider_id, f, t, request_id, twice) ORDER BY rn) FILTER (WHERE rn - grp < ${listed}) AS members
        FROM clustered GROUP BY key, grp
       HAVING count(*) > 1 AND (count(DISTINCT provider_id) > 1 OR bool_or(twice))${donor ? ` AND bool_or(provider_id = ${donor})` : ''}${after ? ` AND (key, min(f)) > (${afterKey} COLLATE "C", ${afterFrom}::date)` : ''}
       ORDER BY key, min(f) LIMIT ${limit})`,
  );
  const rows = await sql(
    `WITH ${ctes.join(',\n    ')}
    SELECT g.key, g.f::text AS window_from, g.t::text AS window_to, g.size, g.same_request, g.members,
           CASE WHEN split_part(g.key, ${SEP}, 2) = '${KIND_CODE.engagements}' THEN
             (SELECT r.beneficiary_institution FROM coordination.engagements e JOIN coordination.requests r ON r.request_id = e.request_id
               WHERE e.engagement_id = g.first_id COLLATE "default")
           END AS institution
      FROM page g ORDER BY g.key, g.f`,
    params,
  );
  const more = rows.length > o.limit;
  const items = (more ? rows.slice(0, o.limit) : rows).map(toGroup);
  const last = more ? rows[o.limit - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor({ s: CURSOR_SORT, v: String(last.window_from), k: String(last.key) }) : null };
}

function cursorPosition(cursor: string): { key: string; from: string } {
  const body = decodeCursor(cursor, CURSOR_SORT);
  if (body.v === null || !/^\d{4}-\d{2}-\d{2}$/.test(body.v)) {
    throw new ValidationError('coordination.invalid_cursor', 'The cursor is not valid for this query and sort order', [{ path: '/query/cursor', message: 'use the nextCursor of the previous page' }]);
  }
  return { key: body.k, from: body.v };
}

/** id, provider id, window from, window to, request id (engagements), sameRequest (engagements). */
type Member = [string, string, string, string, string | null, boolean];

function toGroup(r: Record<string, unknown>): OverlapGroup {
  const parts = String(r.key).split('\u0001');
  const country = parts[0]!;
  const article = parts[parts.length - 1]!;
  const window = { from: String(r.window_from), to: String(r.window_to) };
  const size = Number(r.size);
  const members = r.members as Member[];
  if (parts[1] === KIND_CODE.engagements) {
    return {
      kind: 'engagements',
      country,
      institution: String(r.institution),
      article,
      window,
      size,
      sameRequest: r.same_request === true,
      engagements: members.map(([engagementId, providerId, from, to, requestId, sameRequest]) => ({ engagementId, requestId: requestId!, providerId, window: { from, to }, sameRequest })),
    };
  }
  return { kind: 'offers', country, article, window, size, offers: members.map(([offerId, providerId, from, to]) => ({ offerId, providerId, window: { from, to } })) };
}
