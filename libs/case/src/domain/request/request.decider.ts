import { IllegalStateError, NotFoundError, ValidationError, assertUnreachable, type Decider } from '@ta/core';
import { assertKnownCodes, assertLocalizedText, assertMayRequest } from '@ta/codelists';
import { assertTimestamp, assertWindow } from '../shared/time';
import { assertArray, assertBoolean, assertEmail, assertId, assertOneOf, assertReason, assertText, unique } from '../shared/validation';
import type {
  AmendRequest,
  CloseRequest,
  DeclineRequest,
  MarkDelivered,
  MarkMatched,
  OpenRequest,
  ProvideClarification,
  RecordFollowUp,
  RequestCommand,
  RestrictRequest,
  ReturnForClarification,
  StartDelivery,
  SubmitRequest,
  TranslateRequestText,
  TriageRequest,
  WithdrawRequest,
} from './request.commands';
import { assertTranslation } from '../texts/case-texts';
import type { RequestAmendment, RequestEvent } from './request.events';
import { assertNeedSources } from './request.sources';
import { evolveRequest, initialRequestState, type RequestDetails, type RequestState, type RequestStatus } from './request.state';

export const REQUEST_TEXT_LIMITS = {
  title: 200,
  description: 5000,
  beneficiaryInstitution: 300,
  contactName: 200,
  /** Clarification question and answer, follow-up comment. */
  message: 2000,
} as const;

/** Withdrawal and decline are possible only before delivery starts. */
const BEFORE_DELIVERY: readonly RequestStatus[] = ['submitted', 'returned_for_clarification', 'open_for_offers', 'matched'];
/** The State can restrict or open its request until the case has ended. */
const NOT_ENDED: readonly RequestStatus[] = ['submitted', 'returned_for_clarification', 'open_for_offers', 'matched', 'in_delivery', 'delivered', 'follow_up_recorded'];
/** The State amends its request until it is matched (and, open for offers, while no engagement is proposed or agreed on it). */
const AMENDABLE: readonly RequestStatus[] = ['submitted', 'returned_for_clarification', 'open_for_offers'];
const DELIVERED: readonly RequestStatus[] = ['delivered', 'follow_up_recorded', 'closed'];

export function decideRequest(command: RequestCommand, state: RequestState): RequestEvent[] {
  assertTimestamp(command.at);
  switch (command.type) {
    case 'SubmitRequest':
      return submit(command, state);
    case 'AmendRequest':
      return amend(command, existing(state));
    case 'TriageRequest':
      return triage(command, existing(state));
    case 'ReturnForClarification':
      return returnForClarification(command, existing(state));
    case 'ProvideClarification':
      return provideClarification(command, existing(state));
    case 'DeclineRequest':
      return decline(command, existing(state));
    case 'WithdrawRequest':
      return withdraw(command, existing(state));
    case 'MarkMatched':
      return markMatched(command, existing(state));
    case 'StartDelivery':
      return startDelivery(command, existing(state));
    case 'MarkDelivered':
      return markDelivered(command, existing(state));
    case 'RecordFollowUp':
      return recordFollowUp(command, existing(state));
    case 'CloseRequest':
      return close(command, existing(state));
    case 'RestrictRequest':
    case 'OpenRequest':
      return changeAccess(command, existing(state));
    case 'TranslateRequestText':
      return translate(command, existing(state));
    default:
      return assertUnreachable(command, 'Unknown request command');
  }
}

export const requestDecider: Decider<RequestCommand, RequestEvent, RequestState> = {
  decide: decideRequest,
  evolve: evolveRequest,
  initialState: initialRequestState,
};

function existing(state: RequestState): RequestDetails {
  if (state.status === 'empty') throw new NotFoundError('request.not_found', 'No such request');
  return state;
}

function requireStatus(state: RequestDetails, allowed: readonly RequestStatus[], code: string, message: string): void {
  if (!allowed.includes(state.status)) throw new IllegalStateError(code, `${message} (status: ${state.status})`, { status: state.status });
}

function requireMatchedEngagement(state: RequestDetails, engagementId: string): void {
  if (!state.engagementIds.includes(engagementId)) {
    throw new IllegalStateError('request.engagement_not_matched', 'This engagement did not match the request', { engagementId });
  }
}

