import type { LanguageCode, LocalizedText } from '@ta/codelists';

/** An ISO 8601 timestamp (the command's time, from the application). */
export type IsoTimestamp = string;

/**
 * What a practice is (resolution 3/2): a good practice (para 5), a regulation model (para 7),
 * a methodology for assessing areas vulnerable to corruption (para 10), a training curriculum
 * (paras 16, 19) or a lesson learned from assistance delivered.
 */
export const PRACTICE_KINDS = ['good_practice', 'regulation_model', 'methodology', 'training_curriculum', 'lesson_learned'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

/** submitted -> under_review (by the Secretariat) -> published; withdrawn from any but withdrawn. */
export const PRACTICE_STATUSES = ['submitted', 'under_review', 'published', 'withdrawn'] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

/** Who contributed a practice: an organisation of the directory, a State, or both (an authority). */
export interface Contributor {
  /** Directory organisation id, or null (a State's focal point submits for its State). */
  readonly organisation: string | null;
  /** ISO 3166-1 alpha-2 of the contributing State, or null. */
  readonly country: string | null;
}

/** A file attached to a practice: its content lives in the document store under its SHA-256. */
export interface PracticeDocument {
  /** Lower-case hex SHA-256 of the content (its address in the document store). */
  readonly sha256: string;
  readonly fileName: string;
  /** Detected from the content, never taken from the name or the client. */
  readonly mediaType: string;
  readonly size: number;
  /** The language of the document's text, where the submitter gives it. */
  readonly language: LanguageCode | null;
}

export interface PracticeContent {
  readonly kind: PracticeKind;
  /** Title and summary in the language(s) it is written in (the same languages for both). */
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  /** UNCAC articles (`art-5`...), at least one. */
  readonly articles: readonly string[];
  /** Themes of resolution 3/2 (codelist `practice-themes`). */
  readonly themes: readonly string[];
  /** The countries it comes from (ISO 3166-1 alpha-2), possibly none (a regional or global practice). */
  readonly countries: readonly string[];
  /** Engagements it grew out of (a lesson learned names at least one). */
  readonly engagementIds: readonly string[];
}

export interface SubmitPractice extends PracticeContent {
  readonly type: 'SubmitPractice';
  readonly practiceId: string;
  readonly at: IsoTimestamp;
  readonly contributor: Contributor;
}

/** A title and summary in one more language (or a better one in a language present). */
export interface TranslatePractice {
  readonly type: 'TranslatePractice';
  readonly practiceId: string;
  readonly at: IsoTimestamp;
  readonly language: LanguageCode;
  readonly title: string;
  readonly summary: string;
}

export interface StartPracticeReview {
  readonly type: 'StartPracticeReview';
  readonly practiceId: string;
  readonly at: IsoTimestamp;
}

export interface PublishPractice {
  readonly type: 'PublishPractice';
  readonly practiceId: string;
  readonly at: IsoTimestamp;
}

export interface WithdrawPractice {
  readonly type: 'WithdrawPractice';
  readonly practiceId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

export interface AttachPracticeDocument {
  readonly type: 'AttachPracticeDocument';
  readonly practiceId: string;
  readonly at: IsoTimestamp;
  readonly document: PracticeDocument;
}

export type PracticeCommand = SubmitPractice | TranslatePractice | StartPracticeReview | PublishPractice | WithdrawPractice | AttachPracticeDocument;
