import { PassThrough } from 'node:stream';
import { csvField, writeCsv } from './csv-writer';
import { column, majorUnits, onePage } from './table';
import { moneyFormat } from './xlsx-writer';
import { canonicalJson } from '../reports/report-data';

describe('CSV fields (RFC 4180, formulas neutralised)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+44 20', "'+44 20"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['كينيا', 'كينيا'],
  ])('%j is written %j', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('leaves a negative number a number', () => {
    expect(csvField('-12.50', true)).toBe('-12.50');
  });
});

describe('money in major units, exactly', () => {
  it.each([
    [250_000_000, 'USD', '2500000.00'],
    [5, 'EUR', '0.05'],
    [-1234, 'EUR', '-12.34'],
    [1500, 'JPY', '1500'],
    [12345, 'KWD', '12.345'],
    [40, null, '40'],
  ])('%d minor units of %s are %s', (minor, currency, text) => {
    expect(majorUnits(minor, currency)).toBe(text);
  });

  it('formats an XLSX money cell with the currency and its decimals', () => {
    expect(moneyFormat('EUR')).toBe('#,##0.00 "EUR"');
    expect(moneyFormat('JPY')).toBe('#,##0 "JPY"');
    expect(moneyFormat('KWD')).toBe('#,##0.000 "KWD"');
    expect(moneyFormat(null)).toBe('#,##0');
  });
});

describe('a CSV file', () => {
  it('starts with the byte order mark, ends every line with CRLF, labels in the language', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const rows = [{ id: 'r1', amount: 150, currency: 'EUR', at: '2025-01-02T03:04:05.000Z' }];
    const n = await writeCsv(
      {
        name: 't',
        columns: [column('id', 'col.request', 'text', (r: (typeof rows)[number]) => r.id), column('amount', 'col.amount', 'money', (r: (typeof rows)[number]) => r.amount, (r) => r.currency), column('at', 'col.submitted', 'timestamp', (r: (typeof rows)[number]) => r.at)],
        rows: onePage(async () => rows),
      },
      'zh',
      out,
    );
    expect(n).toBe(1);
    expect(text).toBe('\uFEFF请求,金额,提交日期\r\nr1,1.50,2025-01-02T03:04:05.000Z\r\n');
  });
});

describe('canonical JSON', () => {
  it('is one text for equal data, whatever the order of the keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonicalJson({ a: [{ c: null, d: 2 }], b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});
