/**
 * The six official UN languages (ISO 639-1). Kept as a literal list for the type; the
 * `languages` codelist holds the same codes as data (a spec checks they agree).
 */
export const LANGUAGE_CODES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && (LANGUAGE_CODES as readonly string[]).includes(value);
}
