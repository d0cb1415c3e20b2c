import { iso, type ProjectedEvent } from '../case-event';
import type { Projection } from '../projection';
import { MilestoneRow } from './milestones.entity';

export const milestoneKey = (engagementId: string, milestoneId: string): string => `${engagementId}/${milestoneId}`;

/** Milestones of engagements' delivery plans. */
export const milestonesProjection: Projection<MilestoneRow> = {
  name: 'milestones',
  entity: MilestoneRow,
  keysOf({ event }) {
    switch (event.type) {
      case 'MilestonePlanned':
      case 'MilestoneReported':
      case 'MilestoneConfirmed':
      case 'MilestoneDisputed':
      case 'MilestoneRescheduled':
      case 'MilestoneDisputeAnswered':
      case 'MilestoneDisputeResolved':
        return [milestoneKey(event.data.engagementId, event.data.milestoneId)];
      default:
        return [];
    }
  },
  creates: (e) => e.event.type === 'MilestonePlanned',
  apply: (row, e) => applyToMilestone(row, e),
};

export function applyToMilestone(row: MilestoneRow | undefined, e: ProjectedEvent): MilestoneRow | undefined {
  const { event } = e;
  if (event.type === 'MilestonePlanned') {
    if (row) return row;
    const d = event.data;
    const at = iso(d.at);
    return {
      milestoneKey: milestoneKey(d.engagementId, d.milestoneId),
      engagementId: d.engagementId,
      milestoneId: d.milestoneId,
      requestId: d.requestId,
      offerId: d.offerId,
      title: d.title,
      dueDate: d.dueDate,
      originalDueDate: d.dueDate,
      status: 'scheduled',
      plannedAt: at,
      reportedAt: null,
      confirmedAt: null,
      disputedAt: null,
      disputeReason: null,
      rescheduleCount: 0,
      rescheduleReason: null,
      updatedAt: at,
      position: e.globalPosition,
      version: e.streamPosition,
    };
  }
  if (!row) return row;
  const at = iso(event.data.at);
  // One copy of the row per event (see requests.projection.ts).
  const next = (changes: Partial<MilestoneRow>): MilestoneRow => ({ ...row, updatedAt: at, position: e.globalPosition, version: e.streamPosition, ...changes });
  switch (event.type) {
    case 'MilestoneReported':
      return next({ status: 'reported', reportedAt: at });
    case 'MilestoneConfirmed':
      return next({ status: 'confirmed', confirmedAt: at });
    case 'MilestoneDisputed':
      return next({ status: 'disputed', disputedAt: at, disputeReason: event.data.reason });
    case 'MilestoneDisputeAnswered':
      // the answer is a case text (case_texts); the row follows the stream's version
      return next({});
    case 'MilestoneDisputeResolved':
      // Upheld: due again on the new date (counted as a rescheduling, with the resolution's reason); dismissed: confirmed.
      return event.data.outcome === 'upheld' && event.data.dueDate !== null
        ? next({ status: 'rescheduled', dueDate: event.data.dueDate, rescheduleCount: row.rescheduleCount + 1, rescheduleReason: event.data.reason })
        : next({ status: 'confirmed', confirmedAt: at });
    case 'MilestoneRescheduled':
      return next({
        status: 'rescheduled',
        dueDate: event.data.dueDate,
        rescheduleCount: row.rescheduleCount + 1,
        rescheduleReason: event.data.reason,
      });
    default:
      return row;
  }
}
