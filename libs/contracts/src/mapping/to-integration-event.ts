import { TEXT_TRANSLATION_EVENTS } from '@ta/case';
import type { RecordedEvent } from '@ta/event-store';
import { auditSealsMapper } from '../topics/audit-seals/audit-seals.mapper';
import { CASE_OFFER_EVENTS, caseOffersMapper } from '../topics/case-offers/case-offers.mapper';
import { CASE_REQUEST_EVENTS, caseRequestsMapper } from '../topics/case-requests/case-requests.mapper';
import { DIRECTORY_EVENTS, DIRECTORY_STREAM, directoryOrganisationsMapper } from '../topics/directory-organisations/directory-organisations.mapper';
import type { MappingContext, OutgoingMessage, PublishedDomainEvent, TopicMapper } from './topic-mapper';
import { UnmappedEventError } from './unmapped-event.error';

/** Each topic's mapping (in its topic's folder); an event goes to the first that owns it. */
const TOPIC_MAPPERS: readonly TopicMapper[] = [auditSealsMapper, caseRequestsMapper, caseOffersMapper, directoryOrganisationsMapper];

/** Streams of the case context: every event on them must have a mapping. */
const CASE_STREAM = /^(request|offer|engagement)-/;

/** The case context's published domain event types, with the domain schema version each mapper reads and the contract version it publishes. */
export const PUBLISHED_DOMAIN_EVENTS: readonly PublishedDomainEvent[] = [...CASE_REQUEST_EVENTS, ...CASE_OFFER_EVENTS];

/** The directory's published domain event types (ta.directory.organisations). */
export const PUBLISHED_DIRECTORY_EVENTS: readonly PublishedDomainEvent[] = DIRECTORY_EVENTS;

/**
 * The integration event for a recorded domain event, or null when the event is not
 * published (it belongs to no topic and no case stream). A case event of an unknown type or
 * domain schema version throws: the relay stops rather than skip or guess. An event of a
 * request needs `context` (is that request restricted?) and throws without it; offers and
 * seals need none.
 */
export function toIntegrationEvent(event: RecordedEvent, context?: MappingContext): OutgoingMessage | null {
  const mapper = TOPIC_MAPPERS.find((m) => m.owns(event));
  if (mapper) return mapper.map(event, context);
  // Translations of a case's texts stay on the platform: the topics carry the originals.
  if ((TEXT_TRANSLATION_EVENTS as readonly string[]).includes(event.type)) return null;
  if (CASE_STREAM.test(event.streamId) || DIRECTORY_STREAM.test(event.streamId)) throw new UnmappedEventError(`no integration mapping for ${event.type} (event ${event.id} on ${event.streamId})`);
  return null;
}
