import type { MilestoneRow } from '../read-models/milestones/milestones.entity';
import type { Param } from '../sql';
import { dayOf } from './as-at';

/**
 * An overdue milestone: not confirmed, due before the "as at" day, in an ACTIVE engagement (the
 * same rule as the engagement decider). `m`: a milestones row, `e`: its engagement's row (a
 * missing one, through a LEFT JOIN, is not active). Said twice, alike: in SQL for the live
 * queries, in memory for "as of" and the engagement detail; `rules.int-spec.ts` runs both over
 * the same rows.
 */
export function overdueSql(m: string, e: string, p: Param, asAt: Date): string {
  return `(${e}.status = 'active' AND ${m}.status <> 'confirmed' AND ${m}.due_date < ${p(dayOf(asAt))}::date)`;
}

export function isOverdue(m: Pick<MilestoneRow, 'status' | 'dueDate'>, engagementStatus: string | undefined, asAt: Date): boolean {
  return engagementStatus === 'active' && m.status !== 'confirmed' && m.dueDate < dayOf(asAt);
}

/**
 * Whose move an overdue milestone waits for. `report`: the provider has not reported it done
 * (scheduled, rescheduled, or its report disputed by the State, which the provider reports
 * again); `confirmation`: the provider reported it done and the State has not confirmed it.
 * Only for a milestone `isOverdue`/`overdueSql` holds for.
 */
export const OVERDUE_AWAITING = ['report', 'confirmation'] as const;
export type OverdueAwaiting = (typeof OVERDUE_AWAITING)[number];

export function overdueAwaitingSql(m: string): string {
  return `(CASE WHEN ${m}.status = 'reported' THEN 'confirmation' ELSE 'report' END)`;
}

export function overdueAwaiting(m: Pick<MilestoneRow, 'status'>): OverdueAwaiting {
  return m.status === 'reported' ? 'confirmation' : 'report';
}
