import type { Writable } from 'node:stream';
import { stream as excelStream, type Worksheet } from 'exceljs';
import type { LanguageCode } from '@ta/codelists';
import { headers, minorUnit, type Column, type ExportTable } from './table';

const DAY_FORMAT = 'yyyy-mm-dd';

/** Until `out` drains, or closes (a reader gone away must not leave the export waiting). */
function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      if (e) reject(e);
      else if (out.destroyed) reject(new Error('the reader went away'));
      else resolve();
    };
    out.once('drain', done);
    out.once('close', done);
    out.once('error', done);
  });
}
const TIMESTAMP_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** A money cell's number format: the currency's decimals, then its ISO 4217 code (`#,##0.00 "EUR"`). */
export function moneyFormat(currency: string | null): string {
  const digits = minorUnit(currency);
  const number = digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
  return currency === null ? number : `${number} "${currency}"`;
}

/** A cell's value as exceljs writes it typed: numbers, booleans, dates as dates (UTC). */
export function xlsxValue<R>(c: Column<R>, row: R, lang: LanguageCode): string | number | boolean | Date | null {
  const v = c.value(row, lang);
  if (v === null || v === undefined) return null;
  switch (c.type) {
    case 'money': {
      const digits = minorUnit(c.currency ? c.currency(row) : null);
      return Number(v) / 10 ** digits;
    }
    case 'integer':
    case 'number':
      return Number(v);
    case 'boolean':
      return Boolean(v);
    case 'timestamp':
      return v instanceof Date ? v : new Date(String(v));
    case 'day':
      return new Date(`${String(v)}T00:00:00Z`);
    case 'text':
      return Array.isArray(v) ? v.join(' ') : String(v);
  }
}

function addSheet<R>(sheet: Worksheet, table: ExportTable<R>, lang: LanguageCode): void {
  sheet.columns = table.columns.map((c, i) => ({
    header: headers(table.columns, lang)[i]!,
    key: c.key,
    width: c.type === 'timestamp' ? 20 : c.type === 'day' ? 12 : c.type === 'text' ? 24 : 14,
    ...(c.type === 'timestamp' ? { style: { numFmt: TIMESTAMP_FORMAT } } : c.type === 'day' ? { style: { numFmt: DAY_FORMAT } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
}

/**
 * The table as an XLSX workbook, streamed (exceljs's streaming writer: each row is committed,
 * that is written out, at once; no shared strings table): typed columns, dates as dates, money
 * as numbers formatted with their currency, the header row frozen, labels in `lang` (Arabic:
 * the sheet right to left). Waits for `out` to drain between pages, so that a slow reader does
 * not make the process hold the rows.
 */
export async function writeXlsx<R>(table: ExportTable<R>, lang: LanguageCode, out: Writable, onRows?: (n: number) => void): Promise<number> {
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: lang === 'ar' }] });
  addSheet(sheet, table, lang);
  let n = 0;
  for await (const page of table.rows) {
    for (const row of page) {
      const r = sheet.addRow(table.columns.map((c) => xlsxValue(c, row, lang)));
      table.columns.forEach((c, i) => {
        if (c.type === 'money') r.getCell(i + 1).numFmt = moneyFormat(c.currency ? c.currency(row) : null);
      });
      r.commit();
    }
    n += page.length;
    onRows?.(n);
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
  return n;
}

/** Several tables as the sheets of one workbook (a report), streamed the same way. */
export async function writeXlsxSheets(tables: readonly ExportTable<unknown>[], lang: LanguageCode, out: Writable): Promise<void> {
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: lang === 'ar' }] });
    addSheet(sheet, table, lang);
    for await (const page of table.rows) {
      for (const row of page) {
        const r = sheet.addRow(table.columns.map((c) => xlsxValue(c, row, lang)));
        table.columns.forEach((c, i) => {
          if (c.type === 'money') r.getCell(i + 1).numFmt = moneyFormat(c.currency ? c.currency(row) : null);
        });
        r.commit();
      }
      await drained(out);
    }
    sheet.commit();
  }
  await workbook.commit();
}
