import { isCalendarDate, ValidationError } from '@ta/core';
import { assertKnownCodes, assertLocalizedText, codelists, iatiOrganisationIdentifierProblem, type LocalizedText } from '@ta/codelists';
import type { AssistanceAreas, ContactPoint, OrganisationDetails } from './organisation.commands';

/**
 * Field checks of the directory's commands. Each throws ValidationError with a stable code
 * and the offending input's path: `input.invalid` (a malformed field), `text.invalid` (names),
 * `codelist.unknown_code` (a code outside its list), `directory.invalid_iati_identifier`,
 * `directory.article_not_in_prevention` (an authority's area outside articles 5-14),
 * `input.reason_required`.
 */
export function invalid(path: string, message: string): ValidationError {
  return new ValidationError('input.invalid', `Invalid input at ${path}: ${message}`, [{ path, message }]);
}

/** Organisation ids: lower-case letters, digits and hyphens, 2-64, e.g. `donor-giz`, `unodc`, `ke-eacc`. */
export const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

export function assertOrganisationId(value: unknown, path = '/organisationId'): string {
  if (typeof value !== 'string' || !ORGANISATION_ID.test(value)) throw invalid(path, 'must be 2-64 lower-case letters, digits or hyphens, starting with a letter or digit');
  return value;
}

export function assertTimestamp(value: unknown, path = '/at'): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value) || !isCalendarDate(value.slice(0, 10))) {
    throw invalid(path, 'must be an ISO 8601 UTC timestamp like 2025-03-01T09:30:00Z');
  }
  return value;
}

/** A calendar date not after the command's day (a notification is recorded once it was made). */
export function assertPastDate(value: unknown, at: string, path: string): string {
  if (!isCalendarDate(value)) throw invalid(path, 'must be a date like 2025-03-01');
  if (value > at.slice(0, 10)) throw invalid(path, 'must not be in the future');
  return value;
}

const TEXT_OK = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202d\u202e]*$/;

export function assertLine(value: unknown, path: string, maxLength: number): string {
  if (typeof value !== 'string' || value.trim() === '' || !TEXT_OK.test(value)) throw invalid(path, 'must be a non-empty single-line text');
  const text = value.trim();
  if ([...text].length > maxLength) throw invalid(path, `must be at most ${maxLength} characters`);
  return text;
}

export function assertReason(value: unknown, path = '/reason'): string {
  if (typeof value !== 'string' || value.trim() === '' || [...value.trim()].length > 1000) {
    const message = 'a reason of 1 to 1000 characters is required';
    throw new ValidationError('input.reason_required', message, [{ path, message }]);
  }
  return value.trim();
}

export const NAME_MAX_LENGTH = 300;

export function assertDetails(d: OrganisationDetails): OrganisationDetails {
  const names: LocalizedText = assertLocalizedText(d.names, '/names', { maxLength: NAME_MAX_LENGTH });
  if (!Array.isArray(d.addresses) || d.addresses.length > 5) throw invalid('/addresses', 'must be a list of at most 5 addresses');
  const addresses = d.addresses.map((a, i) => assertLine(a, `/addresses/${i}`, 500));
  let website: string | null = null;
  if (d.website !== null) {
    const text = typeof d.website === 'string' ? d.website.trim() : '';
    let ok = false;
    try {
      const u = new URL(text);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && text.length <= 500 && u.hostname.includes('.');
    } catch {
      ok = false;
    }
    if (!ok) throw invalid('/website', 'must be an http(s) address such as https://www.example.org');
    website = text;
  }
  return { names, addresses, website };
}

export function assertIatiIdentifier(value: unknown, path = '/iatiIdentifier'): string | null {
  if (value === null) return null;
  const problem = typeof value === 'string' ? iatiOrganisationIdentifierProblem(value) : 'must be a text';
  if (problem) throw new ValidationError('directory.invalid_iati_identifier', `The IATI organisation identifier ${problem}`, [{ path, message: problem }]);
  return value as string;
}

export function assertCountry(value: unknown, path = '/country'): string {
  assertKnownCodes('countries', value, path);
  return value as string;
}

/** Prevention: chapter II of the Convention, articles 5 to 14 (para 9 of resolution 3/2). */
export const PREVENTION_ARTICLES: readonly string[] = codelists
  .list('uncac-articles')
  .filter((a) => a.chapter === 2)
  .map((a) => a.code);

export function assertAreas(d: AssistanceAreas): AssistanceAreas {
  for (const [field, min] of [['articles', 1], ['taTypes', 1], ['languages', 1]] as const) {
    if (!Array.isArray(d[field]) || d[field].length < min) throw invalid(`/${field}`, `must be a list of at least ${min} code(s)`);
  }
  assertKnownCodes('uncac-articles', d.articles, '/articles');
  const outside = d.articles.map((a, i) => [a, i] as const).filter(([a]) => !PREVENTION_ARTICLES.includes(a));
  if (outside.length > 0) {
    throw new ValidationError(
      'directory.article_not_in_prevention',
      'A national prevention authority assists under chapter II of the Convention (articles 5 to 14)',
      outside.map(([a, i]) => ({ path: `/articles/${i}`, message: `${a} is not one of articles 5 to 14` })),
    );
  }
  assertKnownCodes('ta-types', d.taTypes, '/taTypes');
  assertKnownCodes('languages', d.languages, '/languages');
  return { articles: [...new Set(d.articles)], taTypes: [...new Set(d.taTypes)], languages: [...new Set(d.languages)] };
}

export function assertContactPoint(value: ContactPoint | null): ContactPoint | null {
  if (value === null) return null;
  if (typeof value !== 'object') throw invalid('/contactPoint', 'must be an object or null');
  const name = assertLine(value.name, '/contactPoint/name', 200);
  if (typeof value.email !== 'string' || value.email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.email)) throw invalid('/contactPoint/email', 'must be an email address');
  const phone = value.phone === null || value.phone === undefined ? null : assertLine(value.phone, '/contactPoint/phone', 50);
  if (phone !== null && !/^\+?[0-9 ()./-]{4,50}$/.test(phone)) throw invalid('/contactPoint/phone', 'must be a telephone number such as +43 1 26060');
  return { name, email: value.email, phone };
}

export function assertNotification(channel: unknown, noteVerbale: unknown): { channel: 'state' | 'note_verbale'; noteVerbale: string | null } {
  if (channel !== 'state' && channel !== 'note_verbale') throw invalid('/channel', 'must be state or note_verbale');
  if (channel === 'state') {
    if (noteVerbale !== null) throw invalid('/noteVerbale', 'only a notification recorded from a note verbale has one');
    return { channel, noteVerbale: null };
  }
  return { channel, noteVerbale: assertLine(noteVerbale, '/noteVerbale', 200) };
}
