import { cjkBigrams, cjkTsquery } from './search-texts';
import { snippetOf } from '../../query/search-snippet';
import { publicViewEnabled } from '@ta/platform';

describe('Chinese for the simple configuration', () => {
  it('writes runs of ideographs as overlapping bigrams and their last character, other text as it is', () => {
    expect(cjkBigrams('反腐败')).toBe('反腐 腐败 败');
    expect(cjkBigrams('UNCAC 第9条 反腐')).toBe('UNCAC 第 9 条 反腐 腐');
    expect(cjkBigrams('Audit')).toBe('Audit');
  });

  it('makes a query phrase of bigrams, one character a prefix, nothing without ideographs', () => {
    expect(cjkTsquery('反腐败')).toBe("('反腐' <-> '腐败')");
    expect(cjkTsquery('采购')).toBe("'采购'");
    expect(cjkTsquery('腐')).toBe("'腐':*");
    expect(cjkTsquery('审计 and 采购')).toBe("'审计' & '采购'");
    expect(cjkTsquery('audit')).toBeNull();
  });
});

describe('snippets', () => {
  const texts = {
    title: { role: 'title' as const, text: { en: 'Procurement audit' } },
    description: { role: 'body' as const, text: { en: `${'Background. '.repeat(10)}The ministry procured software without tender.`, fr: 'Audit des marchés' } },
  };

  it('cuts around the first query word found, by its first five letters, bodies first', () => {
    const s = snippetOf(texts, 'procurement', 'en')!;
    expect(s).toMatchObject({ field: 'description', language: 'en' });
    expect(s.text).toMatch(/^….*procured software without tender\.$/);
  });

  it('prefers the reader language, and falls back to the beginning of the description (a word of the title only: the title is shown apart)', () => {
    expect(snippetOf(texts, 'audit', 'fr')).toEqual({ field: 'description', language: 'fr', text: 'Audit des marchés' });
    expect(snippetOf(texts, 'nothing-here', 'en')!.text.startsWith('Background.')).toBe(true);
    const titled = { title: { role: 'title' as const, text: { en: 'Customs integrity' } }, description: { role: 'body' as const, text: { en: 'Background only.' } } };
    expect(snippetOf(titled, 'customs', 'en')).toEqual({ field: 'description', language: 'en', text: 'Background only.' });
    expect(snippetOf({}, 'audit')).toBeNull();
  });
});

describe('PUBLIC_VIEW', () => {
  it('is on with the embedded PostgreSQL and off with a DATABASE_URL unless set, and refuses other values', () => {
    expect(publicViewEnabled({ env: {}, databaseUrl: undefined })).toBe(true);
    expect(publicViewEnabled({ env: {}, databaseUrl: 'postgres://x' })).toBe(false);
    expect(publicViewEnabled({ env: { PUBLIC_VIEW: 'on' }, databaseUrl: 'postgres://x' })).toBe(true);
    expect(publicViewEnabled({ env: { PUBLIC_VIEW: 'off' }, databaseUrl: undefined })).toBe(false);
    expect(() => publicViewEnabled({ env: { PUBLIC_VIEW: 'yes' }, databaseUrl: undefined })).toThrow(/PUBLIC_VIEW must be on or off/);
  });
});
