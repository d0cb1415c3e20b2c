import type { SealedPersonalData } from '../personal-data/personal-data-reads';
import type { DomainEvent } from '@ta/core';
import type { LanguageCode, LocalizedText } from '@ta/codelists';
import type { DateWindow, IsoTimestamp } from '../shared/time';
import type { ContactPerson, NeedMet } from './request.commands';
import type { NeedSource } from './request.sources';

export type RequestSubmitted = DomainEvent<
  'RequestSubmitted',
  {
    readonly requestId: string;
    readonly at: IsoTimestamp;
    readonly country: string;
    readonly title: LocalizedText;
    readonly description: LocalizedText;
    readonly suggestedArticles: readonly string[];
    readonly suggestedTaTypes: readonly string[];
    readonly beneficiaryInstitution: string;
    readonly preferredLanguages: readonly string[];
    readonly desiredWindow: DateWindow | null;
    /** Where the need was identified (v1 had `findingRef` instead: see request.upcast.ts). */
    readonly sources: readonly NeedSource[];
    /** The State's initial choice; `RequestAccessChanged` changes it later. */
    readonly restricted: boolean;
    /** The State's own priority (priorities codelist); null in requests submitted before it was asked (v1). */
    readonly statePriority: string | null;
    /**
     * Personal data: strip when mapping to integration events. The decider decides it in clear;
     * it is stored sealed with its subject's key (`SealedPersonalData`, docs/audit.md "Erasure"),
     * or in clear in events stored before sealing existed.
     */
    readonly contactPerson: ContactPerson | SealedPersonalData | null;
  }
>;

/** The fields a RequestAmended may carry: each present only when the State changed it. */
export interface RequestAmendment {
  readonly title?: LocalizedText;
  readonly description?: LocalizedText;
  readonly suggestedArticles?: readonly string[];
  readonly suggestedTaTypes?: readonly string[];
  readonly beneficiaryInstitution?: string;
  readonly preferredLanguages?: readonly string[];
  /** null: the desired window was removed. */
  readonly desiredWindow?: DateWindow | null;
  readonly sources?: readonly NeedSource[];
  readonly statePriority?: string;
}

/** The State amended its request before it was matched: only the fields it changed. */
export type RequestAmended = DomainEvent<'RequestAmended', { readonly requestId: string; readonly at: IsoTimestamp } & RequestAmendment>;

export type RequestTriaged = DomainEvent<
  'RequestTriaged',
  {
    readonly requestId: string;
    readonly at: IsoTimestamp;
    readonly articles: readonly string[];
    readonly taTypes: readonly string[];
    readonly priority: string;
  }
>;

export type RequestReturnedForClarification = DomainEvent<
  'RequestReturnedForClarification',
  { readonly requestId: string; readonly at: IsoTimestamp; readonly question: LocalizedText }
>;

export type RequestClarificationProvided = DomainEvent<
  'RequestClarificationProvided',
  { readonly requestId: string; readonly at: IsoTimestamp; readonly answer: LocalizedText }
>;

export type RequestDeclined = DomainEvent<'RequestDeclined', { readonly requestId: string; readonly at: IsoTimestamp; readonly reason: string }>;

export type RequestWithdrawn = DomainEvent<'RequestWithdrawn', { readonly requestId: string; readonly at: IsoTimestamp; readonly reason: string }>;

export type RequestMatched = DomainEvent<'RequestMatched', { readonly requestId: string; readonly at: IsoTimestamp; readonly engagementId: string }>;

export type RequestDeliveryStarted = DomainEvent<
  'RequestDeliveryStarted',
  { readonly requestId: string; readonly at: IsoTimestamp; readonly engagementId: string }
>;

export type RequestDelivered = DomainEvent<'RequestDelivered', { readonly requestId: string; readonly at: IsoTimestamp; readonly engagementId: string }>;

export type RequestFollowUpRecorded = DomainEvent<
  'RequestFollowUpRecorded',
  { readonly requestId: string; readonly at: IsoTimestamp; readonly needMet: NeedMet; readonly comment: LocalizedText }
>;

/**
 * The State restricted or opened its request (consent to publication changed). Who did it is
 * in the event's metadata (`actorId`, `actorRole`), why in `reason`.
 */
export type RequestAccessChanged = DomainEvent<
  'RequestAccessChanged',
  { readonly requestId: string; readonly at: IsoTimestamp; readonly restricted: boolean; readonly reason: string }
>;

export type RequestClosed = DomainEvent<'RequestClosed', { readonly requestId: string; readonly at: IsoTimestamp }>;

/** A translation of one of the request's texts (`text`: its path, see case-texts.ts) into `language`. */
export type RequestTextTranslated = DomainEvent<
  'RequestTextTranslated',
  { readonly requestId: string; readonly at: IsoTimestamp; readonly text: string; readonly language: LanguageCode; readonly translation: string }
>;

export type RequestEvent =
  | RequestSubmitted
  | RequestAmended
  | RequestTriaged
  | RequestReturnedForClarification
  | RequestClarificationProvided
  | RequestDeclined
  | RequestWithdrawn
  | RequestMatched
  | RequestDeliveryStarted
  | RequestDelivered
  | RequestFollowUpRecorded
  | RequestClosed
  | RequestAccessChanged
  | RequestTextTranslated;

/** Schema version of each request event's `data`, stored with the event. */
export const requestEventSchemaVersions = {
  /** v2: `sources` and `statePriority` (v1: `findingRef`; upcast on read, request.upcast.ts). */
  RequestSubmitted: 2,
  RequestAmended: 1,
  RequestTriaged: 1,
  RequestReturnedForClarification: 1,
  RequestClarificationProvided: 1,
  RequestDeclined: 1,
  RequestWithdrawn: 1,
  RequestMatched: 1,
  RequestDeliveryStarted: 1,
  RequestDelivered: 1,
  RequestFollowUpRecorded: 1,
  RequestClosed: 1,
  RequestAccessChanged: 1,
  RequestTextTranslated: 1,
} as const satisfies Record<RequestEvent['type'], number>;
