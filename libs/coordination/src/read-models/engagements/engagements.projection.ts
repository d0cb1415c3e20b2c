import { iso, type ProjectedEvent } from '../case-event';
import { withItem, type Projection } from '../projection';
import { EngagementRow } from './engagements.entity';

/** Engagements; their milestones are the `milestones` read model. */
export const engagementsProjection: Projection<EngagementRow> = {
  name: 'engagements',
  entity: EngagementRow,
  keysOf({ event }) {
    switch (event.type) {
      case 'EngagementProposed':
      case 'EngagementAccepted':
      case 'EngagementAgreed':
      case 'EngagementDeclined':
      case 'EngagementActivated':
      case 'EngagementCancelled':
      case 'EngagementCompleted':
      case 'CompletionAcknowledged':
      case 'CompletionContested':
      case 'EngagementTextTranslated':
        return [event.data.engagementId];
      default:
        return [];
    }
  },
  creates: (e) => e.event.type === 'EngagementProposed',
  apply: (row, e) => applyToEngagement(row, e),
};

export function applyToEngagement(row: EngagementRow | undefined, e: ProjectedEvent): EngagementRow | undefined {
  const { event } = e;
  if (event.type === 'EngagementProposed') {
    if (row) return row;
    const d = event.data;
    const at = iso(d.at);
    return {
      engagementId: d.engagementId,
      requestId: d.requestId,
      offerId: d.offerId,
      providerId: d.providerId,
      implementerId: d.implementerId ?? null,
      country: d.country,
      amount: d.amount,
      unitKind: d.unit.kind,
      currency: d.unit.kind === 'money' ? d.unit.currency : null,
      score: d.score,
      reasons: [...d.reasons],
      status: 'proposed',
      acceptedBy: [],
      proposedAt: at,
      agreedAt: null,
      activatedAt: null,
      completedAt: null,
      acknowledgedAt: null,
      contestedAt: null,
      contestReason: null,
      endedAt: null,
      endReason: null,
      statusSince: at,
      updatedAt: at,
      position: e.globalPosition,
      version: e.streamPosition,
    };
  }
  if (!row) return row;
  const at = iso(event.data.at);
  // One copy of the row per event (see requests.projection.ts).
  const next = (changes: Partial<EngagementRow>): EngagementRow => ({ ...row, updatedAt: at, position: e.globalPosition, version: e.streamPosition, ...changes });
  const moved = (status: string, changes?: Partial<EngagementRow>) => next({ status, statusSince: status === row.status ? row.statusSince : at, ...changes });
  switch (event.type) {
    case 'EngagementAccepted':
      return next({ acceptedBy: withItem(row.acceptedBy, event.data.party) });
    case 'EngagementAgreed':
      return moved('agreed', { agreedAt: at });
    case 'EngagementActivated':
      return moved('active', { activatedAt: at });
    case 'EngagementCompleted':
      return moved('completed', { completedAt: at });
    case 'CompletionAcknowledged':
      return moved('acknowledged', { acknowledgedAt: at });
    case 'CompletionContested':
      return moved('active', { contestedAt: at, contestReason: event.data.reason });
    case 'EngagementDeclined':
      return moved('declined', { endedAt: at, endReason: event.data.reason });
    case 'EngagementCancelled':
      return moved('cancelled', { endedAt: at, endReason: event.data.reason });
    case 'EngagementTextTranslated':
      // the texts are in `case_texts`; the row follows the stream's version (the detail's ETag)
      return next({});
    default:
      return row;
  }
}