function submit(c: SubmitRequest, state: RequestState): RequestEvent[] {
  if (state.status !== 'empty') throw new IllegalStateError('request.already_submitted', 'The request was already submitted');
  assertId(c.requestId, '/requestId');
  // Only a State party to the Convention or a signatory may request (the uncac-parties list).
  assertMayRequest(c.country, '/country');
  const title = assertLocalizedText(c.title, '/title', { maxLength: REQUEST_TEXT_LIMITS.title });
  const description = assertLocalizedText(c.description, '/description', { maxLength: REQUEST_TEXT_LIMITS.description });
  assertKnownCodes('uncac-articles', assertArray(c.suggestedArticles, '/suggestedArticles', { min: 0 }), '/suggestedArticles');
  assertKnownCodes('ta-types', assertArray(c.suggestedTaTypes, '/suggestedTaTypes', { min: 0 }), '/suggestedTaTypes');
  assertKnownCodes('languages', assertArray(c.preferredLanguages, '/preferredLanguages', { min: 1 }), '/preferredLanguages');
  // The State decides: no default for consent or priority.
  const restricted = assertBoolean(c.restricted, '/restricted');
  assertKnownCodes('priorities', c.statePriority, '/statePriority');
  const sources = assertNeedSources(c.sources, c.at);
  return [
    {
      type: 'RequestSubmitted',
      data: {
        requestId: c.requestId,
        at: c.at,
        country: c.country,
        title,
        description,
        suggestedArticles: unique(c.suggestedArticles),
        suggestedTaTypes: unique(c.suggestedTaTypes),
        beneficiaryInstitution: assertText(c.beneficiaryInstitution, '/beneficiaryInstitution', REQUEST_TEXT_LIMITS.beneficiaryInstitution),
        preferredLanguages: unique(c.preferredLanguages),
        desiredWindow: c.desiredWindow == null ? null : assertWindow(c.desiredWindow, '/desiredWindow'),
        sources,
        restricted,
        statePriority: c.statePriority,
        contactPerson:
          c.contactPerson == null
            ? null
            : {
                name: assertText(c.contactPerson?.name, '/contactPerson/name', REQUEST_TEXT_LIMITS.contactName),
                email: assertEmail(c.contactPerson?.email, '/contactPerson/email'),
              },
      },
    },
  ];
}

/**
 * The State's amendment: each given field is checked as on submission; the event carries the
 * given fields only. Nothing given: 400 `request.nothing_to_amend`.
 */
function amend(c: AmendRequest, state: RequestDetails): RequestEvent[] {
  requireStatus(state, AMENDABLE, 'request.not_amendable', 'A request can be amended only until it is matched');
  if (state.status === 'open_for_offers' && c.liveEngagementIds.length > 0) {
    throw new IllegalStateError('request.engaged', 'An engagement is proposed on this request: it can no longer be amended', { engagementIds: [...c.liveEngagementIds] });
  }
  const a: { -readonly [K in keyof RequestAmendment]: RequestAmendment[K] } = {};
  if (c.title !== undefined) a.title = assertLocalizedText(c.title, '/title', { maxLength: REQUEST_TEXT_LIMITS.title });
  if (c.description !== undefined) a.description = assertLocalizedText(c.description, '/description', { maxLength: REQUEST_TEXT_LIMITS.description });
  if (c.suggestedArticles !== undefined) {
    assertKnownCodes('uncac-articles', assertArray(c.suggestedArticles, '/suggestedArticles', { min: 0 }), '/suggestedArticles');
    a.suggestedArticles = unique(c.suggestedArticles);
  }
  if (c.suggestedTaTypes !== undefined) {
    assertKnownCodes('ta-types', assertArray(c.suggestedTaTypes, '/suggestedTaTypes', { min: 0 }), '/suggestedTaTypes');
    a.suggestedTaTypes = unique(c.suggestedTaTypes);
  }
  if (c.beneficiaryInstitution !== undefined) a.beneficiaryInstitution = assertText(c.beneficiaryInstitution, '/beneficiaryInstitution', REQUEST_TEXT_LIMITS.beneficiaryInstitution);
  if (c.preferredLanguages !== undefined) {
    assertKnownCodes('languages', assertArray(c.preferredLanguages, '/preferredLanguages', { min: 1 }), '/preferredLanguages');
    a.preferredLanguages = unique(c.preferredLanguages);
  }
  if (c.desiredWindow !== undefined) a.desiredWindow = c.desiredWindow === null ? null : assertWindow(c.desiredWindow, '/desiredWindow');
  if (c.sources !== undefined) a.sources = assertNeedSources(assertArray(c.sources, '/sources', { min: 0 }), c.at);
  if (c.statePriority !== undefined) {
    assertKnownCodes('priorities', c.statePriority, '/statePriority');
    a.statePriority = c.statePriority;
  }
  if (Object.keys(a).length === 0) {
    throw new ValidationError('request.nothing_to_amend', 'An amendment changes at least one field', [{ path: '', message: 'no field to amend' }]);
  }
  return [{ type: 'RequestAmended', data: { requestId: state.requestId, at: c.at, ...a } }];
}

function triage(c: TriageRequest, state: RequestDetails): RequestEvent[] {
  requireStatus(state, ['submitted'], 'request.not_awaiting_triage', 'Only a submitted request can be triaged');
  assertKnownCodes('uncac-articles', assertArray(c.articles, '/articles', { min: 1 }), '/articles');
  assertKnownCodes('ta-types', assertArray(c.taTypes, '/taTypes', { min: 1 }), '/taTypes');
  assertKnownCodes('priorities', c.priority, '/priority');
  return [
    {
      type: 'RequestTriaged',
      data: { requestId: state.requestId, at: c.at, articles: unique(c.articles), taTypes: unique(c.taTypes), priority: c.priority },
    },
  ];
}

