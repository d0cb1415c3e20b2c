import { formatAmount, parseAmount } from '../../apps/web/src/lib/amounts';

/** Amounts typed as people write them in each UI language reach the API as its decimal strings. */
describe('amounts as people write them', () => {
  it.each([
    ['en', '450,000', '450000'],
    ['en', '450,000.50', '450000.50'],
    ['en', '1250.50', '1250.50'],
    ['fr', '450 000', '450000'],
    ['fr', '450\u202f000,50', '450000.50'],
    ['fr', '1250,5', '1250.5'],
    ['es', '450.000', '450000'],
    ['es', '450.000,75', '450000.75'],
    ['ru', '450 000,50', '450000.50'],
    ['zh', '450,000.5', '450000.5'],
    ['ar', '450,000.50', '450000.50'],
    ['es', '1250.50', '1250.50'],
    ['fr', '1250.50', '1250.50'],
  ])('%s: "%s" is %s', (lang, typed, decimal) => {
    expect(parseAmount(typed, lang)).toBe(decimal);
  });

  it('leaves what is not a number in that language as typed, for the API to refuse', () => {
    expect(parseAmount('12,5', 'en')).toBe('12,5');
    expect(parseAmount('1,2,3', 'en')).toBe('1,2,3');
    expect(parseAmount('45,0000', 'en')).toBe('45,0000');
    expect(parseAmount('ten', 'fr')).toBe('ten');
    expect(parseAmount(' 1.5.5 ', 'en')).toBe('1.5.5');
    expect(parseAmount('١٢٥٠٫٥', 'ar')).toBe('1250.5');
    expect(parseAmount('٤٥٠٬٠٠٠', 'ar')).toBe('450000');
  });

  it('writes a pre-filled amount the way the language does, and reads it back', () => {
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) expect(parseAmount(formatAmount('50000.00', lang, 2), lang)).toBe('50000.00');
    expect(formatAmount('50000.00', 'en', 2)).toBe('50,000.00');
  });
});
