import { ValidationError, type ErrorDetail } from '@ta/core';
import { LANGUAGE_CODES, isLanguageCode, type LanguageCode } from './languages';

/**
 * Free text tagged by UN language, e.g. `{ "en": "Asset declarations", "fr": "Déclarations de patrimoine" }`.
 * At least one entry; keys among ar en es fr ru zh; each text trimmed and non-empty.
 */
export type LocalizedText = { readonly [L in LanguageCode]?: string };

export interface LocalizedTextRules {
  /** Maximum length of each text, in Unicode code points, after trimming. */
  readonly maxLength: number;
}

/** The problems with `value` as a LocalizedText (empty when valid), each with its path. */
export function localizedTextProblems(value: unknown, path: string, rules: LocalizedTextRules): ErrorDetail[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, message: 'must be an object of texts keyed by language (ar, en, es, fr, ru, zh)' }];
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return [{ path, message: 'must have at least one language' }];
  return entries.flatMap(([language, text]): ErrorDetail[] => {
    const at = `${path}/${language}`;
    if (!isLanguageCode(language)) return [{ path: at, message: `language must be one of ${LANGUAGE_CODES.join(', ')}` }];
    if (typeof text !== 'string' || text.trim() === '') return [{ path: at, message: 'must be a non-empty text' }];
    const length = [...text.trim()].length;
    return length > rules.maxLength ? [{ path: at, message: `must be at most ${rules.maxLength} characters (is ${length})` }] : [];
  });
}

/**
 * Returns the text with each entry trimmed, or throws ValidationError `text.invalid`
 * whose details name each bad entry's path.
 */
export function assertLocalizedText(value: unknown, path: string, rules: LocalizedTextRules): LocalizedText {
  const details = localizedTextProblems(value, path, rules);
  if (details.length > 0) throw new ValidationError('text.invalid', 'Invalid localized text', details);
  const trimmed: Partial<Record<LanguageCode, string>> = {};
  for (const [language, text] of Object.entries(value as Record<string, string>)) trimmed[language as LanguageCode] = text.trim();
  return trimmed;
}
