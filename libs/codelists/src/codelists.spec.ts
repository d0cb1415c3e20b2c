import { ValidationError } from '@ta/core';
import { assertKnownCodes, codelists, isCountryInRegion, LANGUAGE_CODES } from '@ta/codelists';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('codelists', () => {
  it('every list is versioned data with a source and unique codes', () => {
    for (const name of codelists.names()) {
      expect(codelists.version(name)).toMatch(/^(\d{4}-\d{2}-\d{2}|\d+\.\d+(\.\d+)?)$/);
      expect(codelists.source(name).length).toBeGreaterThan(10);
      const codes = codelists.list(name).map((item) => item.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const item of codelists.list(name)) expect(item.name.en.trim()).not.toBe('');
    }
  });

  it('has all 249 ISO 3166-1 alpha-2 countries', () => {
    const countries = codelists.list('countries');
    expect(countries).toHaveLength(249);
    for (const c of countries) expect(c.code).toMatch(/^[A-Z]{2}$/);
    expect(codelists.has('countries', 'KE')).toBe(true);
    expect(codelists.has('countries', 'XK')).toBe(false);
    expect(codelists.get('countries', 'KE')?.name.en).toBe('Kenya');
  });

  it('has the 71 UNCAC articles in 8 chapters, chapter II being articles 5 to 14', () => {
    const articles = codelists.list('uncac-articles');
    expect(articles).toHaveLength(71);
    expect(articles.map((a) => a.code)).toEqual(Array.from({ length: 71 }, (_, i) => `art-${i + 1}`));
    expect(articles.filter((a) => a.chapter === 2).map((a) => a.number)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(codelists.get('uncac-articles', 'art-9')?.shortName?.en).toBe('Procurement and public finance');
    expect(codelists.get('uncac-articles', 'art-14')?.shortName?.en).toBe('Money-laundering prevention');
    for (const chapter of codelists.list('uncac-chapters')) {
      const inChapter = articles.filter((a) => a.chapter === chapter.number).map((a) => a.number);
      expect([inChapter[0], inChapter[inChapter.length - 1]]).toEqual([chapter.articles.from, chapter.articles.to]);
    }
  });

  it('has the review cycles of the Mechanism with the chapters each reviews: III and IV, then II and V', () => {
    const cycles = codelists.list('review-cycles');
    expect(cycles.map((c) => [c.number, c.chapters.map((ch) => codelists.get('uncac-chapters', ch)?.roman)])).toEqual([
      [1, ['III', 'IV']],
      [2, ['II', 'V']],
    ]);
  });

  it('has the TA types of both review cycles', () => {
    const types = codelists.list('ta-types');
    expect(types.filter((t) => t.cycle === 1)).toHaveLength(9);
    expect(types.filter((t) => t.cycle === 2)).toHaveLength(7);
    expect(codelists.get('ta-types', 'c1-legislative-drafting')?.name.en).toBe('Legislative drafting');
    expect(codelists.get('ta-types', 'c2-institution-building')?.cycle).toBe(2);
  });

  it("names every M49 region in the six languages: English as M49, the others CLDR's, and says so", () => {
    for (const r of codelists.list('regions')) for (const l of ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const) expect(r.name[l]?.trim()).toBeTruthy();
    expect(codelists.get('regions', '014')?.name).toEqual({ ar: 'شرق أفريقيا', en: 'Eastern Africa', es: 'África oriental', fr: 'Afrique orientale', ru: 'Восточная Африка', zh: '东非' });
    // CLDR's wording, not M49's: Latin America (CLDR) for Latin America and the Caribbean (M49).
    expect(codelists.get('regions', '419')?.name).toMatchObject({ en: 'Latin America and the Caribbean', fr: 'Amérique latine', es: 'Latinoamérica' });
    expect(codelists.source('regions')).toContain('CLDR');
    expect(codelists.version('regions')).toBe('2.0.0');
  });

  it('has UN M49 regions whose members are known countries', () => {
    expect(codelists.get('regions', '001')?.countries).toHaveLength(249);
    expect(isCountryInRegion('KE', '014')).toBe(true); // Eastern Africa
    expect(isCountryInRegion('KE', '202')).toBe(true); // Sub-Saharan Africa
    expect(isCountryInRegion('KE', '150')).toBe(false); // Europe
    expect(isCountryInRegion('KE', 'nope')).toBe(false);
    for (const region of codelists.list('regions')) {
      expect(region.countries.length).toBeGreaterThan(0);
      for (const country of region.countries) expect(codelists.has('countries', country)).toBe(true);
      if (region.parent) expect(codelists.has('regions', region.parent)).toBe(true);
    }
  });

  it('has active ISO 4217 currencies with their minor unit, without funds, metals or test codes', () => {
    expect(codelists.list('currencies').length).toBeGreaterThan(150);
    expect(codelists.get('currencies', 'USD')?.minorUnit).toBe(2);
    expect(codelists.get('currencies', 'JPY')?.minorUnit).toBe(0);
    expect(codelists.get('currencies', 'KWD')?.minorUnit).toBe(3);
    for (const code of ['XAU', 'XTS', 'XXX', 'USN', 'XDR']) expect(codelists.has('currencies', code)).toBe(false);
  });

  it('has the six UN languages, the same as LANGUAGE_CODES, Arabic right-to-left', () => {
    expect(codelists.list('languages').map((l) => l.code)).toEqual([...LANGUAGE_CODES]);
    expect(codelists.get('languages', 'ar')?.direction).toBe('rtl');
  });

  it('has priorities and the IATI 2.03 lists named in the product', () => {
    expect(codelists.list('priorities').map((p) => p.code)).toEqual(['high', 'medium', 'low']);
    expect(codelists.list('iati-activity-status').map((s) => s.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const code of ['2', '3', '4', '11', '12', '13']) expect(codelists.has('iati-transaction-type', code)).toBe(true);
    expect(codelists.list('iati-organisation-role').map((r) => r.name.en)).toEqual(['Funding', 'Accountable', 'Extending', 'Implementing']);
    expect(codelists.list('iati-organisation-type').map((t) => t.code)).toEqual(['10', '11', '15', '21', '22', '23', '24', '30', '40', '60', '70', '71', '72', '73', '80', '90']);
  });

  describe('assertKnownCodes', () => {
    it('accepts known codes', () => {
      expect(() => assertKnownCodes('uncac-articles', ['art-5', 'art-9'], '/articles')).not.toThrow();
      expect(() => assertKnownCodes('countries', 'KE', '/country')).not.toThrow();
    });

    it('rejects unknown codes with codelist.unknown_code, naming each bad code and its path', () => {
      const error = thrownBy(() => assertKnownCodes('uncac-articles', ['art-5', 'art-99', 5], '/articles'));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe('codelist.unknown_code');
      expect((error as ValidationError).details).toEqual([
        { path: '/articles/1', message: '"art-99" is not a known uncac-articles code' },
        { path: '/articles/2', message: '5 is not a known uncac-articles code' },
      ]);
    });

    it('reports a single bad code at the given path', () => {
      const error = thrownBy(() => assertKnownCodes('countries', 'ke', '/country'));
      expect((error as ValidationError).code).toBe('codelist.unknown_code');
      expect((error as ValidationError).details).toEqual([{ path: '/country', message: '"ke" is not a known countries code' }]);
    });
  });
});
