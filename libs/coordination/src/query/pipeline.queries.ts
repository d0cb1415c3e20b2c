import type { Viewer } from '../access/request-visibility';
import { ENGAGEMENT_STATUSES, REQUEST_STATUSES } from '../read-models/statuses';
import { DAY_SECONDS } from '../rules/as-at';
import type { Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { num } from './counts';

export interface PipelineFilters extends CaseFilter {
  readonly asAt: Date;
}

/** Counts and ages (days in the current stage, at `f.asAt`) per lifecycle stage of requests and engagements. */
export async function pipeline(sql: Sql, f: PipelineFilters, viewer: Viewer) {
  const requests = await stages(sql, 'coordination.requests', REQUEST_STATUSES, f.asAt, new Conditions().visibleRequests(viewer).requestsIn(f));
  const engagements = await stages(
    sql,
    'coordination.engagements',
    ENGAGEMENT_STATUSES,
    f.asAt,
    new Conditions().visibleRequestIds(viewer).engagementsIn(f),
  );
  return { asAt: f.asAt.toISOString(), requests, engagements };
}

/** One entry per status of `table` (aliased `t`, rows meeting `c`), in the order of `statuses`. */
async function stages(sql: Sql, table: string, statuses: readonly string[], asAt: Date, c: Conditions) {
  const at = `${c.param(asAt.toISOString())}::timestamptz`;
  const age = `extract(epoch FROM ${at} - status_since) / ${DAY_SECONDS}`;
  const rows = await sql(
    `SELECT status, count(*) AS n, avg(${age}) AS avg_days, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${age}) AS median_days, max(${age}) AS max_days
       FROM ${table} t ${c.whereClause} GROUP BY status`,
    c.params,
  );
  const found = new Map(rows.map((r) => [String(r.status), r]));
  const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
  return statuses.map((status) => {
    const r = found.get(status);
    return { stage: status, count: num(r?.n), avgAgeDays: round(r?.avg_days), medianAgeDays: round(r?.median_days), maxAgeDays: round(r?.max_days) };
  });
}