function returnForClarification(c: ReturnForClarification, state: RequestDetails): RequestEvent[] {
  requireStatus(state, ['submitted'], 'request.not_awaiting_triage', 'Only a submitted request can be returned for clarification');
  const question = assertLocalizedText(c.question, '/question', { maxLength: REQUEST_TEXT_LIMITS.message });
  return [{ type: 'RequestReturnedForClarification', data: { requestId: state.requestId, at: c.at, question } }];
}

function provideClarification(c: ProvideClarification, state: RequestDetails): RequestEvent[] {
  requireStatus(state, ['returned_for_clarification'], 'request.not_returned_for_clarification', 'No clarification was asked for');
  const answer = assertLocalizedText(c.answer, '/answer', { maxLength: REQUEST_TEXT_LIMITS.message });
  return [{ type: 'RequestClarificationProvided', data: { requestId: state.requestId, at: c.at, answer } }];
}

function decline(c: DeclineRequest, state: RequestDetails): RequestEvent[] {
  requireStatus(state, BEFORE_DELIVERY, 'request.not_declinable', 'A request can be declined only before delivery');
  return [{ type: 'RequestDeclined', data: { requestId: state.requestId, at: c.at, reason: assertReason(c.reason) } }];
}

function withdraw(c: WithdrawRequest, state: RequestDetails): RequestEvent[] {
  requireStatus(state, BEFORE_DELIVERY, 'request.not_withdrawable', 'A request can be withdrawn only before delivery');
  return [{ type: 'RequestWithdrawn', data: { requestId: state.requestId, at: c.at, reason: assertReason(c.reason) } }];
}

/**
 * Idempotent per engagement. A request already matched (or in delivery) can be matched by a
 * further engagement (co-funding): it is recorded, the status stays.
 */
function markMatched(c: MarkMatched, state: RequestDetails): RequestEvent[] {
  assertId(c.engagementId, '/engagementId');
  if (state.engagementIds.includes(c.engagementId)) return [];
  requireStatus(state, ['open_for_offers', 'matched', 'in_delivery'], 'request.not_open_for_offers', 'The request is not open for offers');
  return [{ type: 'RequestMatched', data: { requestId: state.requestId, at: c.at, engagementId: c.engagementId } }];
}

/** Idempotent: nothing happens when delivery has already started. */
function startDelivery(c: StartDelivery, state: RequestDetails): RequestEvent[] {
  requireStatus(state, ['matched', 'in_delivery'], 'request.not_matched', 'Delivery can start only on a matched request');
  requireMatchedEngagement(state, c.engagementId);
  if (state.status === 'in_delivery') return [];
  return [{ type: 'RequestDeliveryStarted', data: { requestId: state.requestId, at: c.at, engagementId: c.engagementId } }];
}

/** Idempotent: nothing happens when the request is already delivered. */
function markDelivered(c: MarkDelivered, state: RequestDetails): RequestEvent[] {
  if (DELIVERED.includes(state.status) && state.engagementIds.includes(c.engagementId)) return [];
  requireStatus(state, ['in_delivery'], 'request.not_in_delivery', 'The request is not in delivery');
  requireMatchedEngagement(state, c.engagementId);
  return [{ type: 'RequestDelivered', data: { requestId: state.requestId, at: c.at, engagementId: c.engagementId } }];
}

function recordFollowUp(c: RecordFollowUp, state: RequestDetails): RequestEvent[] {
  requireStatus(state, ['delivered'], 'request.not_delivered', 'A follow-up is recorded once, after delivery');
  const needMet = assertOneOf(c.needMet, ['met', 'partly_met', 'not_met'] as const, '/needMet');
  const comment = assertLocalizedText(c.comment, '/comment', { maxLength: REQUEST_TEXT_LIMITS.message });
  return [{ type: 'RequestFollowUpRecorded', data: { requestId: state.requestId, at: c.at, needMet, comment } }];
}

function close(c: CloseRequest, state: RequestDetails): RequestEvent[] {
  requireStatus(state, ['follow_up_recorded'], 'request.follow_up_not_recorded', 'A request is closed after its follow-up');
  return [{ type: 'RequestClosed', data: { requestId: state.requestId, at: c.at } }];
}

/** Consent to publication: the State restricts or opens its request, with a reason, until the case ends. */
function changeAccess(c: RestrictRequest | OpenRequest, state: RequestDetails): RequestEvent[] {
  requireStatus(state, NOT_ENDED, 'request.ended', 'The access to an ended request cannot change');
  const restricted = c.type === 'RestrictRequest';
  if (state.restricted === restricted) {
    throw new IllegalStateError(restricted ? 'request.already_restricted' : 'request.already_open', restricted ? 'The request is already restricted' : 'The request is already open');
  }
  return [{ type: 'RequestAccessChanged', data: { requestId: state.requestId, at: c.at, restricted, reason: assertReason(c.reason) } }];
}

/** A translation of one of its texts, in any status: the texts of an ended case stay readable. */
function translate(c: TranslateRequestText, state: RequestDetails): RequestEvent[] {
  const t = assertTranslation(state.texts, c);
  return [{ type: 'RequestTextTranslated', data: { requestId: state.requestId, at: c.at, ...t } }];
}
