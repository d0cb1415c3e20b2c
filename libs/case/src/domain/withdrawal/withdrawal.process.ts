import { assertUnreachable } from '@ta/core';
import type { CancelEngagement } from '../engagement/engagement.commands';
import type { EngagementEvent } from '../engagement/engagement.events';
import type { RequestEvent } from '../request/request.events';
import type { ProcessManager } from '../shared/process-manager';

/**
 * Withdrawal process, one per request (key: `requestId` of every event it handles).
 * When the request is withdrawn by the State or declined by the Secretariat, it cancels each
 * of the request's engagements that is still only proposed or agreed, and any engagement
 * proposed afterwards (a proposal made on a stale snapshot).
 *
 * Active engagements are left alone on purpose: they are for the Secretariat to cancel by
 * hand (delivery may already be under way with the provider). To cancel them as well, add
 * 'active' to CANCELLED_WHEN_REQUEST_ENDS.
 */
export const CANCELLED_WHEN_REQUEST_ENDS = ['proposed', 'agreed'] as const;

export const WITHDRAWAL_PROCESS_EVENTS = [
  'RequestWithdrawn',
  'RequestDeclined',
  'EngagementProposed',
  'EngagementAgreed',
  'EngagementActivated',
  'EngagementDeclined',
  'EngagementCancelled',
  'EngagementCompleted',
] as const;

export type WithdrawalProcessEvent = Extract<RequestEvent | EngagementEvent, { type: (typeof WITHDRAWAL_PROCESS_EVENTS)[number] }>;

export function isWithdrawalProcessEvent(event: { readonly type: string }): event is WithdrawalProcessEvent {
  return (WITHDRAWAL_PROCESS_EVENTS as readonly string[]).includes(event.type);
}

/** Stable reasons given on the engagements it cancels. */
export type RequestEndReason = 'request_withdrawn' | 'request_declined';

type TrackedStatus = 'proposed' | 'agreed' | 'active' | 'ended';

export interface WithdrawalProcessState {
  /** Set once the request is withdrawn or declined. */
  readonly requestEnded: RequestEndReason | null;
  /** The request's engagements, by id. */
  readonly engagements: Readonly<Record<string, TrackedStatus>>;
}

function cancel(engagementId: string, at: string, reason: RequestEndReason): CancelEngagement {
  return { type: 'CancelEngagement', engagementId, at, reason };
}

function decide(event: WithdrawalProcessEvent, state: WithdrawalProcessState): CancelEngagement[] {
  switch (event.type) {
    case 'RequestWithdrawn':
    case 'RequestDeclined': {
      if (state.requestEnded) return [];
      const reason: RequestEndReason = event.type === 'RequestWithdrawn' ? 'request_withdrawn' : 'request_declined';
      return Object.entries(state.engagements)
        .filter(([, status]) => (CANCELLED_WHEN_REQUEST_ENDS as readonly TrackedStatus[]).includes(status))
        .map(([engagementId]) => cancel(engagementId, event.data.at, reason));
    }
    case 'EngagementProposed':
      return state.requestEnded ? [cancel(event.data.engagementId, event.data.at, state.requestEnded)] : [];
    case 'EngagementAgreed':
    case 'EngagementActivated':
    case 'EngagementDeclined':
    case 'EngagementCancelled':
    case 'EngagementCompleted':
      return [];
    default:
      return assertUnreachable(event, 'Unknown withdrawal process event');
  }
}

function evolve(state: WithdrawalProcessState, event: WithdrawalProcessEvent): WithdrawalProcessState {
  const track = (status: TrackedStatus): WithdrawalProcessState =>
    'engagementId' in event.data ? { ...state, engagements: { ...state.engagements, [event.data.engagementId]: status } } : state;
  switch (event.type) {
    case 'RequestWithdrawn':
      return state.requestEnded ? state : { ...state, requestEnded: 'request_withdrawn' };
    case 'RequestDeclined':
      return state.requestEnded ? state : { ...state, requestEnded: 'request_declined' };
    case 'EngagementProposed':
      return track('proposed');
    case 'EngagementAgreed':
      return track('agreed');
    case 'EngagementActivated':
      return track('active');
    case 'EngagementDeclined':
    case 'EngagementCancelled':
    case 'EngagementCompleted':
      return track('ended');
    default:
      return assertUnreachable(event, 'Unknown withdrawal process event');
  }
}

export const withdrawalProcess: ProcessManager<WithdrawalProcessEvent, CancelEngagement, WithdrawalProcessState> = {
  decide,
  evolve,
  initialState: () => ({ requestEnded: null, engagements: {} }),
};
