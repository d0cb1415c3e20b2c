import type { StoredText } from '../read-models/case-texts/case-texts.entity';
import { textView } from './text-view';

const written = (original: StoredText['original'], plain: string | null = null, translations: StoredText['translations'] = {}): StoredText => ({
  author: 'state',
  original,
  plain,
  writtenAt: '2026-01-01T00:00:00.000Z',
  translations,
});
const at = { at: '2026-01-02T00:00:00.000Z', by: 'unodc-1' };
const caseIn = (...preference: string[]) => ({ plain: () => (preference[0] as 'en' | 'fr' | null) ?? null, preference });

describe('a text for its reader', () => {
  it("the reader's language among the originals", () => {
    expect(textView(written({ en: 'Title', fr: 'Titre' }), 'fr', caseIn('en'))).toEqual({ text: 'Titre', lang: 'fr', dir: 'ltr', original: true, languages: ['en', 'fr'], author: 'state' });
  });

  it('else its translation, marked as such; Arabic right to left', () => {
    expect(textView(written({ en: 'Title' }, null, { ar: { text: 'العنوان', ...at } }), 'ar', caseIn('en'))).toEqual({
      text: 'العنوان',
      lang: 'ar',
      dir: 'rtl',
      original: false,
      languages: ['ar', 'en'],
      author: 'state',
    });
  });

  it("else the original, the case's preferred language first, then the UN order", () => {
    const both = written({ es: 'Título', ru: 'Название' });
    expect(textView(both, 'zh', caseIn('ru', 'es'))).toMatchObject({ text: 'Название', lang: 'ru', original: true });
    expect(textView(both, null, caseIn('fr'))).toMatchObject({ text: 'Título', lang: 'es' });
  });

  it("a plain text is in the case's language; a translation into that same language does not hide it", () => {
    const reason = written(null, 'Hors du champ', { fr: { text: 'Autre', ...at }, en: { text: 'Out of scope', ...at } });
    expect(textView(reason, 'fr', caseIn('fr'))).toEqual({ text: 'Hors du champ', lang: 'fr', dir: 'ltr', original: true, languages: ['en', 'fr'], author: 'state' });
    expect(textView(reason, 'en', caseIn('fr'))).toMatchObject({ text: 'Out of scope', original: false });
  });

  it('a plain text of a case whose language is unknown: no lang, dir auto', () => {
    expect(textView(written(null, 'x'), 'en', caseIn())).toEqual({ text: 'x', lang: null, dir: 'auto', original: true, languages: [], author: 'state' });
  });
});
