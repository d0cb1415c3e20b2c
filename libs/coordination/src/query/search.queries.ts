import { ValidationError } from '@ta/core';
import type { Viewer } from '../access/request-visibility';
import type { SearchDocumentRow } from '../read-models/search-documents/search-documents.entity';
import { cjkTsquery, SEARCH_KINDS, type IndexLanguage, type SearchKind } from '../read-models/search-documents/search-texts';
import { ENGAGEMENT_STATUSES, OFFER_STATUSES, REQUEST_STATUSES } from '../read-models/statuses';
import type { Sql } from '../sql';
import { Conditions } from './conditions';
import type { Page } from './pagination';
import { engagementFilters, offerFilters, requestFilters } from './read-model.queries';
import { snippetOf, type Snippet } from './search-snippet';

export { SEARCH_KINDS, type SearchKind } from '../read-models/search-documents/search-texts';
/** Every status a search may filter on: a kind whose statuses do not include it is left out. */
export const SEARCH_STATUSES = [...new Set<string>([...REQUEST_STATUSES, ...OFFER_STATUSES, ...ENGAGEMENT_STATUSES])];

/**
 * Search's filters: the lists' filters, each applied to the kinds whose list has it. A filter
 * a kind's list does not have leaves that kind out (`priority`: requests only; `article`,
 * `taType`: requests and offers; `status`: the kinds with that status). `from`/`to` are the
 * date each kind's list filters on (submitted, registered, proposed); `region`: requests and
 * engagements in a country of the region, offers eligible for the region or one of its countries.
 */
export interface SearchFilters {
  readonly kinds?: readonly SearchKind[];
  readonly country?: string;
  readonly region?: string;
  readonly article?: string;
  readonly taType?: string;
  readonly status?: string;
  readonly priority?: string;
  readonly statePriority?: string;
  readonly sourceKind?: string;
  readonly sourceCycle?: number;
  readonly sourceChapter?: string;
  readonly sourceArticle?: string;
  readonly from?: Date;
  readonly to?: Date;
}

export interface SearchOptions {
  readonly limit: number;
  readonly cursor?: string;
  /** The reader's language: snippets from a text in it when the document has one. */
  readonly language?: IndexLanguage;
}

export interface SearchHit {
  readonly kind: SearchKind;
  /** The request's, offer's or engagement's id. */
  readonly id: string;
  /** The request (of a request or an engagement); null for an offer. */
  readonly requestId: string | null;
  /** The offer (of an offer or an engagement); null for a request. */
  readonly offerId: string | null;
  readonly title: Readonly<Partial<Record<IndexLanguage, string>>> | null;
  readonly snippet: Snippet | null;
  readonly status: string;
  /** The request's or engagement's country; null for an offer. */
  readonly country: string | null;
  /** Submitted, registered or proposed at. */
  readonly at: string;
  /** Relevance (`ts_rank_cd`, titles weigh more); higher first. */
  readonly rank: number;
}

/** The text search configurations of the languages with a dictionary, built into PostgreSQL. */
const CONFIGURATIONS = ['arabic', 'english', 'spanish', 'french', 'russian', 'simple'] as const;

/**
 * Full-text search over the search documents, joined at query time to the requests, offers and
 * engagements read models for the filters and for visibility (the rule of the lists:
 * `visibleRequests`, `visibleRequestIds`): a restricted request's document, and its
 * engagements', is never a hit for a reader who may not see it, nor counted, nor cut into a
 * snippet. Ranked by relevance, then by document; keyset pages on (rank, document).
 */
export class SearchQueries {
  constructor(private readonly sql: Sql) {}

