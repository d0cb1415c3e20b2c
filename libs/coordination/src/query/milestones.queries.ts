import type { Viewer } from '../access/request-visibility';
import type { EntityColumns } from '../read-models/entity-columns';
import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import { DAY_MS, dayOf } from '../rules/as-at';
import { disputedSql } from '../rules/disputed.rule';
import { overdueAwaiting, overdueAwaitingSql, overdueSql, type OverdueAwaiting } from '../rules/overdue.rule';
import type { Sql } from '../sql';
import { Conditions, type CaseFilter } from './conditions';
import { listPage, type ListSpec, type Page } from './pagination';
import { publicMilestone, type ListOptions } from './read-model.queries';

export const MILESTONES_LIST: ListSpec = {
  from: 'coordination.milestones t JOIN coordination.engagements e ON e.engagement_id = t.engagement_id',
  key: 'milestone_key',
  sorts: { dueDate: { column: 'due_date', type: 'date' } },
  extra: 'e.country AS country, e.provider_id AS provider_id',
};

/** `CaseFilter`: a milestone is selected with its engagement. */
export interface MilestoneFilters extends CaseFilter {
  readonly asAt: Date;
  /** Overdue only: those waiting for the provider's report or for the State's confirmation. */
  readonly awaiting?: OverdueAwaiting;
}

/** Milestones of active engagements, overdue (`overdue.rule.ts`) at `f.asAt` or disputed (`disputed.rule.ts`), one page. */
export async function milestonesPage(
  sql: Sql,
  milestones: EntityColumns<MilestoneRow>,
  kind: 'overdue' | 'disputed',
  f: MilestoneFilters,
  viewer: Viewer,
  o: ListOptions,
): Promise<Page<Record<string, unknown>> & { asAt: string }> {
  const c = new Conditions()
    .visibleRequestIds(viewer)
    .add((p) => (kind === 'overdue' ? overdueSql('t', 'e', p, f.asAt) : disputedSql('t', 'e')))
    .engagementsIn(f, 'e')
    .when(kind === 'overdue' ? f.awaiting : undefined, (p, v) => `${overdueAwaitingSql('t')} = ${p(v)}`);
  const page = await listPage(sql, MILESTONES_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
  const today = Date.parse(`${dayOf(f.asAt)}T00:00:00Z`);
  return {
    asAt: f.asAt.toISOString(),
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const m = milestones.fromJson(r.j as Record<string, unknown>);
      return {
        ...publicMilestone(m),
        country: r.country,
        providerId: r.provider_id,
        daysOverdue: Math.max(0, Math.round((today - Date.parse(`${m.dueDate}T00:00:00Z`)) / DAY_MS)),
        awaiting: overdueAwaiting(m),
      };
    }),
  };
}
