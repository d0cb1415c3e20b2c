import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codelists, LANGUAGE_CODES } from '@ta/codelists';

/**
 * The web app shows country names as the UN writes them: the `countries` codelist's names
 * (UN M49), one file per language in apps/web/src/country-names/, loaded when the reader
 * chooses the language. A change to the codelist without regenerating them fails here;
 * WEB_COUNTRY_NAMES=write writes them instead of comparing.
 */
const DIR = join(__dirname, '../../apps/web/src/country-names');

const expected = (language: (typeof LANGUAGE_CODES)[number]) =>
  `${JSON.stringify(Object.fromEntries(codelists.list('countries').map((c) => [c.code, c.name[language] ?? c.name.en])), null, 1)}\n`;

/** ISO 3166-1 numeric to alpha-2, from the same codelist: the overview's map (world-atlas) names its countries by numeric code. */
const numeric = () => `${JSON.stringify(Object.fromEntries(codelists.list('countries').map((c) => [c.numeric, c.code])), null, 1)}\n`;

if (process.env.WEB_COUNTRY_NAMES === 'write') {
  mkdirSync(DIR, { recursive: true });
  for (const language of LANGUAGE_CODES) writeFileSync(join(DIR, `${language}.json`), expected(language));
  writeFileSync(join(DIR, 'numeric.json'), numeric());
}

it('the web app has the numeric codes of every country (else: WEB_COUNTRY_NAMES=write)', () => {
  expect(readFileSync(join(DIR, 'numeric.json'), 'utf8')).toBe(numeric());
  expect(JSON.parse(readFileSync(join(DIR, 'numeric.json'), 'utf8'))['404']).toBe('KE');
});

it.each([...LANGUAGE_CODES])('the web app has the codelist names of every country in %s (else: WEB_COUNTRY_NAMES=write)', (language) => {
  expect(readFileSync(join(DIR, `${language}.json`), 'utf8')).toBe(expected(language));
});

it('names Member States as the UN does, not as browsers do', () => {
  const fr = JSON.parse(readFileSync(join(DIR, 'fr.json'), 'utf8')) as Record<string, string>;
  expect(fr.BO).toBe('Bolivie (État plurinational de)');
  expect(fr.TR).toBe('Türkiye');
  expect(Object.keys(fr)).toHaveLength(codelists.list('countries').length);
});
