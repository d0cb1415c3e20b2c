import { codelists, isLanguageCode, LANGUAGE_CODES, type LanguageCode } from '@ta/codelists';
import type { TextAuthor } from '@ta/case';
import type { StoredText } from '../read-models/case-texts/case-texts.entity';

/**
 * A text as an answer gives it, the one shape for every text of every route: the reader's
 * language when the text exists in it (written so, or translated), otherwise the original;
 * `lang` and `dir` for the web app's `lang` and `dir` attributes; `original` false for a
 * translation; `languages`, every language the text can be read in; `author`, whose words they
 * are (the side that may translate them besides the Secretariat).
 */
export interface TextView {
  readonly text: string;
  /** Null only for a plain text of a case whose language is unknown. */
  readonly lang: LanguageCode | null;
  readonly dir: 'ltr' | 'rtl' | 'auto';
  readonly original: boolean;
  readonly languages: readonly LanguageCode[];
  readonly author: TextAuthor;
}

const RTL: ReadonlySet<string> = new Set(
  codelists
    .list('languages')
    .filter((l) => (l as { direction?: string }).direction === 'rtl')
    .map((l) => l.code),
);

export const directionOf = (lang: LanguageCode | null): TextView['dir'] => (lang === null ? 'auto' : RTL.has(lang) ? 'rtl' : 'ltr');

/** The case's languages a text is read in: `plain(author)` for texts without a language of their own, `preference` to pick among several originals. */
export interface CaseLanguages {
  readonly plain: (author: TextAuthor) => LanguageCode | null;
  readonly preference: readonly string[];
}

/** The first UN language of a list (the case's preferred one), or null. */
export function firstLanguage(languages: readonly string[] | undefined): LanguageCode | null {
  return languages?.find(isLanguageCode) ?? null;
}

export function textView(stored: StoredText, reader: LanguageCode | null, caseLanguages: CaseLanguages): TextView {
  const originals: Array<[LanguageCode | null, string]> = stored.original
    ? LANGUAGE_CODES.filter((l) => typeof stored.original![l] === 'string').map((l) => [l, stored.original![l]!])
    : [[caseLanguages.plain(stored.author), stored.plain ?? '']];
  const rank = (l: LanguageCode | null) => {
    const i = l === null ? -1 : caseLanguages.preference.indexOf(l);
    return i < 0 ? caseLanguages.preference.length + (l === null ? 0 : LANGUAGE_CODES.indexOf(l)) : i;
  };
  originals.sort((a, b) => rank(a[0]) - rank(b[0]));
  const translated = LANGUAGE_CODES.filter((l) => stored.translations[l] !== undefined && !originals.some(([o]) => o === l));
  const languages = LANGUAGE_CODES.filter((l) => originals.some(([o]) => o === l) || translated.includes(l));
  const view = (lang: LanguageCode | null, text: string, original: boolean): TextView => ({ text, lang, dir: directionOf(lang), original, languages, author: stored.author });
  if (reader) {
    const own = originals.find(([l]) => l === reader);
    if (own) return view(reader, own[1], true);
    const translation = stored.translations[reader];
    if (translation && translated.includes(reader)) return view(reader, translation.text, false);
  }
  const [lang, text] = originals[0]!;
  return view(lang, text, true);
}

/** Every text of a row, by path, for a reader. */
export function textViews(texts: Readonly<Record<string, StoredText>> | undefined, reader: LanguageCode | null, caseLanguages: CaseLanguages): Record<string, TextView> {
  const out: Record<string, TextView> = {};
  for (const [path, stored] of Object.entries(texts ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[path] = textView(stored, reader, caseLanguages);
  return out;
}
