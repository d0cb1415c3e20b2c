import type { Viewer } from '../access/request-visibility';
import { DROPPED_REQUEST_STATUSES, MATCHED_REQUEST_STATUSES } from '../read-models/statuses';
import { openOfferSql } from '../rules/open-offer.rule';
import { codeList, type Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { num } from './counts';

/** `CaseFilter`; `article` and `taType` also keep only their cells. */
export type CoverageFilters = CaseFilter;

/** Needs (requests, withdrawn and declined left out) and open offers, per UNCAC article x TA type. */
export async function coverage(sql: Sql, f: CoverageFilters, viewer: Viewer) {
  const r = new Conditions()
    .visibleRequests(viewer)
    .add(() => `t.status NOT IN (${codeList(DROPPED_REQUEST_STATUSES)})`)
    .requestsIn(f);
  const o = new Conditions().add(() => openOfferSql('o')).offersIn(f, 'o');
  // Counted per combination of articles and types first, then spread over the cells: the same
  // counts (a row counts once in each cell its arrays span) from a few hundred groups instead of
  // a row per row and cell (at 52,000 requests: 70 ms against 126, docs/benchmarks.md, "As of").
  const [needs, offers] = await Promise.all([
    sql(
      `SELECT article, ta_type, sum(g.n) AS requests, sum(g.open) AS open, sum(g.matched) AS matched
         FROM (SELECT t.articles, t.ta_types, count(*) AS n,
                      count(*) FILTER (WHERE t.status = 'open_for_offers') AS open,
                      count(*) FILTER (WHERE t.status IN (${codeList(MATCHED_REQUEST_STATUSES)})) AS matched
                 FROM coordination.requests t ${r.whereClause} GROUP BY 1, 2) g,
              unnest(g.articles) AS article, unnest(g.ta_types) AS ta_type
        GROUP BY 1, 2`,
      r.params,
    ),
    sql(
      `SELECT article, ta_type, sum(g.n) AS offers
         FROM (SELECT o.articles, o.ta_types, count(*) AS n FROM coordination.offers o ${o.whereClause} GROUP BY 1, 2) g,
              unnest(g.articles) AS article, unnest(g.ta_types) AS ta_type
        GROUP BY 1, 2`,
      o.params,
    ),
  ]);
  const cells = new Map<string, { article: string; taType: string; requests: number; openRequests: number; matchedRequests: number; openOffers: number }>();
  const cell = (article: string, taType: string) => {
    const key = `${article}|${taType}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { article, taType, requests: 0, openRequests: 0, matchedRequests: 0, openOffers: 0 }));
    return c;
  };
  for (const x of needs) Object.assign(cell(String(x.article), String(x.ta_type)), { requests: num(x.requests), openRequests: num(x.open), matchedRequests: num(x.matched) });
  for (const x of offers) cell(String(x.article), String(x.ta_type)).openOffers = num(x.offers);
  const items = [...cells.values()]
    .filter((c) => (f.article === undefined || c.article === f.article) && (f.taType === undefined || c.taType === f.taType))
    .map((c) => ({ ...c, uncovered: c.openRequests > 0 && c.openOffers === 0 }))
    .sort((a, b) => articleNumber(a.article) - articleNumber(b.article) || a.article.localeCompare(b.article) || a.taType.localeCompare(b.taType));
  return { items };
}

function articleNumber(code: string): number {
  const m = /^art-(\d+)$/.exec(code);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
