import { codelists } from './codelists';

/**
 * Fixed IATI 2.03 values the platform reports under, for mapping to donors' systems.
 * (Single values, not lists: the full DAC sector and aid type lists are not needed here.)
 */
export const IATI_DEFAULTS = {
  /** DAC 5-digit sector (vocabulary 1): anti-corruption organisations and institutions. */
  sector: { vocabulary: '1', code: '15113', name: 'Anti-corruption organisations and institutions' },
  /** Aid type (vocabulary 1): other technical assistance. */
  aidType: { vocabulary: '1', code: 'D02', name: 'Other technical assistance' },
} as const;

/**
 * The problem with `value` as an IATI organisation identifier, or null when it follows IATI's
 * rules (IATI Standard, "Organisation identifiers"): `{registration agency prefix}-{the
 * organisation's number in that agency's list}`, the prefix a code of the OrganisationRegistrationAgency
 * codelist (`iati-organisation-registration-agency`, replicated from org-id.guide), e.g.
 * `XM-DAC-41301` (a multilateral by its DAC channel code) or `GB-COH-03877777`. No white space,
 * and none of `/ & | ?` (the IATI rulesets refuse them in identifiers). Prefixes are matched
 * longest first, since some contain others (`XM-DAC` and `XM-OCHA` share `XM`).
 */
export function iatiOrganisationIdentifierProblem(value: string): string | null {
  if (value.length > 200) return 'must be at most 200 characters';
  if (/\s/.test(value)) return 'must not contain white space';
  if (/[/&|?]/.test(value)) return 'must not contain / & | or ?';
  const prefix = registrationAgencyOf(value);
  if (!prefix) return 'must start with a registration agency prefix of the IATI OrganisationRegistrationAgency codelist (e.g. XM-DAC, GB-COH) and a hyphen';
  if (value.length <= prefix.length + 1) return `must give the organisation's number after "${prefix}-"`;
  return null;
}

/** The registration agency prefix an identifier starts with (the longest that matches), if any. */
export function registrationAgencyOf(identifier: string): string | undefined {
  return AGENCY_PREFIXES.find((p) => identifier.startsWith(`${p}-`));
}

const AGENCY_PREFIXES: readonly string[] = codelists
  .list('iati-organisation-registration-agency')
  .map((a) => a.code)
  .sort((a, b) => b.length - a.length);
