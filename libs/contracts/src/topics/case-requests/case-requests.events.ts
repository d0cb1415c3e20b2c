import type { IntegrationEvent } from '../../envelope';

/** Text by language code (ar, en, es, fr, ru, zh). */
export type Text = { readonly [language: string]: string };
export type CapacityUnitV1 = { readonly kind: 'money'; readonly currency: string } | { readonly kind: 'expert_days' };

interface RequestRef {
  readonly requestId: string;
  readonly at: string;
}
interface EngagementRef extends RequestRef {
  readonly engagementId: string;
  readonly offerId: string;
}
interface MilestoneRef extends EngagementRef {
  readonly milestoneId: string;
}

/**
 * Free text of a case (v2 of the types that carry some): null when the request is restricted
 * (`RequestSubmitted.restricted`, then the latest `RequestAccessChanged`), whatever event of the case carries it.
 */
export type Withheld<T> = T | null;

/**
 * `title`, `description`, `beneficiaryInstitution` and `findingRef` are null when the request
 * is restricted. The contact person is never published.
 */
export type RequestSubmittedV1 = IntegrationEvent<
  'RequestSubmitted',
  1,
  RequestRef & {
    readonly country: string;
    readonly restricted: boolean;
    readonly title: Text | null;
    readonly description: Text | null;
    readonly beneficiaryInstitution: string | null;
    readonly findingRef: { readonly reviewCycle: 1 | 2; readonly reference: string } | null;
    readonly suggestedArticles: readonly string[];
    readonly suggestedTaTypes: readonly string[];
    readonly preferredLanguages: readonly string[];
    readonly desiredWindow: { readonly from: string; readonly to: string } | null;
  }
>;
/**
 * A need source as published: one flat shape for the three kinds (fields a kind does not have
 * are null). Its free text (`need`, `reference`) is null when the request is restricted; the
 * codes stay, so counts by source are right.
 */
export interface PublishedNeedSourceV1 {
  readonly kind: 'self-assessment' | 'review-report' | 'cited-finding';
  readonly cycle: 1 | 2 | null;
  readonly chapter: string | null;
  readonly article: string | null;
  readonly paragraph: string | null;
  readonly round: string | null;
  readonly reportSymbol: string | null;
  readonly need: Withheld<string>;
  readonly reference: Withheld<string>;
}

/**
 * v2: `sources` (structured) instead of `findingRef`, and the State's own priority. Free text
 * null when the request is restricted. The contact person is never published.
 */
export type RequestSubmittedV2 = IntegrationEvent<
  'RequestSubmitted',
  2,
  RequestRef & {
    readonly country: string;
    readonly restricted: boolean;
    readonly statePriority: string | null;
    readonly title: Text | null;
    readonly description: Text | null;
    readonly beneficiaryInstitution: string | null;
    readonly sources: readonly PublishedNeedSourceV1[];
    readonly suggestedArticles: readonly string[];
    readonly suggestedTaTypes: readonly string[];
    readonly preferredLanguages: readonly string[];
    readonly desiredWindow: { readonly from: string; readonly to: string } | null;
  }
>;
/** The State restricted (`restricted: true`) or opened its request; the reason is null when the request is restricted from this event on. */
export type RequestAccessChangedV1 = IntegrationEvent<'RequestAccessChanged', 1, RequestRef & { readonly restricted: boolean; readonly reason: Withheld<string> }>;
/**
 * The State amended its request before it was matched. `changed` names the fields it changed;
 * the others are null. A changed `desiredWindow` may be null (removed). Free text (title,
 * description, beneficiary institution, the sources' need) is null when the request is restricted.
 */
export type RequestAmendedV1 = IntegrationEvent<
  'RequestAmended',
  1,
  RequestRef & {
    readonly changed: readonly RequestAmendedField[];
    readonly title: Withheld<Text>;
    readonly description: Withheld<Text>;
    readonly beneficiaryInstitution: Withheld<string>;
    readonly sources: readonly PublishedNeedSourceV1[] | null;
    readonly suggestedArticles: readonly string[] | null;
    readonly suggestedTaTypes: readonly string[] | null;
    readonly preferredLanguages: readonly string[] | null;
    readonly desiredWindow: { readonly from: string; readonly to: string } | null;
    readonly statePriority: string | null;
  }
