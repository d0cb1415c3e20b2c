import type { Writable } from 'node:stream';
import type { LanguageCode } from '@ta/codelists';
import { headers, majorUnits, type Column, type ExportTable } from './table';

/** The UTF-8 byte order mark: spreadsheet programs then read Arabic and Chinese as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
 * doubled; a text starting with = + - @ (or a tab or carriage return) is prefixed with an
 * apostrophe so that a spreadsheet does not run it as a formula, as the directory's CSV does.
 * Numbers are written as they are (a negative amount stays a number).
 */
export function csvField(value: string, isNumber = false): string {
  const safe = !isNumber && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvCell<R>(c: Column<R>, row: R, lang: LanguageCode): string {
  const v = c.value(row, lang);
  if (v === null || v === undefined) return '';
  switch (c.type) {
    case 'money':
      return csvField(majorUnits(Number(v), c.currency ? c.currency(row) : null), true);
    case 'integer':
    case 'number':
      return csvField(String(v), true);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'timestamp':
      return csvField(v instanceof Date ? v.toISOString() : String(v));
    case 'day':
    case 'text':
      return csvField(Array.isArray(v) ? v.join(' ') : String(v));
  }
}

/** Writes, waiting for the stream to drain when its buffer is full (backpressure); fails once the reader has gone away. */
export function writer(out: Writable): (chunk: string) => Promise<void> {
  return (chunk) => {
    if (out.destroyed) return Promise.reject(new Error('the reader went away'));
    if (out.write(chunk)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (e?: Error) => {
        out.off('drain', done);
        out.off('error', done);
        out.off('close', done);
        if (e) reject(e);
        else if (out.destroyed) reject(new Error('the reader went away'));
        else resolve();
      };
      out.once('drain', done);
      out.once('error', done);
      out.once('close', done);
    });
  };
}

/**
 * The table as CSV (RFC 4180: CRLF line ends; UTF-8 with a byte order mark), written page by
 * page: only one page of rows is in memory at a time. `onRows`: progress, rows written so far.
 */
export async function writeCsv<R>(table: ExportTable<R>, lang: LanguageCode, out: Writable, onRows?: (n: number) => void): Promise<number> {
  const write = writer(out);
  await write(`${UTF8_BOM}${headers(table.columns, lang).map((h) => csvField(h)).join(',')}\r\n`);
  let n = 0;
  for await (const page of table.rows) {
    let chunk = '';
    for (const row of page) chunk += `${table.columns.map((c) => csvCell(c, row, lang)).join(',')}\r\n`;
    n += page.length;
    await write(chunk);
    onRows?.(n);
  }
  return n;
}
