import type { LocalizedText } from '@ta/codelists';
import type { OfferState } from '../offer/offer.state';
import type { RequestStatus } from '../request/request.state';
import type { IsoDate, IsoTimestamp } from '../shared/time';

/** The two parties that must both accept an engagement. */
export type Party = 'state' | 'provider';

/** What the application layer reads from the request stream before proposing. */
export interface RequestSnapshot {
  readonly status: RequestStatus;
  readonly country: string;
}

/**
 * By the Secretariat: proposes matching a request with an offer. The application layer
 * loads and passes the request's status and country and the offer's folded state; the
 * decider checks them at `at` (snapshots can be stale: the offer re-checks capacity when
 * it is committed, and the withdrawal process cancels proposals on a withdrawn request).
 */
export interface ProposeEngagement {
  readonly type: 'ProposeEngagement';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly requestId: string;
  readonly offerId: string;
  /** To commit from the offer, in its unit (minor units of its currency, or expert-days). */
  readonly amount: number;
  /** The matching score and its explanation. */
  readonly score: number;
  readonly reasons: readonly string[];
  /**
   * The organisation that implements, when another than the offer's provider (who funds): IATI
   * organisation roles 1 (funding) and 4 (implementing). A verified organisation of the directory
   * (checked by the application); absent: the provider implements.
   */
  readonly implementerId?: string;
  readonly request: RequestSnapshot;
  readonly offer: OfferState;
}

/** By the State's focal point or by the provider, in either order. */
export interface AcceptEngagement {
  readonly type: 'AcceptEngagement';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly party: Party;
}

export interface DeclineEngagement {
  readonly type: 'DeclineEngagement';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly party: Party;
  readonly reason: string;
}

/** By the engagement-flow process manager once the offer's capacity is committed. */
export interface ActivateEngagement {
  readonly type: 'ActivateEngagement';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
}

export interface CancelEngagement {
  readonly type: 'CancelEngagement';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the provider. */
export interface PlanMilestone {
  readonly type: 'PlanMilestone';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
  readonly title: LocalizedText;
  readonly dueDate: IsoDate;
}

/** By the provider, with notes on what was done if it likes (a case text, in the languages it wrote them in). */
export interface ReportMilestoneDone {
  readonly type: 'ReportMilestoneDone';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
  readonly notes?: LocalizedText;
}

/** By the State. */
export interface ConfirmMilestone {
  readonly type: 'ConfirmMilestone';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
}

/** By the State. */
export interface DisputeMilestone {
  readonly type: 'DisputeMilestone';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
  readonly reason: string;
}

/** By the provider: its answer to the State's dispute of a milestone, once per dispute. */
export interface AnswerMilestoneDispute {
  readonly type: 'AnswerMilestoneDispute';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
  readonly answer: string;
}

/**
 * `upheld`: the State was right, the milestone is not done; it is due again on `dueDate`.
 * `dismissed`: the provider's report stands; the milestone is confirmed.
 */
export type DisputeOutcome = 'upheld' | 'dismissed';

/** By the Secretariat: resolves a disputed milestone, with a reason. */
export interface ResolveMilestoneDispute {
  readonly type: 'ResolveMilestoneDispute';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
  readonly outcome: DisputeOutcome;
  readonly reason: string;
  /** Required when upheld (the new due date), absent when dismissed. */
  readonly dueDate?: IsoDate;
}

export interface RescheduleMilestone {
  readonly type: 'RescheduleMilestone';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly milestoneId: string;
  readonly dueDate: IsoDate;
  readonly reason: string;
}

export interface CompleteEngagement {
  readonly type: 'CompleteEngagement';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
}

/**
 * By the requesting State, after the provider completed the engagement: the delivery is
 * acknowledged, and only then counts as delivered (the request is marked delivered).
 */
export interface AcknowledgeCompletion {
  readonly type: 'AcknowledgeCompletion';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
}

/**
 * By the requesting State, after the provider completed the engagement: the State does not
 * agree that it is complete, with a reason. The engagement is active again, so that the
 * provider can plan, report and complete again.
 */
export interface ContestCompletion {
  readonly type: 'ContestCompletion';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/**
 * A translation of one of the engagement's texts (its milestones' included): by the
 * Secretariat, or by the party that wrote the text (the State or the provider).
 */
export interface TranslateEngagementText {
  readonly type: 'TranslateEngagementText';
  readonly engagementId: string;
  readonly at: IsoTimestamp;
  /** The text's path, e.g. `declineReason` or `milestones/<milestoneId>/title`. */
  readonly text: string;
  readonly language: string;
  readonly translation: string;
}

export type EngagementCommand =
  | ProposeEngagement
  | AcceptEngagement
  | DeclineEngagement
  | ActivateEngagement
  | CancelEngagement
  | PlanMilestone
  | ReportMilestoneDone
  | ConfirmMilestone
  | DisputeMilestone
  | AnswerMilestoneDispute
  | ResolveMilestoneDispute
  | RescheduleMilestone
  | CompleteEngagement
  | AcknowledgeCompletion
  | ContestCompletion
  | TranslateEngagementText;