>;
export const REQUEST_AMENDED_FIELDS = [
  'title',
  'description',
  'beneficiaryInstitution',
  'sources',
  'suggestedArticles',
  'suggestedTaTypes',
  'preferredLanguages',
  'desiredWindow',
  'statePriority',
] as const;
export type RequestAmendedField = (typeof REQUEST_AMENDED_FIELDS)[number];
export type RequestTriagedV1 = IntegrationEvent<
  'RequestTriaged',
  1,
  RequestRef & { readonly articles: readonly string[]; readonly taTypes: readonly string[]; readonly priority: string }
>;
export type RequestReturnedForClarificationV1 = IntegrationEvent<'RequestReturnedForClarification', 1, RequestRef & { readonly question: Text }>;
export type RequestReturnedForClarificationV2 = IntegrationEvent<'RequestReturnedForClarification', 2, RequestRef & { readonly question: Withheld<Text> }>;
export type RequestClarificationProvidedV1 = IntegrationEvent<'RequestClarificationProvided', 1, RequestRef & { readonly answer: Text }>;
export type RequestClarificationProvidedV2 = IntegrationEvent<'RequestClarificationProvided', 2, RequestRef & { readonly answer: Withheld<Text> }>;
export type RequestDeclinedV1 = IntegrationEvent<'RequestDeclined', 1, RequestRef & { readonly reason: string }>;
export type RequestDeclinedV2 = IntegrationEvent<'RequestDeclined', 2, RequestRef & { readonly reason: Withheld<string> }>;
export type RequestWithdrawnV1 = IntegrationEvent<'RequestWithdrawn', 1, RequestRef & { readonly reason: string }>;
export type RequestWithdrawnV2 = IntegrationEvent<'RequestWithdrawn', 2, RequestRef & { readonly reason: Withheld<string> }>;
export type RequestMatchedV1 = IntegrationEvent<'RequestMatched', 1, RequestRef & { readonly engagementId: string }>;
export type RequestDeliveryStartedV1 = IntegrationEvent<'RequestDeliveryStarted', 1, RequestRef & { readonly engagementId: string }>;
export type RequestDeliveredV1 = IntegrationEvent<'RequestDelivered', 1, RequestRef & { readonly engagementId: string }>;
export type RequestFollowUpRecordedV1 = IntegrationEvent<
  'RequestFollowUpRecorded',
  1,
  RequestRef & { readonly needMet: 'met' | 'partly_met' | 'not_met'; readonly comment: Text }
>;
export type RequestFollowUpRecordedV2 = IntegrationEvent<
  'RequestFollowUpRecorded',
  2,
  RequestRef & { readonly needMet: 'met' | 'partly_met' | 'not_met'; readonly comment: Withheld<Text> }
>;
export type RequestClosedV1 = IntegrationEvent<'RequestClosed', 1, RequestRef>;

interface EngagementProposedDataV1 extends EngagementRef {
  readonly providerId: string;
  readonly country: string;
  /** Money: minor units of the currency; in kind: expert-days. */
  readonly amount: number;
  readonly unit: CapacityUnitV1;
  readonly score: number;
  readonly reasons: readonly string[];
}
export type EngagementProposedV1 = IntegrationEvent<'EngagementProposed', 1, EngagementProposedDataV1>;
export type EngagementProposedV2 = IntegrationEvent<
  'EngagementProposed',
  2,
  Omit<EngagementProposedDataV1, 'reasons'> & {
    /** The Secretariat's explanation of the match (free text). */
    readonly reasons: Withheld<readonly string[]>;
  }
>;
export type EngagementAcceptedV1 = IntegrationEvent<'EngagementAccepted', 1, EngagementRef & { readonly party: 'state' | 'provider' }>;
export type EngagementAgreedV1 = IntegrationEvent<'EngagementAgreed', 1, EngagementRef & { readonly amount: number; readonly unit: CapacityUnitV1 }>;
export type EngagementDeclinedV1 = IntegrationEvent<'EngagementDeclined', 1, EngagementRef & { readonly party: 'state' | 'provider'; readonly reason: string }>;
export type EngagementDeclinedV2 = IntegrationEvent<'EngagementDeclined', 2, EngagementRef & { readonly party: 'state' | 'provider'; readonly reason: Withheld<string> }>;
export type EngagementActivatedV1 = IntegrationEvent<'EngagementActivated', 1, EngagementRef>;
export type EngagementCancelledV1 = IntegrationEvent<
  'EngagementCancelled',
  1,
  EngagementRef & { readonly reason: string; readonly previousStatus: 'proposed' | 'agreed' | 'active' }