  async search(q: string, f: SearchFilters, viewer: Viewer, o: SearchOptions): Promise<Page<SearchHit>> {
    const after = o.cursor === undefined ? undefined : decodeSearchCursor(o.cursor);
    // No words, nothing searched for: an empty page (as a search box left empty).
    if (q.trim() === '') return { items: [], nextCursor: null };
    // The tsquery is computed once, then sent as a constant: written into the statement, its six
    // websearch_to_tsquery calls ran again for every row ranked (and, from a CTE, the GIN index went unused).
    const qp: unknown[] = [];
    const [{ q: computed }] = (await this.sql(
      // The configurations often agree (a name, a word no stemmer changes): each distinct query once.
      `SELECT coalesce(string_agg(DISTINCT '(' || x::text || ')', ' | '), '') AS q
         FROM unnest(ARRAY[${queryTsqueries(q, (v) => `$${qp.push(v)}`).join(', ')}]) x WHERE x::text <> ''`,
      qp,
    )) as [{ q: string }];
    if (computed === '') return { items: [], nextCursor: null };
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const tsquery = `${p(computed)}::tsquery`;
    const kinds = (f.kinds && f.kinds.length > 0 ? f.kinds : SEARCH_KINDS).filter((k) => kindHasFilters(k, f));
    const parts = kinds.map((kind) => part(kind, tsquery, f, viewer, params));
    if (parts.length === 0) return { items: [], nextCursor: null };
    const outer: string[] = [];
    if (after !== undefined) {
      const c = after;
      outer.push(`(hits.rank < ${p(c.r)}::float8 OR (hits.rank = ${p(c.r)}::float8 AND hits.doc_id > ${p(c.k)}))`);
    }
    const limit = p(o.limit + 1);
    const rows = await this.sql(
      `SELECT hits.* FROM (${parts.join('\n UNION ALL \n')}) hits
       ${outer.length > 0 ? `WHERE ${outer.join(' AND ')}` : ''}
       ORDER BY hits.rank DESC, hits.doc_id
       LIMIT ${limit}`,
      params,
    );
    const more = rows.length > o.limit;
    const page = more ? rows.slice(0, o.limit) : rows;
    const items = page.map((r): SearchHit => {
      const texts = r.texts as SearchDocumentRow['texts'];
      return {
        kind: r.kind as SearchKind,
        id: r.case_id as string,
        requestId: (r.request_id as string | null) ?? null,
        offerId: (r.offer_id as string | null) ?? null,
        title: texts.title?.text ?? null,
        snippet: snippetOf(texts, q, o.language),
        status: r.status as string,
        country: (r.country as string | null) ?? null,
        at: new Date(r.at as string | Date).toISOString(),
        rank: Number(r.rank),
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: more && last ? encodeSearchCursor(Number(last.rank), String(last.doc_id)) : null };
  }
}

/**
 * The query as tsqueries to OR: the reader's words under every language's configuration
 * (`websearch_to_tsquery`: quotes for phrases, `-` to exclude, `or`), so that a word is found in
 * whichever language it was written; `simple` for names in no declared language; Chinese as
 * the phrase of its bigrams (`cjkTsquery`).
 */
function queryTsqueries(q: string, p: (v: unknown) => string): string[] {
  const text = p(q);
  const parts = CONFIGURATIONS.map((c) => `websearch_to_tsquery('${c}'::regconfig, ${text})`);
  const zh = cjkTsquery(q);
  if (zh) parts.push(`to_tsquery('simple'::regconfig, ${p(zh)})`);
  return parts;
}

/** Filters only requests have: the priorities and the need sources. */
function hasRequestOnlyFilter(f: SearchFilters): boolean {
  return [f.priority, f.statePriority, f.sourceKind, f.sourceCycle, f.sourceChapter, f.sourceArticle].some((v) => v !== undefined);
}

/** Does the kind have every filter given (else search leaves it out)? */
function kindHasFilters(kind: SearchKind, f: SearchFilters): boolean {
  switch (kind) {
    case 'request':
      return f.status === undefined || (REQUEST_STATUSES as readonly string[]).includes(f.status);
    case 'offer':
      return !hasRequestOnlyFilter(f) && (f.status === undefined || (OFFER_STATUSES as readonly string[]).includes(f.status));
    case 'engagement':
      return !hasRequestOnlyFilter(f) && f.article === undefined && f.taType === undefined && (f.status === undefined || (ENGAGEMENT_STATUSES as readonly string[]).includes(f.status));
    default:
      return assertUnreachable(kind);
  }
}


/** One kind's hits: its documents that match, joined to its rows (aliased `t`), filtered and visible. */
function part(kind: SearchKind, tsquery: string, f: SearchFilters, viewer: Viewer, params: unknown[]): string {
  const c = new Conditions(params);
  const range = { from: f.from, to: f.to };
  let from: string;
  let select: string;
  switch (kind) {
    case 'request':
      requestFilters(c, {
        country: f.country,
        article: f.article,
        taType: f.taType,
        status: f.status,
        priority: f.priority,
        statePriority: f.statePriority,
        sourceKind: f.sourceKind,
        sourceCycle: f.sourceCycle,
        sourceChapter: f.sourceChapter,
        sourceArticle: f.sourceArticle,
        submittedFrom: range.from,
        submittedTo: range.to,
        region: f.region,
      }).visibleRequests(viewer);
      from = 'JOIN coordination.requests t ON t.request_id = d.case_id';
      select = 'NULL::text AS offer_id, t.status, t.country, t.submitted_at AS at';
      break;
    case 'offer':
      offerFilters(c, { country: f.country, region: f.region, article: f.article, taType: f.taType, status: f.status, registeredFrom: range.from, registeredTo: range.to });
      from = 'JOIN coordination.offers t ON t.offer_id = d.case_id';
      select = 't.offer_id, t.status, NULL::text AS country, t.registered_at AS at';
      break;
    case 'engagement':
      engagementFilters(c, { country: f.country, region: f.region, status: f.status, proposedFrom: range.from, proposedTo: range.to }).visibleRequestIds(viewer);
      from = 'JOIN coordination.engagements t ON t.engagement_id = d.case_id';
      select = 't.offer_id, t.status, t.country, t.proposed_at AS at';
      break;
    default:
      return assertUnreachable(kind);
  }
  return `SELECT d.doc_id, d.kind, d.case_id, d.request_id, d.texts, ${select}, ts_rank_cd(d.document, ${tsquery})::float8 AS rank
            FROM coordination.search_documents d ${from}
           WHERE d.kind = '${kind}' AND d.document @@ (${tsquery})${c.where.length > 0 ? ` AND ${c.where.join(' AND ')}` : ''}`;
}

function encodeSearchCursor(rank: number, docId: string): string {
  return Buffer.from(JSON.stringify({ s: 'search', r: rank, k: docId })).toString('base64url');
}

function decodeSearchCursor(cursor: string): { r: number; k: string } {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; r?: unknown; k?: unknown };
    if (body.s === 'search' && typeof body.r === 'number' && Number.isFinite(body.r) && typeof body.k === 'string') return { r: body.r, k: body.k };
  } catch {
    // fall through
  }
  throw new ValidationError('coordination.invalid_cursor', 'The cursor is not valid for this query', [{ path: '/query/cursor', message: 'use the nextCursor of the previous page, with the same query' }]);
}

function assertUnreachable(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
