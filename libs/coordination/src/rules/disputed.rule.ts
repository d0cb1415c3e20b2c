import type { MilestoneRow } from '../read-models/milestones/milestones.entity';

/**
 * A disputed milestone that counts: disputed by the State, in an ACTIVE engagement. `m`: a
 * milestones row, `e`: its engagement's row. In SQL and in memory, as `overdue.rule.ts`.
 */
export function disputedSql(m: string, e: string): string {
  return `(${e}.status = 'active' AND ${m}.status = 'disputed')`;
}

export function isDisputed(m: Pick<MilestoneRow, 'status'>, engagementStatus: string | undefined): boolean {
  return engagementStatus === 'active' && m.status === 'disputed';
}
