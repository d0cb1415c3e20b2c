import { ValidationError, type ErrorDetail } from '@ta/core';
import type { Codelist, CodelistItems, CodelistName } from './codelist.types';
import countries from './data/countries.json';
import currencies from './data/currencies.json';
import iatiActivityStatus from './data/iati-activity-status.json';
import iatiOrganisationRole from './data/iati-organisation-role.json';
import iatiOrganisationType from './data/iati-organisation-type.json';
import iatiRegistrationAgencies from './data/iati-organisation-registration-agency.json';
import iatiTransactionType from './data/iati-transaction-type.json';
import languages from './data/languages.json';
import practiceThemes from './data/practice-themes.json';
import priorities from './data/priorities.json';
import regions from './data/regions.json';
import reviewCycles from './data/review-cycles.json';
import taTypes from './data/ta-types.json';
import uncacParties from './data/uncac-parties.json';
import uncacArticles from './data/uncac-articles.json';
import uncacChapters from './data/uncac-chapters.json';

type Registry = { readonly [N in CodelistName]: Codelist<CodelistItems[N]> };

// The JSON files are the source of truth; the casts give them their item types (the
// codelists spec checks the shapes that code relies on).
const registry: Registry = {
  'uncac-articles': uncacArticles as Codelist<CodelistItems['uncac-articles']>,
  'uncac-chapters': uncacChapters as Codelist<CodelistItems['uncac-chapters']>,
  'review-cycles': reviewCycles as Codelist<CodelistItems['review-cycles']>,
  'ta-types': taTypes as Codelist<CodelistItems['ta-types']>,
  countries: countries as Codelist<CodelistItems['countries']>,
  'uncac-parties': uncacParties as Codelist<CodelistItems['uncac-parties']>,
  regions: regions as Codelist<CodelistItems['regions']>,
  currencies: currencies as Codelist<CodelistItems['currencies']>,
  languages: languages as Codelist<CodelistItems['languages']>,
  priorities: priorities as Codelist<CodelistItems['priorities']>,
  'practice-themes': practiceThemes as Codelist<CodelistItems['practice-themes']>,
  'iati-activity-status': iatiActivityStatus,
  'iati-transaction-type': iatiTransactionType,
  'iati-organisation-role': iatiOrganisationRole,
  'iati-organisation-type': iatiOrganisationType,
  'iati-organisation-registration-agency': iatiRegistrationAgencies as Codelist<CodelistItems['iati-organisation-registration-agency']>,
};

const indexes = new Map<CodelistName, ReadonlyMap<string, unknown>>(
  (Object.keys(registry) as CodelistName[]).map((name) => [name, new Map(registry[name].items.map((item) => [item.code, item]))]),
);

function index<N extends CodelistName>(name: N): ReadonlyMap<string, CodelistItems[N]> {
  const found = indexes.get(name);
  if (!found) throw new Error(`Unknown codelist: ${name}`);
  return found as ReadonlyMap<string, CodelistItems[N]>;
}

/** Read-only access to the platform's codelists. */
export const codelists = {
  names(): readonly CodelistName[] {
    return Object.keys(registry) as CodelistName[];
  },
  has(name: CodelistName, code: unknown): boolean {
    return typeof code === 'string' && index(name).has(code);
  },
  get<N extends CodelistName>(name: N, code: string): CodelistItems[N] | undefined {
    return index(name).get(code);
  },
  list<N extends CodelistName>(name: N): readonly CodelistItems[N][] {
    return registry[name].items;
  },
  version(name: CodelistName): string {
    return registry[name].version;
  },
  source(name: CodelistName): string {
    return registry[name].source;
  },
} as const;

/**
 * Throws ValidationError `codelist.unknown_code` unless every code is in the list.
 * `codes` is one code (reported at `path`) or an array (each reported at `path/<index>`).
 */
export function assertKnownCodes(list: CodelistName, codes: unknown, path: string): void {
  const details = unknownCodeDetails(list, codes, path);
  if (details.length > 0) {
    throw new ValidationError('codelist.unknown_code', `Unknown ${list} code(s)`, details, { codelist: list });
  }
}

/** The problems `assertKnownCodes` would report, for callers that collect them. */
export function unknownCodeDetails(list: CodelistName, codes: unknown, path: string): ErrorDetail[] {
  if (!Array.isArray(codes)) {
    return codelists.has(list, codes) ? [] : [{ path, message: `${JSON.stringify(codes)} is not a known ${list} code` }];
  }
  return codes.flatMap((code, i) =>
    codelists.has(list, code) ? [] : [{ path: `${path}/${i}`, message: `${JSON.stringify(code)} is not a known ${list} code` }],
  );
}

/** True when the country (alpha-2) is a member of the region (M49 code). */
export function isCountryInRegion(country: string, region: string): boolean {
  return codelists.get('regions', region)?.countries.includes(country) ?? false;
}
