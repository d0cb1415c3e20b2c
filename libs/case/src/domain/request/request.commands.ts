import type { LocalizedText } from '@ta/codelists';
import type { DateWindow, IsoTimestamp } from '../shared/time';
import type { NeedSourceInput } from './request.sources';

/** Personal data: stays on the platform, never goes out in integration events. */
export interface ContactPerson {
  readonly name: string;
  readonly email: string;
}

export type NeedMet = 'met' | 'partly_met' | 'not_met';

/** By the recipient State's focal point. */
export interface SubmitRequest {
  readonly type: 'SubmitRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  /** ISO 3166-1 alpha-2 of the requesting State. */
  readonly country: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  /** UNCAC article codes (`art-5`...), the State's suggestion; may be empty. */
  readonly suggestedArticles: readonly string[];
  /** TA type codes (`c1-*`, `c2-*`), the State's suggestion; may be empty. */
  readonly suggestedTaTypes: readonly string[];
  readonly beneficiaryInstitution: string;
  /** At least one of ar en es fr ru zh. */
  readonly preferredLanguages: readonly string[];
  readonly desiredWindow?: DateWindow;
  /** The self-assessment answers or country review findings the request answers; may be empty. */
  readonly sources?: readonly NeedSourceInput[];
  /** Restricted requests are visible to the Secretariat and matched providers only. The State chooses; there is no default. */
  readonly restricted: boolean;
  /** The State's own priority (priorities codelist), apart from the Secretariat's triage priority. */
  readonly statePriority: string;
  readonly contactPerson?: ContactPerson;
}

/**
 * By the State, while its request is not yet matched: submitted, returned for clarification,
 * or open for offers with no live engagement (none proposed or agreed on it). Only the fields
 * given change; at least one must be. The country, the consent to publication (its own
 * commands) and the contact person (sealed personal data) are not amended.
 */
export interface AmendRequest {
  readonly type: 'AmendRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  readonly suggestedArticles?: readonly string[];
  readonly suggestedTaTypes?: readonly string[];
  readonly beneficiaryInstitution?: string;
  readonly preferredLanguages?: readonly string[];
  /** null: no desired window any more. */
  readonly desiredWindow?: DateWindow | null;
  readonly sources?: readonly NeedSourceInput[];
  readonly statePriority?: string;
  /**
   * A lookup given by the handler, not by the State: the request's engagements that are
   * proposed or agreed (not yet active, not ended). An active one has matched the request.
   */
  readonly liveEngagementIds: readonly string[];
}

/** By the Secretariat: classifies the request and opens it for offers. */
export interface TriageRequest {
  readonly type: 'TriageRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly articles: readonly string[];
  readonly taTypes: readonly string[];
  readonly priority: string;
}

/** By the Secretariat. */
export interface ReturnForClarification {
  readonly type: 'ReturnForClarification';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly question: LocalizedText;
}

/** By the State: answers the question and sends the request back to triage. */
export interface ProvideClarification {
  readonly type: 'ProvideClarification';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly answer: LocalizedText;
}

/** By the Secretariat, before delivery. */
export interface DeclineRequest {
  readonly type: 'DeclineRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the State, before delivery. */
export interface WithdrawRequest {
  readonly type: 'WithdrawRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the engagement-flow process manager when an engagement becomes active. */
export interface MarkMatched {
  readonly type: 'MarkMatched';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly engagementId: string;
}

/** By the engagement-flow process manager when the first milestone is planned. */
export interface StartDelivery {
  readonly type: 'StartDelivery';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly engagementId: string;
}

/** By the engagement-flow process manager when the engagement is completed. */
export interface MarkDelivered {
  readonly type: 'MarkDelivered';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly engagementId: string;
}

/** By the State (about 12 months after delivery): was the need met? */
export interface RecordFollowUp {
  readonly type: 'RecordFollowUp';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly needMet: NeedMet;
  readonly comment: LocalizedText;
}

/** By the State: from now on, only the Secretariat, the State and engaged providers see the request. */
export interface RestrictRequest {
  readonly type: 'RestrictRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the State: from now on, everyone sees the request. */
export interface OpenRequest {
  readonly type: 'OpenRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the Secretariat, once the follow-up is recorded. */
export interface CloseRequest {
  readonly type: 'CloseRequest';
  readonly requestId: string;
  readonly at: IsoTimestamp;
}

/**
 * A translation of one of the request's texts (`case-texts.ts` names them) into a UN language:
 * by the Secretariat, or by the State for the texts the State wrote.
 */
export interface TranslateRequestText {
  readonly type: 'TranslateRequestText';
  readonly requestId: string;
  readonly at: IsoTimestamp;
  /** The text's path, e.g. `description` or `clarifications/1/question`. */
  readonly text: string;
  readonly language: string;
  readonly translation: string;
}

export type RequestCommand =
  | SubmitRequest
  | AmendRequest
  | TriageRequest
  | ReturnForClarification
  | ProvideClarification
  | DeclineRequest
  | WithdrawRequest
  | MarkMatched
  | StartDelivery
  | MarkDelivered
  | RecordFollowUp
  | CloseRequest
  | RestrictRequest
  | OpenRequest
  | TranslateRequestText;

