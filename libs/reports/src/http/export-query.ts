import { LANGUAGE_CODES, type LanguageCode } from '@ta/codelists';
import { param, type QueryTable } from '@ta/platform/http';
import type { Request } from 'express';
import { readerLanguage } from '@ta/coordination/http';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What every export adds to its view's query: the format and the labels' language. */
export const EXPORT_PARAMETERS = {
  format: param.enum(EXPORT_FORMATS, { default: 'csv', description: 'csv: RFC 4180, UTF-8 with a byte order mark; xlsx: typed columns, dates as dates, money as numbers with their currency, header row frozen' }),
  lang: param.enum(LANGUAGE_CODES, { description: "The column labels' language (ar en es fr ru zh); without it, the best match of Accept-Language, else English" }),
};

/** A view's query table for its export: the same filters and sort, no page (`limit`, `cursor`): every row. */
export function exportQuery<T extends QueryTable>(table: T): Omit<T, 'limit' | 'cursor'> & typeof EXPORT_PARAMETERS {
  const { limit: _limit, cursor: _cursor, ...rest } = table as T & { limit?: unknown; cursor?: unknown };
  return { ...(rest as Omit<T, 'limit' | 'cursor'>), ...EXPORT_PARAMETERS };
}

export function labelsLanguage(lang: string | undefined, req: Request): LanguageCode {
  return readerLanguage(lang, req) ?? 'en';
}
