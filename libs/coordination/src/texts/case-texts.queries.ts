import type { LanguageCode } from '@ta/codelists';
import type { Sql } from '../sql';
import type { StoredText } from '../read-models/case-texts/case-texts.entity';
import { firstLanguage, textViews, type TextView } from './text-view';

interface TextsRow {
  readonly owner_id: string;
  readonly languages: string[];
  readonly texts: Record<string, StoredText>;
}

/**
 * The texts of a request, an offer or an engagement, in the reader's language. The caller
 * has already decided that the reader may see the case (the detail queries' visibility):
 * these only look the texts up.
 */
export class CaseTextQueries {
  constructor(private readonly sql: Sql) {}

  private async rows(ids: readonly string[]): Promise<Map<string, TextsRow>> {
    const rows = (await this.sql(`SELECT owner_id, languages, texts FROM coordination.case_texts WHERE owner_id = ANY($1::text[])`, [ids])) as unknown as TextsRow[];
    return new Map(rows.map((r) => [r.owner_id, r]));
  }

  /** A request's texts; plain ones are in its first preferred language. */
  async request(requestId: string, reader: LanguageCode | null): Promise<Record<string, TextView>> {
    const row = (await this.rows([requestId])).get(requestId);
    const language = firstLanguage(row?.languages);
    return textViews(row?.texts, reader, { plain: () => language, preference: row?.languages ?? [] });
  }

  /** An offer's texts; plain ones are in its first language. */
  async offer(offerId: string, reader: LanguageCode | null): Promise<Record<string, TextView>> {
    const row = (await this.rows([offerId])).get(offerId);
    const language = firstLanguage(row?.languages);
    return textViews(row?.texts, reader, { plain: () => language, preference: row?.languages ?? [] });
  }

  /**
   * An engagement's texts and its milestones': plain ones written by the provider are in the
   * offer's first language, the others (the State's, the Secretariat's) in the request's.
   */
  async engagement(engagementId: string, requestId: string, offerId: string, reader: LanguageCode | null): Promise<Record<string, TextView>> {
    const rows = await this.rows([engagementId, requestId, offerId]);
    const requestLanguage = firstLanguage(rows.get(requestId)?.languages);
    const offerLanguage = firstLanguage(rows.get(offerId)?.languages);
    return textViews(rows.get(engagementId)?.texts, reader, {
      plain: (author) => (author === 'provider' ? (offerLanguage ?? requestLanguage) : (requestLanguage ?? offerLanguage)),
      preference: rows.get(requestId)?.languages ?? [],
    });
  }
}
