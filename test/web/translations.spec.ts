import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The web app's six languages carry the same keys: a label added in English only fails here. */
const DIR = join(__dirname, '..', '..', 'apps', 'web', 'src', 'i18n');
const dict = (lang: string) => JSON.parse(readFileSync(join(DIR, `${lang}.json`), 'utf8')) as Record<string, string>;

it('has the six UN languages, each with every key of English and no other, none empty', () => {
  expect(readdirSync(DIR).sort()).toEqual(['ar.json', 'en.json', 'es.json', 'fr.json', 'ru.json', 'zh.json']);
  const en = Object.keys(dict('en')).sort();
  for (const lang of ['ar', 'es', 'fr', 'ru', 'zh']) {
    const d = dict(lang);
    expect({ lang, keys: Object.keys(d).sort() }).toEqual({ lang, keys: en });
    expect({ lang, empty: Object.entries(d).filter(([, v]) => v.trim() === '').map(([k]) => k) }).toEqual({ lang, empty: [] });
  }
});

it('translates the directory pages into each language (not English copied over)', () => {
  const en = dict('en');
  for (const lang of ['ar', 'es', 'fr', 'ru', 'zh']) {
    const d = dict(lang);
    for (const key of ['directory.title', 'directory.intro', 'newAuthority.intro', 'entry.contactHint']) expect(d[key]).not.toBe(en[key]);
  }
});
