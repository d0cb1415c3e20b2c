import { countNumbered, PLATFORM_CANCELLATION_CODES, writtenPlain, writtenLocalized, type WrittenText } from '../texts/case-texts';
import type { EngagementEvent } from './engagement.events';

/** The texts an engagement event writes; `existing` (keyed by path) numbers disputes and reschedules. */
export function engagementTextsWritten(event: EngagementEvent, existing: Readonly<Record<string, unknown>>): WrittenText[] {
  switch (event.type) {
    case 'EngagementProposed':
      return event.data.reasons.map((reason, i) => writtenPlain(`reasons/${i}`, 'secretariat', reason));
    case 'EngagementDeclined':
      return [writtenPlain('declineReason', event.data.party === 'state' ? 'state' : 'provider', event.data.reason)];
    case 'EngagementCancelled':
      return PLATFORM_CANCELLATION_CODES.includes(event.data.reason) ? [] : [writtenPlain('cancellationReason', 'secretariat', event.data.reason)];
    case 'MilestonePlanned':
      return [writtenLocalized(`milestones/${event.data.milestoneId}/title`, 'provider', event.data.title)];
    case 'MilestoneDisputed': {
      const prefix = `milestones/${event.data.milestoneId}/disputes/`;
      return [writtenPlain(`${prefix}${countNumbered(existing, prefix, '/reason') + 1}/reason`, 'state', event.data.reason)];
    }
    case 'MilestoneReported': {
      if (!event.data.notes) return [];
      const prefix = `milestones/${event.data.milestoneId}/reports/`;
      return [writtenLocalized(`${prefix}${countNumbered(existing, prefix, '/notes') + 1}/notes`, 'provider', event.data.notes)];
    }
    case 'MilestoneDisputeAnswered': {
      // The answer to the milestone's latest dispute.
      const prefix = `milestones/${event.data.milestoneId}/disputes/`;
      return [writtenPlain(`${prefix}${Math.max(1, countNumbered(existing, prefix, '/reason'))}/answer`, 'provider', event.data.answer)];
    }
    case 'MilestoneDisputeResolved': {
      const prefix = `milestones/${event.data.milestoneId}/disputes/`;
      return [writtenPlain(`${prefix}${Math.max(1, countNumbered(existing, prefix, '/reason'))}/resolution`, 'secretariat', event.data.reason)];
    }
    case 'MilestoneRescheduled': {
      const prefix = `milestones/${event.data.milestoneId}/reschedules/`;
      return [writtenPlain(`${prefix}${countNumbered(existing, prefix, '/reason') + 1}/reason`, 'provider', event.data.reason)];
    }
    case 'CompletionContested':
      return [writtenPlain(`contests/${countNumbered(existing, 'contests/', '/reason') + 1}/reason`, 'state', event.data.reason)];
    default:
      return [];
  }
}
