import { codelists } from '@ta/codelists';
import countriesFile from './data/countries.json';

const names = (code: string) => codelists.get('countries', code)?.name;

describe('country names as the UN writes them (UN M49, six languages)', () => {
  it('has a name in each of the six languages for every country', () => {
    for (const c of codelists.list('countries')) for (const l of ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const) expect(c.name[l]?.trim()).toBeTruthy();
  });

  it('writes the Member States whose UN names differ from common ones as the UN does', () => {
    expect(names('BO')).toEqual({
      ar: 'بوليفيا (دولة - المتعددة القوميات)',
      en: 'Bolivia (Plurinational State of)',
      es: 'Bolivia (Estado Plurinacional de)',
      fr: 'Bolivie (État plurinational de)',
      ru: 'Боливия (Многонациональное Государство)',
      zh: '多民族玻利维亚国',
    });
    expect(names('IR')).toMatchObject({ en: 'Iran (Islamic Republic of)', fr: 'Iran (République islamique d’)', es: 'Irán (República Islámica del)', ru: 'Иран (Исламская Республика)' });
    expect(names('GB')).toMatchObject({ en: 'United Kingdom of Great Britain and Northern Ireland', fr: 'Royaume-Uni de Grande-Bretagne et d’Irlande du Nord', zh: '大不列颠及北爱尔兰联合王国' });
    // Türkiye in English, French and Spanish; the Russian, Arabic and Chinese names are unchanged.
    expect(names('TR')).toEqual({ ar: 'تركيا', en: 'Türkiye', es: 'Türkiye', fr: 'Türkiye', ru: 'Турция', zh: '土耳其' });
    // M49 writes the apostrophe as U+2019.
    expect(names('CI')).toMatchObject({ en: 'Côte d’Ivoire', fr: 'Côte d’Ivoire', es: 'Côte d’Ivoire', ru: "Кот-д'Ивуар" });
    expect(names('KR')).toMatchObject({ en: 'Republic of Korea', fr: 'République de Corée', es: 'República de Corea', zh: '大韩民国' });
    expect(names('VN')).toMatchObject({ en: 'Viet Nam', fr: 'Viet Nam', es: 'Viet Nam', ru: 'Вьетнам', ar: 'فييت نام' });
    expect(names('CZ')).toMatchObject({ en: 'Czechia', fr: 'Tchéquie', es: 'Chequia', ru: 'Чехия' });
  });

  it('marks the one country M49 does not list, whose names are not UN names', () => {
    expect(countriesFile.nameExceptions).toEqual([{ code: 'TW', languages: ['ar', 'en', 'es', 'fr', 'ru', 'zh'], source: expect.stringContaining('i18n-iso-countries') }]);
    expect(countriesFile.source).toContain('M49');
  });
});
