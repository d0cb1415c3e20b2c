import { chapterOfSource } from '@ta/case';
import type { ProjectedEvent } from '../case-event';
import { iso } from '../case-event';
import { withItem, type Projection } from '../projection';
import { RequestRow, type ProjectedNeedSource } from './requests.entity';

export const institutionKey = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** Requests: one row per request, from its own events and the engagements proposed for it. */
export const requestsProjection: Projection<RequestRow> = {
  name: 'requests',
  entity: RequestRow,
  keysOf({ event }) {
    switch (event.type) {
      case 'RequestSubmitted':
      case 'RequestAmended':
      case 'RequestTriaged':
      case 'RequestReturnedForClarification':
      case 'RequestClarificationProvided':
      case 'RequestDeclined':
      case 'RequestWithdrawn':
      case 'RequestMatched':
      case 'RequestDeliveryStarted':
      case 'RequestDelivered':
      case 'RequestFollowUpRecorded':
      case 'RequestClosed':
      case 'RequestAccessChanged':
      case 'RequestTextTranslated':
      case 'EngagementProposed':
      case 'EngagementDeclined':
      case 'EngagementCancelled':
        return [event.data.requestId];
      default:
        return [];
    }
  },
  creates: (e) => e.event.type === 'RequestSubmitted',
  apply: (row, e) => applyToRequest(row, e),
};

export function applyToRequest(row: RequestRow | undefined, e: ProjectedEvent): RequestRow | undefined {
  const { event } = e;
  if (event.type === 'RequestSubmitted') {
    if (row) return row; // already applied
    const d = event.data;
    const at = iso(d.at);
    return {
      requestId: d.requestId,
      country: d.country,
      title: d.title,
      beneficiaryInstitution: d.beneficiaryInstitution,
      institutionKey: institutionKey(d.beneficiaryInstitution),
      articles: [...d.suggestedArticles],
      taTypes: [...d.suggestedTaTypes],
      classified: false,
      priority: null,
      statePriority: d.statePriority,
      status: 'submitted',
      restricted: d.restricted,
      preferredLanguages: [...d.preferredLanguages],
      desiredFrom: d.desiredWindow?.from ?? null,
      desiredTo: d.desiredWindow?.to ?? null,
      sources: d.sources.map((s) => ({ ...s, chapter: chapterOfSource(s) }) as ProjectedNeedSource),
      submittedAt: at,
      submittedBy: e.actorId,
      openedAt: null,
      matchedAt: null,
      deliveryStartedAt: null,
      deliveredAt: null,
      endedAt: null,
      endReason: null,
      needMet: null,
      statusSince: at,
      engagementIds: [],
      liveEngagements: 0,
      updatedAt: at,
      position: e.globalPosition,
      version: e.streamPosition,
    };
  }
  // Exactly-once comes from the checkpoint committed with the rows; no position guard here
  // (global positions are not the all-stream order across streams).
  if (!row) return row;
  const at = iso(event.data.at);
  // One copy of the row per event (the small `changes` objects aside): a rebuild folds a
  // million events, and copies are most of its garbage.
  // `version` follows the request's own stream; the engagement events below keep it.
  const next = (changes: Partial<RequestRow>): RequestRow => ({ ...row, updatedAt: at, position: e.globalPosition, version: e.streamPosition, ...changes });
  const moved = (status: string, changes?: Partial<RequestRow>) => next({ status, statusSince: status === row.status ? row.statusSince : at, ...changes });
  switch (event.type) {
    case 'RequestAmended': {
      // Only the fields the State changed; until triage its suggestion is the classification.
      const d = event.data;
      return next({
        ...(d.title ? { title: d.title } : {}),
        ...(d.beneficiaryInstitution !== undefined ? { beneficiaryInstitution: d.beneficiaryInstitution, institutionKey: institutionKey(d.beneficiaryInstitution) } : {}),
        ...(d.suggestedArticles && !row.classified ? { articles: [...d.suggestedArticles] } : {}),
        ...(d.suggestedTaTypes && !row.classified ? { taTypes: [...d.suggestedTaTypes] } : {}),
        ...(d.preferredLanguages ? { preferredLanguages: [...d.preferredLanguages] } : {}),
        ...(d.desiredWindow !== undefined ? { desiredFrom: d.desiredWindow?.from ?? null, desiredTo: d.desiredWindow?.to ?? null } : {}),
        ...(d.sources ? { sources: d.sources.map((s) => ({ ...s, chapter: chapterOfSource(s) }) as ProjectedNeedSource) } : {}),
        ...(d.statePriority !== undefined ? { statePriority: d.statePriority } : {}),
      });
    }
    case 'RequestTriaged':
      return moved('open_for_offers', {
        articles: [...event.data.articles],
        taTypes: [...event.data.taTypes],
        classified: true,
        priority: event.data.priority,
        openedAt: at,
      });
    case 'RequestReturnedForClarification':
      return moved('returned_for_clarification');
    case 'RequestClarificationProvided':
      return moved('submitted');
    case 'RequestDeclined':
      return moved('declined', { endedAt: at, endReason: event.data.reason });
    case 'RequestWithdrawn':
      return moved('withdrawn', { endedAt: at, endReason: event.data.reason });
    case 'RequestMatched': {
      const status = row.status === 'open_for_offers' ? 'matched' : row.status;
      return moved(status, { engagementIds: withItem(row.engagementIds, event.data.engagementId), matchedAt: row.matchedAt ?? at });
    }
    case 'RequestDeliveryStarted':
      return moved('in_delivery', { deliveryStartedAt: at });
    case 'RequestDelivered':
      return moved('delivered', { deliveredAt: at });
    case 'RequestFollowUpRecorded':
      return moved('follow_up_recorded', { needMet: event.data.needMet });
    case 'RequestClosed':
      return moved('closed', { endedAt: at });
    case 'RequestAccessChanged':
      // Every query and count joins this column: the request is hidden (or shown) from here on.
      return next({ restricted: event.data.restricted });
    case 'RequestTextTranslated':
      // the texts are in `case_texts`; the row follows the stream's version (the detail's ETag)
      return next({});
    case 'EngagementProposed':
      return next({ liveEngagements: row.liveEngagements + 1, version: row.version });
    case 'EngagementDeclined':
    case 'EngagementCancelled':
      return next({ liveEngagements: Math.max(0, row.liveEngagements - 1), version: row.version });
    default:
      return row;
  }
}
