import { iso, type ProjectedEvent } from '../case-event';
import type { Projection } from '../projection';
import { SearchDocumentRow, type SearchField } from './search-documents.entity';
import { cjkBigrams, INDEX_LANGUAGES, searchableTexts, type IndexLanguage, type SearchKind, type SearchTextRole } from './search-texts';

export const searchDocId = (kind: SearchKind, caseId: string): string => `${kind}:${caseId}`;

/** The search documents: each case's searchable texts (`searchableTexts`), kept by field. */
export const searchDocumentsProjection: Projection<SearchDocumentRow> = {
  name: 'search_documents',
  entity: SearchDocumentRow,
  keysOf: (e) => [...new Set(searchableTexts(e).map((t) => searchDocId(t.kind, t.caseId)))],
  creates: (e) => e.event.type === 'RequestSubmitted' || e.event.type === 'OfferRegistered' || e.event.type === 'EngagementProposed',
  apply: (row, e, key) => applyToSearchDocument(row, e, key),
};

export function applyToSearchDocument(row: SearchDocumentRow | undefined, e: ProjectedEvent, key: string): SearchDocumentRow | undefined {
  const mine = searchableTexts(e).filter((t) => searchDocId(t.kind, t.caseId) === key);
  if (mine.length === 0) return row;
  const first = mine[0]!;
  const texts: Record<string, SearchField> = { ...(row?.texts ?? {}) };
  // By field and language: a text in another language (a translation) joins the field's others,
  // one in the same language replaces the earlier one.
  for (const t of mine) texts[t.field] = { role: t.role, text: t.replaces ? { ...t.text } : { ...(texts[t.field]?.text ?? {}), ...t.text } };
  return {
    docId: key,
    kind: first.kind,
    caseId: first.caseId,
    requestId: row?.requestId ?? first.requestId,
    texts,
    titles: indexed(texts, 'title'),
    bodies: indexed(texts, 'body'),
    updatedAt: iso((e.event.data as { at: string }).at),
    position: e.globalPosition,
  };
}

/** The texts of one role, joined per language, in field order; Chinese as bigrams. */
function indexed(texts: Record<string, SearchField>, role: SearchTextRole): Partial<Record<IndexLanguage, string>> {
  const out: Partial<Record<IndexLanguage, string>> = {};
  for (const field of Object.keys(texts).sort()) {
    const f = texts[field]!;
    if (f.role !== role) continue;
    for (const language of INDEX_LANGUAGES) {
      const text = f.text[language];
      if (!text) continue;
      const value = language === 'zh' ? cjkBigrams(text) : text;
      out[language] = out[language] ? `${out[language]}\n${value}` : value;
    }
  }
  return out;
}
