import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NeedSource } from '@ta/case';
import type { LocalizedText } from '@ta/codelists';

/**
 * One TA request as the coordinated view shows it (list and detail). No personal data: the
 * request's `contactPerson` stays in the event store and is not copied here.
 * Timestamps are ISO strings, dates `YYYY-MM-DD` (see TableCodec).
 */
/** A need source as the read model keeps it: with its chapter. */
export type ProjectedNeedSource = NeedSource & { readonly chapter: string | null };

@Entity({ schema: 'coordination', name: 'requests' })
export class RequestRow {
  @PrimaryColumn({ name: 'request_id', type: 'text' }) requestId!: string;
  @Column({ type: 'text' }) country!: string;
  @Column({ type: 'jsonb' }) title!: LocalizedText;
  @Column({ name: 'beneficiary_institution', type: 'text' }) beneficiaryInstitution!: string;
  /** Lower-case, single-spaced institution name: what overlaps compare. */
  @Column({ name: 'institution_key', type: 'text' }) institutionKey!: string;
  /** The State's suggestion until triage, then the Secretariat's classification. */
  @Column({ type: 'text', array: true }) articles!: string[];
  @Column({ name: 'ta_types', type: 'text', array: true }) taTypes!: string[];
  @Column({ type: 'boolean' }) classified!: boolean;
  /** The Secretariat's triage priority (null until triage). */
  @Column({ type: 'text', nullable: true }) priority!: string | null;
  /** The State's own priority, given on submission (null for requests submitted before it was asked). */
  @Column({ name: 'state_priority', type: 'text', nullable: true }) statePriority!: string | null;
  @Column({ type: 'text' }) status!: string;
  /** As the State chose on submission, then as its latest `RequestAccessChanged` says. */
  @Column({ type: 'boolean' }) restricted!: boolean;
  @Column({ name: 'preferred_languages', type: 'text', array: true }) preferredLanguages!: string[];
  @Column({ name: 'desired_from', type: 'date', nullable: true }) desiredFrom!: string | null;
  @Column({ name: 'desired_to', type: 'date', nullable: true }) desiredTo!: string | null;
  /**
   * Where the need was identified (self-assessment, review report, or an old unstructured
   * citation), each with the UNCAC chapter its need falls under (`chapter`: a self-assessment's
   * from its article; null for a cited finding), so that one filter finds both kinds.
   */
  @Column({ type: 'jsonb' }) sources!: ProjectedNeedSource[];
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: string;
  @Column({ name: 'submitted_by', type: 'text' }) submittedBy!: string;
  /** When it was (last) opened for offers by triage. */
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: string | null;
  @Column({ name: 'matched_at', type: 'timestamptz', nullable: true }) matchedAt!: string | null;
  @Column({ name: 'delivery_started_at', type: 'timestamptz', nullable: true }) deliveryStartedAt!: string | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: string | null;
  /** Closed, withdrawn or declined. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: string | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason!: string | null;
  @Column({ name: 'need_met', type: 'text', nullable: true }) needMet!: string | null;
  @Column({ name: 'status_since', type: 'timestamptz' }) statusSince!: string;
  /** Engagements whose activation matched the request. */
  @Column({ name: 'engagement_ids', type: 'text', array: true }) engagementIds!: string[];
  /** Engagements proposed and not (yet) declined or cancelled. */
  @Column({ name: 'live_engagements', type: 'integer' }) liveEngagements!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: string;
  /** Global position of the last event applied. */
  @Column({ type: 'bigint' }) position!: number;
  /** The request stream's version after the last of its own events applied (null: projected before versions were kept; a rebuild fills it). */
  @Column({ type: 'integer', nullable: true }) version!: number | null;
}
