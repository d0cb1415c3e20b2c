import { assertUnreachable } from '@ta/core';
import type { RequestEvent } from './request.events';
import { withTexts, type CaseTexts } from '../texts/case-texts';
import { requestTextsWritten } from './request.texts';

export type RequestStatus =
  | 'submitted'
  | 'returned_for_clarification'
  | 'open_for_offers'
  | 'matched'
  | 'in_delivery'
  | 'delivered'
  | 'follow_up_recorded'
  | 'closed'
  | 'withdrawn'
  | 'declined';

/** What the request's guards need; everything else lives in read models. */
export interface RequestDetails {
  readonly status: RequestStatus;
  readonly requestId: string;
  readonly country: string;
  readonly restricted: boolean;
  /** The State's suggestion until triage, then the Secretariat's classification. */
  readonly articles: readonly string[];
  readonly taTypes: readonly string[];
  readonly priority: string | null;
  /** Engagements whose activation matched this request, in order. */
  readonly engagementIds: readonly string[];
  /** The request's texts by path: who wrote each, in which languages (what translations are checked against). */
  readonly texts: CaseTexts;
}

export type RequestState = { readonly status: 'empty' } | RequestDetails;

export const initialRequestState = (): RequestState => ({ status: 'empty' });

export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  const next = evolveLifecycle(state, event);
  if (next.status === 'empty') return next;
  const texts = state.status === 'empty' ? {} : state.texts;
  const written = requestTextsWritten(event, texts);
  return written.length === 0 ? next : { ...next, texts: withTexts(texts, written) };
}

function evolveLifecycle(state: RequestState, event: RequestEvent): RequestState {
  if (event.type === 'RequestSubmitted') {
    const d = event.data;
    return {
      status: 'submitted',
      requestId: d.requestId,
      country: d.country,
      restricted: d.restricted,
      articles: d.suggestedArticles,
      taTypes: d.suggestedTaTypes,
      priority: null,
      engagementIds: [],
      texts: {},
    };
  }
  if (state.status === 'empty') return state;
  switch (event.type) {
    case 'RequestAmended': {
      // Until triage the State's suggestion is the classification; after it, the Secretariat's stays.
      const d = event.data;
      if (state.status !== 'submitted' && state.status !== 'returned_for_clarification') return state;
      return { ...state, articles: d.suggestedArticles ?? state.articles, taTypes: d.suggestedTaTypes ?? state.taTypes };
    }
    case 'RequestTriaged':
      return { ...state, status: 'open_for_offers', articles: event.data.articles, taTypes: event.data.taTypes, priority: event.data.priority };
    case 'RequestReturnedForClarification':
      return { ...state, status: 'returned_for_clarification' };
    case 'RequestClarificationProvided':
      return { ...state, status: 'submitted' };
    case 'RequestDeclined':
      return { ...state, status: 'declined' };
    case 'RequestWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'RequestMatched':
      return {
        ...state,
        status: state.status === 'open_for_offers' ? 'matched' : state.status,
        engagementIds: [...state.engagementIds, event.data.engagementId],
      };
    case 'RequestDeliveryStarted':
      return { ...state, status: 'in_delivery' };
    case 'RequestDelivered':
      return { ...state, status: 'delivered' };
    case 'RequestFollowUpRecorded':
      return { ...state, status: 'follow_up_recorded' };
    case 'RequestClosed':
      return { ...state, status: 'closed' };
    case 'RequestAccessChanged':
      return { ...state, restricted: event.data.restricted };
    case 'RequestTextTranslated':
      return state;
    default:
      return assertUnreachable(event, 'Unknown request event');
  }
}
