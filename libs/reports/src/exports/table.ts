import { codelists, type LanguageCode } from '@ta/codelists';
import { label, type LabelKey } from '../texts/labels';

/**
 * What a cell holds, so that each format writes it as what it is:
 * - `text`: a string; `integer`, `number`: numbers; `boolean`;
 * - `timestamp`: an ISO 8601 instant; `day`: a calendar day `YYYY-MM-DD`;
 * - `money`: an amount in integer minor units of `currency` (ISO 4217), or expert-days when
 *   the currency is null: written in major units (a number) with its currency.
 */
export type CellType = 'text' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'day' | 'money';

export interface Column<R> {
  readonly key: string;
  readonly label: LabelKey;
  readonly type: CellType;
  readonly value: (row: R, lang: LanguageCode) => unknown;
  /** `money`: the row's currency (null: expert-days). */
  readonly currency?: (row: R) => string | null;
}

/** A table of an export: its columns, and its rows as pages, read one page at a time. */
export interface ExportTable<R> {
  /** The file's base name (no extension). */
  readonly name: string;
  readonly columns: readonly Column<R>[];
  readonly rows: AsyncIterable<readonly R[]>;
}

export function column<R>(key: string, labelKey: LabelKey, type: CellType, value: (row: R, lang: LanguageCode) => unknown, currency?: (row: R) => string | null): Column<R> {
  return { key, label: labelKey, type, value, ...(currency ? { currency } : {}) };
}

export function headers<R>(columns: readonly Column<R>[], lang: LanguageCode): string[] {
  return columns.map((c) => label(c.label, lang));
}

/** Decimal places of a currency's minor unit (ISO 4217; expert-days: 0). */
export function minorUnit(currency: string | null): number {
  if (currency === null) return 0;
  return codelists.get('currencies', currency)?.minorUnit ?? 2;
}

/** An amount in minor units as the decimal text of its major units, exactly (no floating point). */
export function majorUnits(minor: number, currency: string | null): string {
  const digits = minorUnit(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** The pages of a paged list, following `nextCursor` until the last. */
export async function* allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncIterable<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const p = await page(cursor);
    if (p.items.length > 0) yield p.items;
    if (p.nextCursor === null) return;
    cursor = p.nextCursor;
  }
}

/** One page: a view that is not paged. */
export async function* onePage<T>(rows: () => Promise<T[]>): AsyncIterable<T[]> {
  yield await rows();
}
