import { ORGANISATION_KINDS } from '@ta/directory';
import { eventContract, type TopicContract } from '../../envelope';
import { s, strictObject } from '../../json-schema';

export const DIRECTORY_ORGANISATIONS_TOPIC = 'ta.directory.organisations';

const t = DIRECTORY_ORGANISATIONS_TOPIC;
const ref = { organisationId: s.id, at: s.timestamp };
const line = { type: 'string', minLength: 1, maxLength: 500 };
const details = {
  names: s.localizedText,
  addresses: { type: 'array', maxItems: 5, items: line },
  website: s.nullable({ type: 'string', format: 'uri' }),
};
const iati = { iatiIdentifier: s.nullable({ type: 'string', minLength: 3, maxLength: 200, description: 'IATI organisation identifier: registration agency prefix, hyphen, number' }) };
const areas = {
  articles: { type: 'array', items: { type: 'string', pattern: '^art-([5-9]|1[0-4])$' }, description: 'UNCAC articles 5-14' },
  taTypes: s.codes,
  languages: s.languages,
};
const notification = {
  notifiedOn: s.date,
  channel: { enum: ['state', 'note_verbale'] },
  noteVerbale: s.nullable({ type: 'string', minLength: 1, maxLength: 200 }),
};
const reason = { type: 'string', minLength: 1, maxLength: 1000 };
const subject = ['organisation'] as const;

/**
 * The directory of organisations and national prevention authorities (resolution 3/2, para 9).
 * Key: the organisation id; order per organisation. An authority's contact point (personal
 * data) is never published.
 */
export const directoryOrganisationsTopic: TopicContract = {
  name: DIRECTORY_ORGANISATIONS_TOPIC,
  description: 'The directory: organisations (proposed, verified, suspended, closed) and the national prevention authorities States notify, in order per organisation. No contact points.',
  key: { description: 'The organisation id, UTF-8.', schema: s.id },
  events: [
    eventContract(
      t,
      'OrganisationProposed',
      1,
      'An organisation was proposed for the directory (by the Secretariat or by itself); the Secretariat verifies it.',
      strictObject({ ...ref, kind: { enum: ORGANISATION_KINDS.filter((k) => k !== 'national_authority') }, country: s.nullable(s.country), ...iati, ...details }),
      subject,
    ),
    eventContract(t, 'OrganisationVerified', 1, 'The Secretariat verified the organisation: it may act for itself on the platform.', strictObject(ref), subject),
    eventContract(t, 'OrganisationSuspended', 1, 'The Secretariat suspended the organisation, with a reason.', strictObject({ ...ref, reason }), subject),
    eventContract(t, 'OrganisationClosed', 1, 'The Secretariat closed the organisation for good, with a reason.', strictObject({ ...ref, reason }), subject),
    eventContract(t, 'OrganisationDetailsChanged', 1, "The organisation's names, addresses, web site or IATI identifier changed.", strictObject({ ...ref, ...details, ...iati }), subject),
    eventContract(
      t,
      'AuthorityNotified',
      1,
      'A State notified a national authority that can assist other States in prevention (para 9), or the Secretariat recorded one from a note verbale: its areas of assistance. The contact point is not published.',
      strictObject({ ...ref, country: s.country, ...iati, ...details, ...areas, ...notification }),
      subject,
    ),
    eventContract(
      t,
      'AuthorityNotificationChanged',
      1,
      "A later notification changed the authority's entry (areas, languages, names, addresses). The contact point is not published.",
      strictObject({ ...ref, ...details, ...areas, ...notification }),
      subject,
    ),
    eventContract(t, 'AuthorityWithdrawn', 1, 'The State withdrew the authority from the directory.', strictObject({ ...ref, ...notification, reason }), subject),
    eventContract(
      t,
      'ProviderIdsMapped',
      1,
      'Provider ids recorded on offers and engagements before the directory now name this organisation (a one-time mapping).',
      strictObject({ ...ref, providerIds: { type: 'array', minItems: 1, items: s.id } }),
      subject,
    ),
  ],
};
