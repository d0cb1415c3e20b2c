import type { CaseEvent } from '../case-event';
import type { Projection } from '../projection';
import { RequestHistoryRow } from './request-history.entity';

/** The timeline: append-only, one row per event about a request (its own and its engagements'). */
export const requestHistoryProjection: Projection<RequestHistoryRow> = {
  name: 'request_history',
  entity: RequestHistoryRow,
  appendOnly: true,
  keysOf: (e) => (requestIdOf(e.event) ? [e.eventId] : []),
  apply(row, e) {
    if (row) return row;
    const requestId = requestIdOf(e.event);
    if (!requestId) return undefined;
    return {
      eventId: e.eventId,
      requestId,
      eventType: e.event.type,
      actorId: e.actorId,
      actorRole: e.actorRole,
      occurredAt: e.occurredAt,
      reason: reasonOf(e.event),
      details: detailsOf(e.event),
      commitOrder: e.commitOrder,
      globalPosition: e.globalPosition,
    };
  },
};

function requestIdOf(event: CaseEvent): string | null {
  const data = event.data as { requestId?: unknown };
  return typeof data.requestId === 'string' ? data.requestId : null;
}

function reasonOf(event: CaseEvent): string | null {
  const data = event.data as { reason?: unknown };
  return typeof data.reason === 'string' ? data.reason : null;
}

/** What the timeline shows besides who, when and why; never the contact person. */
function detailsOf(event: CaseEvent): Record<string, unknown> {
  switch (event.type) {
    case 'RequestSubmitted':
      return { country: event.data.country, articles: event.data.suggestedArticles, taTypes: event.data.suggestedTaTypes };
    case 'RequestTriaged':
      return { articles: event.data.articles, taTypes: event.data.taTypes, priority: event.data.priority };
    case 'RequestReturnedForClarification':
      return { question: event.data.question };
    case 'RequestClarificationProvided':
      return { answer: event.data.answer };
    case 'RequestMatched':
    case 'RequestDeliveryStarted':
    case 'RequestDelivered':
      return { engagementId: event.data.engagementId };
    case 'RequestFollowUpRecorded':
      return { needMet: event.data.needMet, comment: event.data.comment };
    case 'EngagementProposed':
      return { engagementId: event.data.engagementId, offerId: event.data.offerId, providerId: event.data.providerId, score: event.data.score, reasons: event.data.reasons };
    case 'EngagementAccepted':
    case 'EngagementDeclined':
      return { engagementId: event.data.engagementId, party: event.data.party };
    case 'MilestonePlanned':
    case 'MilestoneRescheduled':
      return { engagementId: event.data.engagementId, milestoneId: event.data.milestoneId, dueDate: event.data.dueDate };
    case 'MilestoneReported':
    case 'MilestoneConfirmed':
    case 'MilestoneDisputed':
      return { engagementId: event.data.engagementId, milestoneId: event.data.milestoneId };
    default: {
      const data = event.data as { engagementId?: unknown };
      return typeof data.engagementId === 'string' ? { engagementId: data.engagementId } : {};
    }
  }
}

