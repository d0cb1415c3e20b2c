import type { DomainEvent } from '@ta/core';
import type { LanguageCode, LocalizedText } from '@ta/codelists';
import type { CapacityUnit } from '../offer/offer.commands';
import type { IsoDate, IsoTimestamp } from '../shared/time';
import type { DisputeOutcome, Party } from './engagement.commands';

/** Every engagement event carries the engagement, request and offer ids and `at`. */
interface EngagementRef {
  readonly engagementId: string;
  readonly requestId: string;
  readonly offerId: string;
  readonly at: IsoTimestamp;
}

interface MilestoneRef extends EngagementRef {
  readonly milestoneId: string;
}

export type EngagementProposed = DomainEvent<
  'EngagementProposed',
  EngagementRef & {
    readonly providerId: string;
    /** The implementing organisation when another than the provider (who funds); absent: the provider implements (and on engagements proposed before the directory). */
    readonly implementerId?: string;
    readonly country: string;
    readonly amount: number;
    readonly unit: CapacityUnit;
    readonly score: number;
    readonly reasons: readonly string[];
  }
>;

export type EngagementAccepted = DomainEvent<'EngagementAccepted', EngagementRef & { readonly party: Party }>;

/** Both parties accepted: the offer's capacity is to be committed next. */
export type EngagementAgreed = DomainEvent<'EngagementAgreed', EngagementRef & { readonly amount: number; readonly unit: CapacityUnit }>;

export type EngagementDeclined = DomainEvent<'EngagementDeclined', EngagementRef & { readonly party: Party; readonly reason: string }>;

export type EngagementActivated = DomainEvent<'EngagementActivated', EngagementRef>;

/** `previousStatus` tells whether capacity may have been committed (agreed) or was (active). */
export type EngagementCancelled = DomainEvent<
  'EngagementCancelled',
  EngagementRef & { readonly reason: string; readonly previousStatus: 'proposed' | 'agreed' | 'active' }
>;

export type MilestonePlanned = DomainEvent<'MilestonePlanned', MilestoneRef & { readonly title: LocalizedText; readonly dueDate: IsoDate }>;

/** `notes`: the provider's notes on what was done, when it wrote any (absent in events before notes existed). */
export type MilestoneReported = DomainEvent<'MilestoneReported', MilestoneRef & { readonly notes?: LocalizedText }>;

export type MilestoneConfirmed = DomainEvent<'MilestoneConfirmed', MilestoneRef>;

export type MilestoneDisputed = DomainEvent<'MilestoneDisputed', MilestoneRef & { readonly reason: string }>;

/** The provider answered the State's dispute (the milestone stays disputed until reported again, rescheduled or resolved). */
export type MilestoneDisputeAnswered = DomainEvent<'MilestoneDisputeAnswered', MilestoneRef & { readonly answer: string }>;

/**
 * The Secretariat resolved the dispute, with a reason: upheld, the milestone is due again on
 * `dueDate` (status rescheduled); dismissed, it is confirmed (`dueDate` null).
 */
export type MilestoneDisputeResolved = DomainEvent<
  'MilestoneDisputeResolved',
  MilestoneRef & { readonly outcome: DisputeOutcome; readonly reason: string; readonly previousDueDate: IsoDate; readonly dueDate: IsoDate | null }
>;

export type MilestoneRescheduled = DomainEvent<
  'MilestoneRescheduled',
  MilestoneRef & { readonly previousDueDate: IsoDate; readonly dueDate: IsoDate; readonly reason: string }
>;

export type EngagementCompleted = DomainEvent<'EngagementCompleted', EngagementRef>;

/** The requesting State acknowledged the completion: the engagement counts as delivered. */
export type CompletionAcknowledged = DomainEvent<'CompletionAcknowledged', EngagementRef>;
/** The requesting State contested the completion, with a reason: the engagement is active again. */
export type CompletionContested = DomainEvent<'CompletionContested', EngagementRef & { readonly reason: string }>;
/** A translation of one of the engagement's texts (`text`: its path, milestones' included) into `language`. */
export type EngagementTextTranslated = DomainEvent<
  'EngagementTextTranslated',
  EngagementRef & { readonly text: string; readonly language: LanguageCode; readonly translation: string }
>;

export type EngagementEvent =
  | EngagementProposed
  | EngagementAccepted
  | EngagementAgreed
  | EngagementDeclined
  | EngagementActivated
  | EngagementCancelled
  | MilestonePlanned
  | MilestoneReported
  | MilestoneConfirmed
  | MilestoneDisputed
  | MilestoneDisputeAnswered
  | MilestoneDisputeResolved
  | MilestoneRescheduled
  | EngagementCompleted
  | CompletionAcknowledged
  | CompletionContested
  | EngagementTextTranslated;

/** Schema version of each engagement event's `data`, stored with the event. */
export const engagementEventSchemaVersions = {
  EngagementProposed: 1,
  EngagementAccepted: 1,
  EngagementAgreed: 1,
  EngagementDeclined: 1,
  EngagementActivated: 1,
  EngagementCancelled: 1,
  MilestonePlanned: 1,
  /** v1 with an optional `notes` (absent in events written before it). */
  MilestoneReported: 1,
  MilestoneConfirmed: 1,
  MilestoneDisputed: 1,
  MilestoneDisputeAnswered: 1,
  MilestoneDisputeResolved: 1,
  MilestoneRescheduled: 1,
  EngagementCompleted: 1,
  CompletionAcknowledged: 1,
  CompletionContested: 1,
  EngagementTextTranslated: 1,
} as const satisfies Record<EngagementEvent['type'], number>;
