import type { Viewer } from '../access/request-visibility';
import type { EntityColumns } from '../read-models/entity-columns';
import type { RequestRow } from '../read-models/requests/requests.entity';
import { DAY_MS } from '../rules/as-at';
import { gapSql } from '../rules/gap.rule';
import type { Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { listPage, type ListSpec } from './pagination';
import { publicRequest, type ListOptions } from './read-model.queries';

export const GAPS_LIST: ListSpec = {
  from: 'coordination.requests t',
  key: 'request_id',
  sorts: { openedAt: { column: 'opened_at', type: 'timestamptz' } },
};

export interface GapFilters extends CaseFilter {
  readonly olderThanDays: number;
  readonly asAt: Date;
  readonly priority?: string;
  /** The State's own priority. */
  readonly statePriority?: string;
}

/** Gaps (`gap.rule.ts`) at `f.asAt`, one page, oldest first by default, with the days each has been open. */
export async function gapsPage(sql: Sql, requests: EntityColumns<RequestRow>, f: GapFilters, viewer: Viewer, o: ListOptions) {
  const c = new Conditions()
    .add((p) => gapSql('t', p, f.asAt, f.olderThanDays))
    .requestsIn(f)
    .when(f.priority, (p, v) => `t.priority = ${p(v)}`)
    .when(f.statePriority, (p, v) => `t.state_priority = ${p(v)}`)
    .visibleRequests(viewer);
  const page = await listPage(sql, GAPS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
  return {
    asAt: f.asAt.toISOString(),
    olderThanDays: f.olderThanDays,
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const row = requests.fromJson(r.j as Record<string, unknown>);
      return { ...publicRequest(row), daysOpen: Math.floor((f.asAt.getTime() - Date.parse(row.openedAt!)) / DAY_MS) };
    }),
  };
}
