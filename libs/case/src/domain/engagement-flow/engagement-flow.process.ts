import { assertUnreachable, type PlatformError } from '@ta/core';
import type { ActivateEngagement, CancelEngagement } from '../engagement/engagement.commands';
import type { EngagementEvent } from '../engagement/engagement.events';
import type { CommitCapacity, ReleaseCapacity } from '../offer/offer.commands';
import type { CapacityCommitted, CapacityReleased } from '../offer/offer.events';
import type { MarkDelivered, MarkMatched, StartDelivery } from '../request/request.commands';
import type { ProcessManager } from '../shared/process-manager';

/**
 * Engagement flow, one per engagement (key: `engagementId` of every event it handles). It
 * carries an engagement across the three aggregates:
 *
 *   EngagementAgreed     -> CommitCapacity (offer)
 *   CapacityCommitted    -> ActivateEngagement, or ReleaseCapacity if the engagement was
 *                           cancelled meanwhile
 *   EngagementActivated  -> MarkMatched (request)
 *   first MilestonePlanned -> StartDelivery (request; a no-op if delivery already started)
 *   CompletionAcknowledged -> MarkDelivered (request): the State acknowledged the completion
 *                           (a completion alone is the provider's word; a contested one
 *                           makes the engagement active again)
 *   EngagementCancelled  -> ReleaseCapacity, if capacity had been committed
 *
 * A refused commitment is NOT an offer event (the offer did not change): the offer decider
 * throws IllegalStateError `offer.insufficient_capacity` (or `offer.withdrawn` /
 * `offer.expired`), and the runner turns that error into the CancelEngagement given by
 * `cancellationForRefusedCommit`, with reason 'insufficient_capacity' (resp. 'offer_withdrawn',
 * 'offer_expired').
 */
export const ENGAGEMENT_FLOW_EVENTS = [
  'EngagementProposed',
  'EngagementAgreed',
  'EngagementActivated',
  'EngagementDeclined',
  'EngagementCancelled',
  'EngagementCompleted',
  'CompletionAcknowledged',
  'CompletionContested',
  'MilestonePlanned',
  'CapacityCommitted',
  'CapacityReleased',
] as const;

export type EngagementFlowEvent = Extract<EngagementEvent | CapacityCommitted | CapacityReleased, { type: (typeof ENGAGEMENT_FLOW_EVENTS)[number] }>;

export function isEngagementFlowEvent(event: { readonly type: string }): event is EngagementFlowEvent {
  return (ENGAGEMENT_FLOW_EVENTS as readonly string[]).includes(event.type);
}

export type EngagementFlowCommand = CommitCapacity | ReleaseCapacity | ActivateEngagement | MarkMatched | StartDelivery | MarkDelivered;

export interface EngagementFlowState {
  readonly engagementId: string | null;
  readonly requestId: string | null;
  readonly offerId: string | null;
  readonly engagement: 'none' | 'proposed' | 'agreed' | 'active' | 'completed' | 'acknowledged' | 'declined' | 'cancelled';
  readonly capacity: 'none' | 'committed' | 'released';
  readonly deliveryStarted: boolean;
}

function decide(event: EngagementFlowEvent, state: EngagementFlowState): EngagementFlowCommand[] {
  const { at, engagementId } = event.data;
  const release = (): ReleaseCapacity[] => (state.offerId ? [{ type: 'ReleaseCapacity', offerId: state.offerId, engagementId, at }] : []);
  switch (event.type) {
    case 'EngagementAgreed':
      return [{ type: 'CommitCapacity', offerId: event.data.offerId, engagementId, at, amount: event.data.amount }];
    case 'CapacityCommitted':
      if (state.engagement === 'agreed') return [{ type: 'ActivateEngagement', engagementId, at }];
      if (state.engagement === 'cancelled') return release();
      return [];
    case 'EngagementCancelled':
      return state.capacity === 'committed' ? release() : [];
    case 'EngagementActivated':
      return [{ type: 'MarkMatched', requestId: event.data.requestId, engagementId, at }];
    case 'MilestonePlanned':
      return state.deliveryStarted ? [] : [{ type: 'StartDelivery', requestId: event.data.requestId, engagementId, at }];
    case 'CompletionAcknowledged':
      return [{ type: 'MarkDelivered', requestId: event.data.requestId, engagementId, at }];
    case 'EngagementCompleted':
    case 'CompletionContested':
    case 'EngagementProposed':
    case 'EngagementDeclined':
    case 'CapacityReleased':
      return [];
    default:
      return assertUnreachable(event, 'Unknown engagement flow event');
  }
}

function evolve(state: EngagementFlowState, event: EngagementFlowEvent): EngagementFlowState {
  switch (event.type) {
    case 'EngagementProposed': {
      const { engagementId, requestId, offerId } = event.data;
      return { ...state, engagementId, requestId, offerId, engagement: 'proposed' };
    }
    case 'EngagementAgreed':
      return { ...state, engagement: 'agreed' };
    case 'EngagementActivated':
      return { ...state, engagement: 'active' };
    case 'EngagementDeclined':
      return { ...state, engagement: 'declined' };
    case 'EngagementCancelled':
      return { ...state, engagement: 'cancelled' };
    case 'EngagementCompleted':
      return { ...state, engagement: 'completed' };
    case 'CompletionAcknowledged':
      return { ...state, engagement: 'acknowledged' };
    case 'CompletionContested':
      return { ...state, engagement: 'active' };
    case 'MilestonePlanned':
      return { ...state, deliveryStarted: true };
    case 'CapacityCommitted':
      return { ...state, capacity: 'committed' };
    case 'CapacityReleased':
      return { ...state, capacity: 'released' };
    default:
      return assertUnreachable(event, 'Unknown engagement flow event');
  }
}

export const engagementFlowProcess: ProcessManager<EngagementFlowEvent, EngagementFlowCommand, EngagementFlowState> = {
  decide,
  evolve,
  initialState: () => ({
    engagementId: null,
    requestId: null,
    offerId: null,
    engagement: 'none',
    capacity: 'none',
    deliveryStarted: false,
  }),
};

const REFUSALS: Readonly<Record<string, string>> = {
  'offer.insufficient_capacity': 'insufficient_capacity',
  'offer.withdrawn': 'offer_withdrawn',
  'offer.expired': 'offer_expired',
};

/**
 * When the offer refuses the CommitCapacity this process sent, the engagement is cancelled:
 * returns that CancelEngagement (same `at`), or null when the error is no refusal (then the
 * runner retries or reports it as usual).
 */
export function cancellationForRefusedCommit(command: CommitCapacity, error: PlatformError): CancelEngagement | null {
  const reason = error.kind === 'illegal_state' ? REFUSALS[error.code] : undefined;
  return reason ? { type: 'CancelEngagement', engagementId: command.engagementId, at: command.at, reason } : null;
}