>;
/** `reason`: for a restricted request, null unless it is one of the platform's own cancellation codes (`PLATFORM_CANCELLATION_REASONS`). */
export type EngagementCancelledV2 = IntegrationEvent<
  'EngagementCancelled',
  2,
  EngagementRef & { readonly reason: Withheld<string>; readonly previousStatus: 'proposed' | 'agreed' | 'active' }
>;
export type EngagementCompletedV1 = IntegrationEvent<'EngagementCompleted', 1, EngagementRef>;
export type CompletionAcknowledgedV1 = IntegrationEvent<'CompletionAcknowledged', 1, EngagementRef>;
export type CompletionContestedV1 = IntegrationEvent<'CompletionContested', 1, EngagementRef & { readonly reason: Withheld<string> }>;
export type MilestonePlannedV1 = IntegrationEvent<'MilestonePlanned', 1, MilestoneRef & { readonly title: Text; readonly dueDate: string }>;
export type MilestonePlannedV2 = IntegrationEvent<'MilestonePlanned', 2, MilestoneRef & { readonly title: Withheld<Text>; readonly dueDate: string }>;
export type MilestoneReportedV1 = IntegrationEvent<'MilestoneReported', 1, MilestoneRef>;
/** v2: the provider's notes on what was done; null when it wrote none or the request is restricted. */
export type MilestoneReportedV2 = IntegrationEvent<'MilestoneReported', 2, MilestoneRef & { readonly notes: Withheld<Text> }>;
export type MilestoneConfirmedV1 = IntegrationEvent<'MilestoneConfirmed', 1, MilestoneRef>;
export type MilestoneDisputedV1 = IntegrationEvent<'MilestoneDisputed', 1, MilestoneRef & { readonly reason: string }>;
export type MilestoneDisputedV2 = IntegrationEvent<'MilestoneDisputed', 2, MilestoneRef & { readonly reason: Withheld<string> }>;
/** The provider answered the State's dispute of the milestone. */
export type MilestoneDisputeAnsweredV1 = IntegrationEvent<'MilestoneDisputeAnswered', 1, MilestoneRef & { readonly answer: Withheld<string> }>;
/** The Secretariat resolved the dispute: upheld (due again on `dueDate`) or dismissed (confirmed, `dueDate` null). */
export type MilestoneDisputeResolvedV1 = IntegrationEvent<
  'MilestoneDisputeResolved',
  1,
  MilestoneRef & { readonly outcome: 'upheld' | 'dismissed'; readonly reason: Withheld<string>; readonly previousDueDate: string; readonly dueDate: string | null }
>;
export type MilestoneRescheduledV1 = IntegrationEvent<
  'MilestoneRescheduled',
  1,
  MilestoneRef & { readonly previousDueDate: string; readonly dueDate: string; readonly reason: string }
>;
export type MilestoneRescheduledV2 = IntegrationEvent<
  'MilestoneRescheduled',
  2,
  MilestoneRef & { readonly previousDueDate: string; readonly dueDate: string; readonly reason: Withheld<string> }
>;

/** Every message value on the case-requests topic (the versions published now and those in the topic's history). */
export type CaseRequestsEvent =
  | RequestSubmittedV1
  | RequestSubmittedV2
  | RequestAccessChangedV1
  | RequestAmendedV1
  | RequestTriagedV1
  | RequestReturnedForClarificationV1
  | RequestReturnedForClarificationV2
  | RequestClarificationProvidedV1
  | RequestClarificationProvidedV2
  | RequestDeclinedV1
  | RequestDeclinedV2
  | RequestWithdrawnV1
  | RequestWithdrawnV2
  | RequestMatchedV1
  | RequestDeliveryStartedV1
  | RequestDeliveredV1
  | RequestFollowUpRecordedV1
  | RequestFollowUpRecordedV2
  | RequestClosedV1
  | EngagementProposedV1
  | EngagementProposedV2
  | EngagementAcceptedV1
  | EngagementAgreedV1
  | EngagementDeclinedV1
  | EngagementDeclinedV2
  | EngagementActivatedV1
  | EngagementCancelledV1
  | EngagementCancelledV2
  | EngagementCompletedV1
  | CompletionAcknowledgedV1
  | CompletionContestedV1
  | MilestonePlannedV1
  | MilestonePlannedV2
  | MilestoneReportedV1
  | MilestoneReportedV2
  | MilestoneDisputeAnsweredV1
  | MilestoneDisputeResolvedV1
  | MilestoneConfirmedV1
  | MilestoneDisputedV1
  | MilestoneDisputedV2
  | MilestoneRescheduledV1
  | MilestoneRescheduledV2;
