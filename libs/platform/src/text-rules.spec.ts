import { isPlainText, isSingleLineText, isStorableText, quotable } from './text-rules';

describe('storable text', () => {
  it.each([['plain'], ['Ünïcödé'], ['emoji \ud83d\ude00 pair'], ['العربية'], ['中文'], ['']])('%j is storable', (s) => {
    expect(isStorableText(s)).toBe(true);
  });

  it.each([['a\u0000b'], ['\ud800'], ['a\udc00'], ['\udc00\ud800'], ['\ud83d\ud83d\ude00x\ud800']])('%j is not (NUL or a lone surrogate)', (s) => {
    expect(isStorableText(s)).toBe(false);
  });

  it('quotes unstorable text with U+FFFD', () => {
    expect(quotable('a\u0000b\ud800c\ud83d\ude00')).toBe('a\ufffdb\ufffdc\ud83d\ude00');
  });
});

describe('plain and single-line text', () => {
  const rows: Array<[string, string, boolean, boolean]> = [
    ['a sentence', 'The commission, art. 8 — para 5', true, true],
    ['a line feed', 'a\nb', true, false],
    ['a tab', 'a\tb', true, false],
    ['a carriage return', 'a\rb', false, false],
    ['BEL', 'a\u0007b', false, false],
    ['DEL', 'a\u007fb', false, false],
    ['a C1 control (NEL)', 'a\u0085b', false, false],
    ['the line separator', 'a\u2028b', true, false],
    ['the paragraph separator', 'a\u2029b', true, false],
    ['a right-to-left override', 'a\u202eb', false, false],
    ['a left-to-right override', 'a\u202db', false, false],
    ['right-to-left marks and isolates', 'نظام \u2068GIZ\u2069\u200f', true, true],
    ['a right-to-left embedding', '\u202bعربي\u202c', true, true],
    ['NUL', 'a\u0000', false, false],
  ];

  it.each(rows)('%s: plain %s, single-line %s', (_label, s, plain, single) => {
    expect([isPlainText(s), isSingleLineText(s)]).toEqual([plain, single]);
  });
});
