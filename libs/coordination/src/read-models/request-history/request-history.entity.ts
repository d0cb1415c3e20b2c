import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A request's history timeline: one row per event of the request or of an engagement for it:
 * who (actor id), in which role, when (occurredAt) and why (reason). Free texts that could hold
 * personal data (contact person) are not copied.
 */
@Entity({ schema: 'coordination', name: 'request_history' })
export class RequestHistoryRow {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'request_id', type: 'text' }) requestId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ name: 'actor_role', type: 'text' }) actorRole!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** A few facts of the event worth showing (status reached, engagement, party, due date...). */
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ name: 'commit_order', type: 'bigint' }) commitOrder!: string;
  @Column({ name: 'global_position', type: 'bigint' }) globalPosition!: number;
}
