import type { Viewer } from '../access/request-visibility';
import { DROPPED_REQUEST_STATUSES } from '../read-models/statuses';
import { codeList, type Param, type Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { num } from './counts';

/** The source filters of the request list and of the counts: each narrows which cited source must match. */
export interface SourceFilters {
  readonly sourceKind?: string;
  readonly sourceCycle?: number;
  /** The chapter the need falls under (a self-assessment's from its article). */
  readonly sourceChapter?: string;
  readonly sourceArticle?: string;
}

/**
 * SQL: the request row `t` cites ONE source matching every given criterion (a request citing a
 * first-cycle self-assessment on art. 9 and a second-cycle review on art. 10 is not found by
 * `sourceCycle=1&sourceArticle=art-10`). A containment test on `sources` (its GIN index); null
 * without source filters.
 */
export function sourceFilterSql(f: SourceFilters, p: Param, alias = 't'): string | null {
  const wanted: Record<string, string | number> = {};
  if (f.sourceKind !== undefined) wanted.kind = f.sourceKind;
  if (f.sourceCycle !== undefined) wanted.cycle = f.sourceCycle;
  if (f.sourceChapter !== undefined) wanted.chapter = f.sourceChapter;
  if (f.sourceArticle !== undefined) wanted.article = f.sourceArticle;
  if (Object.keys(wanted).length === 0) return null;
  return `${alias}.sources @> ${p(JSON.stringify([wanted]))}::jsonb`;
}

/** The source filters, and `CaseFilter` but for its `sourceKind` (here the source filters' own). */
export interface NeedSourceCountFilters extends SourceFilters, Omit<CaseFilter, 'sourceKind'> {}

/**
 * Requests (withdrawn and declined left out) per need source: kind, review cycle, chapter,
 * article. A request is counted once per group it cites, so the groups may add up to more than
 * the requests. `requests`: the requests citing a source that matches the filters (each once);
 * `withoutSource`: the requests in scope (country, visibility) citing none.
 */
export async function needSourceCounts(sql: Sql, f: NeedSourceCountFilters, viewer: Viewer) {
  const inScope = () =>
    new Conditions()
      .visibleRequests(viewer)
      .add(() => `t.status NOT IN (${codeList(DROPPED_REQUEST_STATUSES)})`)
      .requestsIn({ ...f, sourceKind: undefined });
  const g = inScope()
    .when(f.sourceKind, (p, v) => `s.value->>'kind' = ${p(v)}`)
    .when(f.sourceCycle, (p, v) => `s.value->>'cycle' = ${p(String(v))}`)
    .when(f.sourceChapter, (p, v) => `s.value->>'chapter' = ${p(v)}`)
    .when(f.sourceArticle, (p, v) => `s.value->>'article' = ${p(v)}`);
  const matching = inScope();
  matching.add((p) => sourceFilterSql(f, p) ?? 'jsonb_array_length(t.sources) > 0');
  const scope = inScope().add(() => 'jsonb_array_length(t.sources) = 0');
  const [groups, [citing], [without]] = await Promise.all([
    sql(
      `SELECT s.value->>'kind' AS kind, (s.value->>'cycle')::int AS cycle, s.value->>'chapter' AS chapter, s.value->>'article' AS article,
              count(DISTINCT t.request_id) AS requests,
              count(DISTINCT t.request_id) FILTER (WHERE t.status = 'open_for_offers') AS open
         FROM coordination.requests t, jsonb_array_elements(t.sources) AS s
        ${g.whereClause}
        GROUP BY 1, 2, 3, 4`,
      g.params,
    ),
    sql(`SELECT count(*) AS n FROM coordination.requests t ${matching.whereClause}`, matching.params),
    sql(`SELECT count(*) AS n FROM coordination.requests t ${scope.whereClause}`, scope.params),
  ]);
  const items = groups
    .map((r) => ({
      kind: String(r.kind),
      cycle: r.cycle === null ? null : Number(r.cycle),
      chapter: r.chapter === null ? null : String(r.chapter),
      article: r.article === null ? null : String(r.article),
      requests: num(r.requests),
      openRequests: num(r.open),
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || (a.cycle ?? 0) - (b.cycle ?? 0) || (a.chapter ?? '').localeCompare(b.chapter ?? '') || articleNumber(a.article) - articleNumber(b.article));
  return { items, requests: num(citing?.n), withoutSource: num(without?.n) };
}

function articleNumber(article: string | null): number {
  const m = article ? /^art-(\d+)$/.exec(article) : null;
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
