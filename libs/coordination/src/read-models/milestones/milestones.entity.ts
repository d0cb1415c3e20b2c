import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '@ta/codelists';

/**
 * A milestone of an engagement's delivery plan. "Overdue" is not stored: it depends on the
 * time of the question, so queries derive it from `due_date` and an "as at" date.
 */
@Entity({ schema: 'coordination', name: 'milestones' })
export class MilestoneRow {
  /** `<engagementId>/<milestoneId>`. */
  @PrimaryColumn({ name: 'milestone_key', type: 'text' }) milestoneKey!: string;
  @Column({ name: 'engagement_id', type: 'text' }) engagementId!: string;
  @Column({ name: 'milestone_id', type: 'text' }) milestoneId!: string;
  @Column({ name: 'request_id', type: 'text' }) requestId!: string;
  @Column({ name: 'offer_id', type: 'text' }) offerId!: string;
  @Column({ type: 'jsonb' }) title!: LocalizedText;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'original_due_date', type: 'date' }) originalDueDate!: string;
  /** scheduled, reported, confirmed, disputed, rescheduled. */
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'planned_at', type: 'timestamptz' }) plannedAt!: string;
  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true }) reportedAt!: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt!: string | null;
  @Column({ name: 'disputed_at', type: 'timestamptz', nullable: true }) disputedAt!: string | null;
  @Column({ name: 'dispute_reason', type: 'text', nullable: true }) disputeReason!: string | null;
  @Column({ name: 'reschedule_count', type: 'integer' }) rescheduleCount!: number;
  @Column({ name: 'reschedule_reason', type: 'text', nullable: true }) rescheduleReason!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: string;
  @Column({ type: 'bigint' }) position!: number;
  /** The engagement stream's version after this milestone's last event (null: projected before versions were kept). */
  @Column({ type: 'integer', nullable: true }) version!: number | null;
}
