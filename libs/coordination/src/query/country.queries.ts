import type { Viewer } from '../access/request-visibility';
import { AGREED_ENGAGEMENT_STATUSES, DELIVERED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { gapSql } from '../rules/gap.rule';
import { eligibleForCountrySql, openOfferSql } from '../rules/open-offer.rule';
import { overdueSql } from '../rules/overdue.rule';
import { codeList, type Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { num, statusCounts } from './counts';

/** One country's figures at `asAt`: its requests and gaps, its engagements and their funding, the open offers it is eligible for, overdue milestones. */
export async function countryView(sql: Sql, code: string, asAt: Date, gapDays: number, viewer: Viewer) {
  const inCountry = (alias: string) => (p: (v: unknown) => string) => `${alias}.country = ${p(code)}`;
  const r = new Conditions().visibleRequests(viewer).add(inCountry('t'));
  const gap = new Conditions()
    .visibleRequests(viewer)
    .add(inCountry('t'))
    .add((p) => gapSql('t', p, asAt, gapDays));
  const e = new Conditions().visibleRequestIds(viewer).add(inCountry('t'));
  const o = new Conditions().add(() => openOfferSql('t')).add((p) => eligibleForCountrySql('t', p, code));
  const m = new Conditions()
    .visibleRequestIds(viewer, 'm.request_id')
    .add(inCountry('e'))
    .add((p) => overdueSql('m', 'e', p, asAt));
  const [requests, gaps, engagements, funding, offers, overdue] = await Promise.all([
    statusCounts(sql, 'coordination.requests', r),
    sql(`SELECT count(*) AS n FROM coordination.requests t ${gap.whereClause}`, gap.params),
    statusCounts(sql, 'coordination.engagements', e),
    sql(
      `SELECT unit_kind AS unit, currency, sum(amount) FILTER (WHERE status IN (${codeList(AGREED_ENGAGEMENT_STATUSES)})) AS committed,
              sum(amount) FILTER (WHERE status IN (${codeList(DELIVERED_ENGAGEMENT_STATUSES)})) AS delivered
         FROM coordination.engagements t ${e.whereClause} GROUP BY 1, 2 ORDER BY 1, 2`,
      e.params,
    ),
    sql(`SELECT count(*) AS n FROM coordination.offers t ${o.whereClause}`, o.params),
    sql(`SELECT count(*) AS n FROM coordination.milestones m JOIN coordination.engagements e ON e.engagement_id = m.engagement_id ${m.whereClause}`, m.params),
  ]);
  return {
    country: code,
    asAt: asAt.toISOString(),
    requests,
    gaps: { olderThanDays: gapDays, count: num(gaps[0]?.n) },
    engagements,
    funding: funding.map((r) => ({ unit: r.unit, currency: r.currency, committed: num(r.committed), delivered: num(r.delivered) })),
    openOffersEligible: num(offers[0]?.n),
    overdueMilestones: num(overdue[0]?.n),
  };
}

export interface CountryFigures {
  readonly country: string;
  /** Requests visible to the viewer, whatever their status. */
  readonly requests: number;
  /** Of them, open for offers: needs still looking for a provider. */
  readonly openForOffers: number;
  /** Of them, gaps at `asAt` (`gap.rule.ts`). */
  readonly gaps: number;
}

/** Every country with a request visible to `viewer` (and selected by `f`), by code: the figures the overview's map shades. */
export async function countriesFigures(sql: Sql, asAt: Date, gapDays: number, viewer: Viewer, f: CaseFilter = {}): Promise<CountryFigures[]> {
  const c = new Conditions().visibleRequests(viewer).requestsIn(f);
  const gap = gapSql('t', c.param, asAt, gapDays);
  const rows = await sql(
    `SELECT t.country, count(*) AS requests, count(*) FILTER (WHERE t.status = 'open_for_offers') AS open, count(*) FILTER (WHERE ${gap}) AS gaps
       FROM coordination.requests t ${c.whereClause} GROUP BY t.country ORDER BY t.country`,
    c.params,
  );
  return rows.map((r) => ({ country: String(r.country), requests: num(r.requests), openForOffers: num(r.open), gaps: num(r.gaps) }));
}
