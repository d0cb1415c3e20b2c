import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An engagement (a request matched with an offer) and where it stands. */
@Entity({ schema: 'coordination', name: 'engagements' })
export class EngagementRow {
  @PrimaryColumn({ name: 'engagement_id', type: 'text' }) engagementId!: string;
  @Column({ name: 'request_id', type: 'text' }) requestId!: string;
  @Column({ name: 'offer_id', type: 'text' }) offerId!: string;
  @Column({ name: 'provider_id', type: 'text' }) providerId!: string;
  /** The implementing organisation when another than the provider (who funds); null: the provider implements. */
  @Column({ name: 'implementer_id', type: 'text', nullable: true }) implementerId!: string | null;
  @Column({ type: 'text' }) country!: string;
  /** In the offer's unit: minor units of `currency`, or expert-days. */
  @Column({ type: 'bigint' }) amount!: number;
  @Column({ name: 'unit_kind', type: 'text' }) unitKind!: 'money' | 'expert_days';
  @Column({ type: 'text', nullable: true }) currency!: string | null;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ type: 'text', array: true }) reasons!: string[];
  /** proposed, agreed, active, completed (awaiting the State's acknowledgement), acknowledged, declined, cancelled. */
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'accepted_by', type: 'text', array: true }) acceptedBy!: string[];
  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt!: string;
  @Column({ name: 'agreed_at', type: 'timestamptz', nullable: true }) agreedAt!: string | null;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt!: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: string | null;
  /** When the State acknowledged the completion (status acknowledged). */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: string | null;
  /** The State's last contest of a completion, and its reason (the engagement was then active again). */
  @Column({ name: 'contested_at', type: 'timestamptz', nullable: true }) contestedAt!: string | null;
  @Column({ name: 'contest_reason', type: 'text', nullable: true }) contestReason!: string | null;
  /** Declined or cancelled. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: string | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason!: string | null;
  @Column({ name: 'status_since', type: 'timestamptz' }) statusSince!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: string;
  @Column({ type: 'bigint' }) position!: number;
  /** The engagement stream's version after the last engagement event applied; milestone events are counted by their own rows (null: projected before versions were kept). */
  @Column({ type: 'integer', nullable: true }) version!: number | null;
}
