import type { SearchField } from '../read-models/search-documents/search-documents.entity';
import { INDEX_LANGUAGES, type IndexLanguage } from '../read-models/search-documents/search-texts';

export interface Snippet {
  /** The field it was cut from (`description`, `beneficiaryInstitution`, `milestone:<id>`...). */
  readonly field: string;
  /** The language of the text it was cut from (`und`: none declared). */
  readonly language: IndexLanguage;
  readonly text: string;
}

const WIDTH = 160;
const LEAD = 50;

/** Words of a query, lower case, without the web-search syntax (quotes, `-`, `or`). */
export function queryWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[\s"()]+/u)
    .map((w) => w.replace(/^[-+]+/, ''))
    .filter((w) => w.length > 0 && w !== 'or');
}

/**
 * A short passage of a document's own texts (not its title, shown apart) around the first word
 * of the query it contains (the word, or its first five letters: "procurement" also finds
 * "procured"; Chinese by substring), else the beginning of its description (or first text). Cut from the document only: a search
 * answers with snippets of the documents the reader may see, nothing else. Pure.
 */
export function snippetOf(texts: Readonly<Record<string, SearchField>>, q: string, prefer?: IndexLanguage): Snippet | null {
  const words = queryWords(q).map((w) => ([...w].length > 5 && !/\p{Script=Han}/u.test(w) ? [...w].slice(0, 5).join('') : w));
  const candidates: { field: string; language: IndexLanguage; text: string }[] = [];
  const fields = Object.keys(texts).sort((a, b) => order(texts[a]!) - order(texts[b]!) || a.localeCompare(b));
  const languages = prefer ? [prefer, ...INDEX_LANGUAGES.filter((l) => l !== prefer)] : INDEX_LANGUAGES;
  for (const language of languages) {
    for (const field of fields) {
      const text = texts[field]!.text[language];
      if (text) candidates.push({ field, language, text });
    }
  }
  // The title is shown on its own: a passage is cut from the other texts.
  for (const c of candidates.filter((x) => texts[x.field]!.role === 'body')) {
    const lower = c.text.toLowerCase();
    for (const w of words) {
      const at = lower.indexOf(w);
      if (at >= 0) return { field: c.field, language: c.language, text: cut(c.text, at) };
    }
  }
  const first = candidates.find((c) => texts[c.field]!.role === 'body') ?? candidates[0];
  return first ? { field: first.field, language: first.language, text: cut(first.text, 0) } : null;
}

/** Bodies before titles. */
const order = (f: SearchField): number => (f.role === 'body' ? 0 : 1);

function cut(text: string, at: number): string {
  const start = Math.max(0, at - LEAD);
  const chars = [...text.slice(start)];
  const body = chars.slice(0, WIDTH).join('').replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${chars.length > WIDTH ? '…' : ''}`;
}
