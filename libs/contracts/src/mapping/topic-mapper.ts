import type { RecordedEvent } from '@ta/event-store';
import type { AuditSealsEvent } from '../topics/audit-seals/audit-seals.events';
import type { CaseOffersEvent } from '../topics/case-offers/case-offers.events';
import type { CaseRequestsEvent } from '../topics/case-requests/case-requests.events';
import type { DirectoryOrganisationsEvent } from '../topics/directory-organisations/directory-organisations.events';

/** A message ready for Kafka: topic (before the deployment prefix), key, value, headers. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: CaseRequestsEvent | CaseOffersEvent | AuditSealsEvent | DirectoryOrganisationsEvent;
}

/**
 * What the mapping needs to know beyond the event itself: whether the request (the case) the
 * event belongs to is restricted at that event: its `RequestSubmitted.restricted`, or the
 * latest `RequestAccessChanged` before the event (the State can restrict or open it later).
 * The relay finds it out (libs/relay, `RequestRestrictions`); the mapping stays a pure
 * function of (event, context).
 */
export interface MappingContext {
  readonly restricted: boolean;
}

/** A published domain event type: the domain schema version its mapper reads and the contract version it publishes. */
export interface PublishedDomainEvent {
  readonly type: string;
  readonly domainVersion: number;
  readonly version: number;
}

/** The mapping of one topic: which recorded domain events go to it, and what each becomes there. */
export interface TopicMapper {
  /** Whether `event` is one of this topic's domain events (its mapping then publishes it or throws). */
  owns(event: RecordedEvent): boolean;
  /** Throws `UnmappedEventError` when the event cannot be published as it is. */
  map(event: RecordedEvent, context: MappingContext | undefined): OutgoingMessage;
}
