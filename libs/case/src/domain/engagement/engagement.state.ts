import { assertUnreachable } from '@ta/core';
import type { LocalizedText } from '@ta/codelists';
import type { CapacityUnit } from '../offer/offer.commands';
import type { IsoDate } from '../shared/time';
import type { Party } from './engagement.commands';
import type { EngagementEvent } from './engagement.events';
import { withTexts, type CaseTexts } from '../texts/case-texts';
import { engagementTextsWritten } from './engagement.texts';

/**
 * `completed`: the provider completed it (every milestone confirmed), the State has yet to
 * acknowledge; `acknowledged`: the State did, it counts as delivered. A contested completion
 * makes the engagement `active` again.
 */
export type EngagementStatus = 'proposed' | 'agreed' | 'active' | 'completed' | 'acknowledged' | 'declined' | 'cancelled';

/** `overdue` is not a status: it is derived, see `overdueMilestones`. */
export type MilestoneStatus = 'scheduled' | 'reported' | 'confirmed' | 'disputed' | 'rescheduled';

export interface Milestone {
  readonly milestoneId: string;
  readonly title: LocalizedText;
  readonly dueDate: IsoDate;
  readonly status: MilestoneStatus;
  /** Whether the provider answered the dispute the milestone is in (false when not disputed). */
  readonly disputeAnswered: boolean;
}

export interface EngagementDetails {
  readonly status: EngagementStatus;
  readonly engagementId: string;
  readonly requestId: string;
  readonly offerId: string;
  /** The requesting State's country and the offer's provider: the engagement's two parties. */
  readonly country: string;
  readonly providerId: string;
  readonly amount: number;
  readonly unit: CapacityUnit;
  readonly acceptedBy: readonly Party[];
  /** In planning order. */
  readonly milestones: readonly Milestone[];
  /** The engagement's texts (its milestones' included) by path: who wrote each, in which languages. */
  readonly texts: CaseTexts;
}

export type EngagementState = { readonly status: 'empty' } | EngagementDetails;

export const initialEngagementState = (): EngagementState => ({ status: 'empty' });

function updateMilestone(state: EngagementDetails, milestoneId: string, change: Partial<Milestone>): EngagementDetails {
  return { ...state, milestones: state.milestones.map((m) => (m.milestoneId === milestoneId ? { ...m, ...change } : m)) };
}

export function evolveEngagement(state: EngagementState, event: EngagementEvent): EngagementState {
  const next = evolveLifecycle(state, event);
  if (next.status === 'empty') return next;
  const texts = state.status === 'empty' ? {} : state.texts;
  const written = engagementTextsWritten(event, texts);
  return written.length === 0 ? next : { ...next, texts: withTexts(texts, written) };
}

function evolveLifecycle(state: EngagementState, event: EngagementEvent): EngagementState {
  if (event.type === 'EngagementProposed') {
    const { engagementId, requestId, offerId, country, providerId, amount, unit } = event.data;
    return { status: 'proposed', engagementId, requestId, offerId, country, providerId, amount, unit, acceptedBy: [], milestones: [], texts: {} };
  }
  if (state.status === 'empty') return state;
  switch (event.type) {
    case 'EngagementAccepted':
      return { ...state, acceptedBy: [...state.acceptedBy, event.data.party] };
    case 'EngagementAgreed':
      return { ...state, status: 'agreed' };
    case 'EngagementDeclined':
      return { ...state, status: 'declined' };
    case 'EngagementActivated':
      return { ...state, status: 'active' };
    case 'EngagementCancelled':
      return { ...state, status: 'cancelled' };
    case 'EngagementCompleted':
      return { ...state, status: 'completed' };
    case 'CompletionAcknowledged':
      return { ...state, status: 'acknowledged' };
    case 'CompletionContested':
      return { ...state, status: 'active' };
    case 'EngagementTextTranslated':
      return state;
    case 'MilestonePlanned': {
      const { milestoneId, title, dueDate } = event.data;
      return { ...state, milestones: [...state.milestones, { milestoneId, title, dueDate, status: 'scheduled', disputeAnswered: false }] };
    }
    case 'MilestoneReported':
      return updateMilestone(state, event.data.milestoneId, { status: 'reported', disputeAnswered: false });
    case 'MilestoneConfirmed':
      return updateMilestone(state, event.data.milestoneId, { status: 'confirmed' });
    case 'MilestoneDisputed':
      return updateMilestone(state, event.data.milestoneId, { status: 'disputed', disputeAnswered: false });
    case 'MilestoneDisputeAnswered':
      return updateMilestone(state, event.data.milestoneId, { disputeAnswered: true });
    case 'MilestoneDisputeResolved':
      return event.data.outcome === 'upheld' && event.data.dueDate !== null
        ? updateMilestone(state, event.data.milestoneId, { status: 'rescheduled', dueDate: event.data.dueDate, disputeAnswered: false })
        : updateMilestone(state, event.data.milestoneId, { status: 'confirmed', disputeAnswered: false });
    case 'MilestoneRescheduled':
      return updateMilestone(state, event.data.milestoneId, { status: 'rescheduled', dueDate: event.data.dueDate, disputeAnswered: false });
    default:
      return assertUnreachable(event, 'Unknown engagement event');
  }
}
