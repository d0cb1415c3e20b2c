import type { Viewer } from '../access/request-visibility';
import type { CoordinationSummary } from '../as-of/summary';
import { disputedSql } from '../rules/disputed.rule';
import { gapSql } from '../rules/gap.rule';
import { overdueAwaitingSql, overdueSql } from '../rules/overdue.rule';
import { AWAITING_ACKNOWLEDGEMENT_STATUS, DELIVERED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import type { Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { countsOf, num, statusCounts } from './counts';
import { fundingLines } from './funding.queries';

/**
 * The live summary at `asAt`: the figures `summarize` computes "as of" a date from rows in
 * memory, here in SQL. Every figure leaves out the restricted requests hidden from `viewer`,
 * their engagements and milestones. `f`: only the requests, offers, engagements and milestones
 * the filter selects (`CaseFilter`); milestones are their engagement's.
 */
export async function liveSummary(sql: Sql, asAt: Date, gapDays: number, viewer: Viewer, f: CaseFilter = {}): Promise<CoordinationSummary> {
  const r = new Conditions().visibleRequests(viewer).requestsIn(f);
  const gap = new Conditions().visibleRequests(viewer).requestsIn(f).add((p) => gapSql('t', p, asAt, gapDays));
  const o = new Conditions().offersIn(f);
  const e = new Conditions().visibleRequestIds(viewer).engagementsIn(f);
  const m = new Conditions().visibleRequestIds(viewer, 'm.request_id').engagementsIn(f, 'e');
  const [requests, gaps, offers, engagements, milestones, funding] = await Promise.all([
    statusCounts(sql, 'coordination.requests', r),
    sql(`SELECT count(*) AS n FROM coordination.requests t ${gap.whereClause}`, gap.params),
    sql(`SELECT status, count(*) AS n, count(*) FILTER (WHERE remaining = 0) AS full FROM coordination.offers t ${o.whereClause} GROUP BY status`, o.params),
    statusCounts(sql, 'coordination.engagements', e),
    sql(
      `SELECT count(*) AS n, count(*) FILTER (WHERE ${disputedSql('m', 'e')}) AS disputed,
              count(*) FILTER (WHERE ${overdueSql('m', 'e', m.param, asAt)} AND ${overdueAwaitingSql('m')} = 'report') AS overdue_report,
              count(*) FILTER (WHERE ${overdueSql('m', 'e', m.param, asAt)} AND ${overdueAwaitingSql('m')} = 'confirmation') AS overdue_confirmation
         FROM coordination.milestones m LEFT JOIN coordination.engagements e ON e.engagement_id = m.engagement_id ${m.whereClause}`,
      m.params,
    ),
    fundingLines(sql, f, viewer),
  ]);
  return {
    asAt: asAt.toISOString(),
    requests,
    offers: { ...countsOf(offers), fullyCommitted: offers.reduce((s, o) => s + num(o.full), 0) },
    engagements,
    milestones: {
      total: num(milestones[0]?.n),
      overdue: num(milestones[0]?.overdue_report) + num(milestones[0]?.overdue_confirmation),
      overdueAwaitingReport: num(milestones[0]?.overdue_report),
      overdueAwaitingConfirmation: num(milestones[0]?.overdue_confirmation),
      disputed: num(milestones[0]?.disputed),
    },
    completions: {
      awaitingAcknowledgement: engagements.byStatus[AWAITING_ACKNOWLEDGEMENT_STATUS] ?? 0,
      acknowledged: DELIVERED_ENGAGEMENT_STATUSES.reduce((n, s) => n + (engagements.byStatus[s] ?? 0), 0),
    },
    gaps: { olderThanDays: gapDays, count: num(gaps[0]?.n) },
    funding,
  };
}
