import type { Viewer } from '../access/request-visibility';
import { AGREED_ENGAGEMENT_STATUSES, DELIVERED_ENGAGEMENT_STATUSES } from '../read-models/statuses';
import { codeList, type Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { num } from './counts';

/** A calendar quarter in UTC, `YYYY-Qn`. */
const QUARTER = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-"Q"Q')`;

export interface TrendFunding {
  readonly unit: 'money' | 'expert_days';
  readonly currency: string | null;
  readonly quarter: string;
  /** Capacity of the offers registered that quarter (minor units, or expert-days). */
  readonly offered: number;
  /** Amounts of the engagements agreed that quarter that are still agreed, active or further on. */
  readonly committed: number;
  /** Amounts of the engagements whose completion the State acknowledged that quarter. */
  readonly delivered: number;
}

export interface Trends {
  /** Requests submitted per quarter. */
  readonly requests: ReadonlyArray<{ readonly quarter: string; readonly submitted: number }>;
  /** Per unit and quarter, in the order (unit, currency, quarter). */
  readonly funding: readonly TrendFunding[];
}

/**
 * Figures by calendar quarter (UTC): requests submitted, capacity offered, amounts committed
 * (by the day the engagement was agreed) and delivered (by the day the State acknowledged the
 * completion). Requests hidden from `viewer` and their engagements are left out; offers are not
 * restricted. `f`: only the requests, offers and engagements the filter selects (`CaseFilter`: a
 * period selects requests submitted, offers registered, engagements proposed in it).
 */
export async function trends(sql: Sql, viewer: Viewer, f: CaseFilter = {}): Promise<Trends> {
  const r = new Conditions().visibleRequests(viewer).requestsIn(f);
  const o = new Conditions().offersIn(f);
  const e = new Conditions().visibleRequestIds(viewer).engagementsIn(f);
  const [requests, offered, committed, delivered] = await Promise.all([
    sql(`SELECT ${QUARTER('t.submitted_at')} AS quarter, count(*) AS n FROM coordination.requests t ${r.whereClause} GROUP BY 1 ORDER BY 1`, r.params),
    sql(`SELECT capacity_kind AS unit, currency, ${QUARTER('registered_at')} AS quarter, sum(capacity) AS n FROM coordination.offers t ${o.whereClause} GROUP BY 1, 2, 3`, o.params),
    sql(
      `SELECT unit_kind AS unit, currency, ${QUARTER('t.agreed_at')} AS quarter, sum(amount) AS n FROM coordination.engagements t
        ${e.whereClause} AND t.agreed_at IS NOT NULL AND t.status IN (${codeList(AGREED_ENGAGEMENT_STATUSES)}) GROUP BY 1, 2, 3`,
      e.params,
    ),
    sql(
      `SELECT unit_kind AS unit, currency, ${QUARTER('t.acknowledged_at')} AS quarter, sum(amount) AS n FROM coordination.engagements t
        ${e.whereClause} AND t.acknowledged_at IS NOT NULL AND t.status IN (${codeList(DELIVERED_ENGAGEMENT_STATUSES)}) GROUP BY 1, 2, 3`,
      e.params,
    ),
  ]);
  const lines = new Map<string, { unit: 'money' | 'expert_days'; currency: string | null; quarter: string; offered: number; committed: number; delivered: number }>();
  const add = (rows: Array<Record<string, unknown>>, field: 'offered' | 'committed' | 'delivered') => {
    for (const row of rows) {
      const unit = row.unit as 'money' | 'expert_days';
      const currency = (row.currency as string | null) ?? null;
      const quarter = String(row.quarter);
      const key = `${unit}\u0001${currency ?? ''}\u0001${quarter}`;
      const line = lines.get(key) ?? { unit, currency, quarter, offered: 0, committed: 0, delivered: 0 };
      line[field] += num(row.n);
      lines.set(key, line);
    }
  };
  add(offered, 'offered');
  add(committed, 'committed');
  add(delivered, 'delivered');
  return {
    requests: requests.map((row) => ({ quarter: String(row.quarter), submitted: num(row.n) })),
    funding: [...lines.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, line]) => line),
  };
}
