import type { DomainEvent } from '@ta/core';
import type { LocalizedText } from '@ta/codelists';

/**
 * Assistance a provider reports in its own IATI file as delivered or under way (docs/iati.md,
 * "Reported activities"). Not a platform engagement: no State asked for it on the platform and
 * nobody accepted it here; it is what the provider says it did, kept apart so that it can be
 * compared with the coordinated record.
 */
export interface ReportedActivityFields {
  /** IATI ActivityStatus code (2.03): 1 pipeline ... 6 suspended. */
  readonly activityStatus: string;
  /** ISO 3166-1 alpha-2, at least one. */
  readonly recipientCountries: readonly string[];
  readonly title: LocalizedText;
  readonly articles: readonly string[];
  /** DAC 5-digit sectors of the activity that concern preventing corruption. */
  readonly sectors: readonly string[];
  /** ISO 4217; null when the activity gives no money. */
  readonly currency: string | null;
  /** Sum of the outgoing commitments (transaction type 2), in minor units; null when none. */
  readonly commitment: number | null;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
}

export interface ReportedDisbursement {
  /** Stable within the activity: the transaction's `@ref`, else its date, amount and rank among equal ones. */
  readonly key: string;
  readonly date: string;
  /** Minor units of `currency` (negative: a reimbursement). */
  readonly amount: number;
  readonly currency: string;
}

export type ReportedActivityRecorded = DomainEvent<
  'ReportedActivityRecorded',
  ReportedActivityFields & {
    readonly activityId: string;
    readonly at: string;
    readonly providerId: string;
    readonly iatiIdentifier: string;
  }
>;

/** Only the fields that changed, with their new values. */
export type ReportedActivityUpdated = DomainEvent<'ReportedActivityUpdated', Partial<ReportedActivityFields> & { readonly activityId: string; readonly at: string }>;

export type ReportedDisbursementRecorded = DomainEvent<'ReportedDisbursementRecorded', ReportedDisbursement & { readonly activityId: string; readonly at: string }>;

export type ReportedActivityEvent = ReportedActivityRecorded | ReportedActivityUpdated | ReportedDisbursementRecorded;

export const reportedActivityEventSchemaVersions = {
  ReportedActivityRecorded: 1,
  ReportedActivityUpdated: 1,
  ReportedDisbursementRecorded: 1,
} as const satisfies Record<ReportedActivityEvent['type'], number>;

export const REPORTED_ACTIVITY_STREAM_PREFIX = 'iati-activity-';
export const reportedActivityStreamId = (activityId: string): string => `${REPORTED_ACTIVITY_STREAM_PREFIX}${activityId}`;
