import { IllegalStateError, ValidationError } from '@ta/core';
import { assertLocalizedText, isLanguageCode, LANGUAGE_CODES, type LanguageCode, type LocalizedText } from '@ta/codelists';

/**
 * The free texts a party wrote on a case, each named by a path within its aggregate's stream
 * (the one naming used by the translation commands, the events and the read model):
 *
 * - request: `title`, `description`, `beneficiaryInstitution`, `clarifications/<n>/question`,
 *   `clarifications/<n>/answer` (n from 1, one per return for clarification), `declineReason`,
 *   `withdrawalReason`, `followUpComment`;
 * - offer: `title`, `description`, `withdrawalReason`;
 * - engagement: `reasons/<i>` (the Secretariat's match reasons, i from 0), `declineReason`,
 *   `cancellationReason` (not for the platform's own cancellation codes),
 *   `milestones/<milestoneId>/title`, `milestones/<milestoneId>/disputes/<n>/reason`,
 *   `milestones/<milestoneId>/reschedules/<n>/reason`, `milestones/<milestoneId>/reports/<n>/notes`
 *   (n: the report's notes in order), `milestones/<milestoneId>/disputes/<n>/answer` (the
 *   provider's) and `.../disputes/<n>/resolution` (the Secretariat's reason), n the dispute's.
 * - request, amended (`RequestAmended`): `title`, `description`, `beneficiaryInstitution`
 *   written anew, their translations dropped (they were of the old words).
 *
 * The original of a text is what its author wrote: a `LocalizedText` keeps each language the
 * author wrote it in (all of them are originals); a plain string (reasons, the beneficiary
 * institution) has no language of its own and is read in the case's language (see the read
 * model). A translation into another UN language is an event of the same stream.
 */

/** Whose words a text is: decides who, beside the Secretariat, may translate it. */
export type TextAuthor = 'state' | 'provider' | 'secretariat';

/** A text as an event writes it. */
export type WrittenText =
  | { readonly path: string; readonly author: TextAuthor; readonly kind: 'localized'; readonly original: LocalizedText }
  | { readonly path: string; readonly author: TextAuthor; readonly kind: 'plain'; readonly original: string };

/** What a decider keeps of each text: who wrote it and in which languages (none: a plain text). */
export interface TextFacts {
  readonly author: TextAuthor;
  readonly languages: readonly LanguageCode[];
}

export type CaseTexts = Readonly<Record<string, TextFacts>>;

/** The cancellation reasons the platform itself gives (codes, not anyone's words; also published as codes). */
export const PLATFORM_CANCELLATION_CODES: readonly string[] = ['request_withdrawn', 'request_declined', 'insufficient_capacity', 'offer_withdrawn', 'offer_expired'];

export const TRANSLATION_MAX_LENGTH = 5000;

/**
 * The translation events, one per aggregate. Not published on Kafka (yet): the topics carry
 * the originals; translations are read on the platform (libs/contracts leaves them out).
 */
export const TEXT_TRANSLATION_EVENTS = ['RequestTextTranslated', 'OfferTextTranslated', 'EngagementTextTranslated'] as const;
export type TextTranslationEventType = (typeof TEXT_TRANSLATION_EVENTS)[number];

/** The languages of a LocalizedText, in the UN order (ar en es fr ru zh). */
export function languagesOf(text: LocalizedText): LanguageCode[] {
  return LANGUAGE_CODES.filter((l) => typeof text[l] === 'string');
}

/** The texts after `written`, as deciders keep them. */
export function withTexts(texts: CaseTexts, written: readonly WrittenText[]): CaseTexts {
  if (written.length === 0) return texts;
  const next: Record<string, TextFacts> = { ...texts };
  for (const w of written) next[w.path] = { author: w.author, languages: w.kind === 'localized' ? languagesOf(w.original) : [] };
  return next;
}

/** The number of paths that match `prefix<n>suffix`: the next text of that kind is number count + 1. */
export function countNumbered(existing: Readonly<Record<string, unknown>>, prefix: string, suffix: string): number {
  let n = 0;
  for (const path of Object.keys(existing)) if (path.startsWith(prefix) && path.endsWith(suffix) && /^\d+$/.test(path.slice(prefix.length, path.length - suffix.length))) n++;
  return n;
}

export const writtenLocalized = (path: string, author: TextAuthor, original: LocalizedText): WrittenText => ({ path, author, kind: 'localized', original });
export const writtenPlain = (path: string, author: TextAuthor, original: string): WrittenText => ({ path, author, kind: 'plain', original });

/** A translation as the translating commands carry it. */
export interface TranslationInput {
  readonly text: string;
  readonly language: string;
  readonly translation: string;
}

/**
 * Checks a translation against the texts of the stream: the text exists (400
 * `text.unknown`), the language is a UN language, the translation is a non-empty text within
 * the limit (`text.invalid`), and the language is not one the author wrote the text in (409
 * `text.original_language`: the original is not replaced by a translation).
 */
export function assertTranslation(texts: CaseTexts, input: TranslationInput): { text: string; language: LanguageCode; translation: string } {
  const facts = typeof input.text === 'string' && Object.hasOwn(texts, input.text) ? texts[input.text] : undefined;
  if (!facts) throw new ValidationError('text.unknown', `No text ${String(input.text)} on this case`, [{ path: '/text', message: 'names no text of this case' }]);
  if (!isLanguageCode(input.language)) {
    throw new ValidationError('text.invalid', 'Invalid translation', [{ path: '/language', message: `must be one of ${LANGUAGE_CODES.join(', ')}` }]);
  }
  const language = input.language;
  if (facts.languages.includes(language)) {
    throw new IllegalStateError('text.original_language', `The author wrote ${input.text} in ${language}: the original is kept, not translated`, { text: input.text, language });
  }
  const translation = assertLocalizedText({ [language]: input.translation }, '', { maxLength: TRANSLATION_MAX_LENGTH })[language]!;
  return { text: input.text, language, translation };
}
