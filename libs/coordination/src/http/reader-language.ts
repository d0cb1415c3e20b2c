import type { Request } from 'express';
import { isLanguageCode, LANGUAGE_CODES, type LanguageCode } from '@ta/codelists';

/**
 * The language a reader wants a case's texts in: the `lang` query parameter, else the best
 * match of its `Accept-Language` among the six UN languages (negotiated by express's
 * `acceptsLanguages`, i.e. the `negotiator` package: `fr-CA` is French, q-values count), else
 * none (each text in its original).
 */
export function readerLanguage(lang: string | undefined, req: Request): LanguageCode | null {
  if (lang !== undefined) return isLanguageCode(lang) ? lang : null;
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return null;
  const best = req.acceptsLanguages(...LANGUAGE_CODES);
  // A wildcard (`*`) alone would pick the first of the six: only a language the reader named counts.
  const named = header.split(',').map((range) => range.split(';')[0]!.trim().toLowerCase().split('-')[0]);
  return isLanguageCode(best) && named.includes(best) ? best : null;
}
