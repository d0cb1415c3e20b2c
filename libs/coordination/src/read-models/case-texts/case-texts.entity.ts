import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LanguageCode, LocalizedText } from '@ta/codelists';
import type { TextAuthor } from '@ta/case';

/** A translation of a text: into the key's language, when, by whom (an account id, as in the history). */
export interface StoredTranslation {
  readonly text: string;
  readonly at: string;
  readonly by: string;
}

/**
 * One text as its author wrote it, and its translations. `original` is a `LocalizedText` (each
 * language the author wrote is an original) or, for the texts the events keep as plain
 * strings (reasons, the beneficiary institution), `plain` with no language of its own: it is
 * read in the case's language (`caseTextLanguage`).
 */
export interface StoredText {
  readonly author: TextAuthor;
  readonly original: LocalizedText | null;
  readonly plain: string | null;
  readonly writtenAt: string;
  readonly translations: { readonly [L in LanguageCode]?: StoredTranslation };
}

/**
 * The free texts of one request, offer or engagement (its milestones' included), keyed by
 * their path in that stream (libs/case `case-texts.ts`), with their translations. Who may read
 * them follows the request (`request_id`; offers have none and are public), as for every row
 * of the coordinated view. No personal data: the contact person is not a text here.
 */
@Entity({ schema: 'coordination', name: 'case_texts' })
export class CaseTextsRow {
  /** The request's, offer's or engagement's id. */
  @PrimaryColumn({ name: 'owner_id', type: 'text' }) ownerId!: string;
  @Column({ name: 'owner_kind', type: 'text' }) ownerKind!: 'request' | 'offer' | 'engagement';
  /** The request, for a request or an engagement; null for an offer. */
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  /** The offer, for an offer or an engagement; null for a request. */
  @Column({ name: 'offer_id', type: 'text', nullable: true }) offerId!: string | null;
  /** The case's languages, first the one plain texts are read in: the request's preferred languages, the offer's languages; none for an engagement (its request's and offer's apply). */
  @Column({ type: 'text', array: true }) languages!: string[];
  @Column({ type: 'jsonb' }) texts!: Record<string, StoredText>;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: string;
  /** Global position of the last event applied. */
  @Column({ type: 'bigint' }) position!: number;
}
