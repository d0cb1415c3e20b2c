import { ValidationError } from '@ta/core';
import type { UncacParticipant } from './codelist.types';
import { assertKnownCodes, codelists } from './codelists';
import uncacParties from './data/uncac-parties.json';

/** What the `uncac-parties` list says of itself: the date of its status, whether it is complete, its sources. */
export const UNCAC_PARTIES_STATUS = {
  asOf: uncacParties.asOf,
  complete: uncacParties.complete,
  reported: uncacParties.reported,
  missing: uncacParties.missing,
  sources: uncacParties.sources as Readonly<Record<string, string>>,
} as const;

/**
 * Whether a participant may submit a request for technical assistance.
 * - parties and signatories may;
 * - a State whose status the list does not know yet (`unverified`) may, provisionally, until
 *   the list is complete (see the list's `missing`);
 * - a State that is neither party nor signatory may not;
 * - the European Union may not: it is a party as a regional economic integration
 *   organisation, with competence for part of the Convention only; technical assistance is
 *   requested by States (arts. 60 and 62), and the Union takes part as a provider;
 * - a code that is not in the list (a territory such as AQ or BV, a region) may not.
 */
export type RequestEligibility =
  | { readonly may: true; readonly status: 'party' | 'signatory' | 'unverified' }
  | { readonly may: false; readonly reason: 'not-a-state' | 'non-party' | 'organisation' };

/** The rule above, for one entry of the `uncac-parties` list (undefined: not in the list). */
export function eligibilityOf(entry: UncacParticipant | undefined): RequestEligibility {
  if (!entry) return { may: false, reason: 'not-a-state' };
  if (entry.kind === 'regional-economic-integration-organisation') return { may: false, reason: 'organisation' };
  switch (entry.status) {
    case 'party':
    case 'signatory':
    case 'unverified':
      return { may: true, status: entry.status };
    case 'non-party':
      return { may: false, reason: 'non-party' };
  }
}

/** True when `code` may be the country of a request (see RequestEligibility). */
export function mayRequest(code: unknown): boolean {
  return typeof code === 'string' && eligibilityOf(codelists.get('uncac-parties', code)).may;
}

/**
 * Throws ValidationError `codelist.unknown_code` (400) unless `code` is a country that may
 * request: first as any unknown code would be, then, for a known code that may not request,
 * with a detail that says why. The code is not a new one: to a client, the country is not in
 * the list of those who may request.
 */
export function assertMayRequest(code: unknown, path: string): void {
  const entry = typeof code === 'string' ? codelists.get('uncac-parties', code) : undefined;
  if (entry?.kind !== 'regional-economic-integration-organisation') assertKnownCodes('countries', code, path);
  const eligibility = eligibilityOf(entry);
  if (eligibility.may) return;
  const name = entry?.name.en ?? codelists.get('countries', code as string)?.name.en ?? String(code);
  const message = {
    'not-a-state': `"${String(code)}" (${name}) is not a State party to or signatory of the UN Convention against Corruption`,
    'non-party': `"${String(code)}" (${name}) is not a party to or signatory of the UN Convention against Corruption (status as at ${UNCAC_PARTIES_STATUS.asOf})`,
    organisation: `"${String(code)}" (${name}) is a party as a regional economic integration organisation; requests come from States`,
  }[eligibility.reason];
  throw new ValidationError('codelist.unknown_code', 'This country may not request assistance', [{ path, message }], {
    codelist: 'uncac-parties',
  });
}
