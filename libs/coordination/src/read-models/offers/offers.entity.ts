import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '@ta/codelists';

/**
 * An offer (a pledge) with its remaining capacity. Amounts are in the offer's unit: integer
 * minor units of `currency` for money, whole expert-days in kind (`capacityKind`).
 */
@Entity({ schema: 'coordination', name: 'offers' })
export class OfferRow {
  @PrimaryColumn({ name: 'offer_id', type: 'text' }) offerId!: string;
  @Column({ name: 'provider_id', type: 'text' }) providerId!: string;
  @Column({ name: 'provider_kind', type: 'text' }) providerKind!: string;
  /** A national authority's State (peer assistance between States), from the directory; null for other providers. */
  @Column({ name: 'provider_country', type: 'text', nullable: true }) providerCountry!: string | null;
  @Column({ name: 'ta_types', type: 'text', array: true }) taTypes!: string[];
  @Column({ type: 'text', array: true }) articles!: string[];
  @Column({ name: 'eligible_countries', type: 'text', array: true }) eligibleCountries!: string[];
  @Column({ name: 'eligible_regions', type: 'text', array: true }) eligibleRegions!: string[];
  @Column({ type: 'text', array: true }) languages!: string[];
  @Column({ type: 'text' }) modality!: string;
  @Column({ name: 'capacity_kind', type: 'text' }) capacityKind!: 'money' | 'expert_days';
  @Column({ type: 'text', nullable: true }) currency!: string | null;
  @Column({ type: 'bigint' }) capacity!: number;
  @Column({ type: 'bigint' }) committed!: number;
  @Column({ type: 'bigint' }) remaining!: number;
  @Column({ name: 'available_from', type: 'date' }) availableFrom!: string;
  @Column({ name: 'available_to', type: 'date' }) availableTo!: string;
  @Column({ type: 'jsonb' }) title!: LocalizedText;
  /** open, withdrawn or expired. "Fully committed" is `remaining = 0`. */
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt!: string;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: string | null;
  @Column({ name: 'end_reason', type: 'text', nullable: true }) endReason!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: string;
  @Column({ type: 'bigint' }) position!: number;
  /** The offer stream's version after the last event applied (null: projected before versions were kept; a rebuild fills it). */
  @Column({ type: 'integer', nullable: true }) version!: number | null;
}
