import type { RecordedEvent } from '@ta/event-store';
import type { IntegrationEvent, Subject } from '../envelope';
import { UnmappedEventError } from './unmapped-event.error';

/**
 * The envelope around a mapped `data`: the recorded event's id, type, times, correlation,
 * causation and actor role (never the actor id: it identifies a person), and the subject at
 * the event's stream position.
 */
export function integrationEvent<E extends IntegrationEvent>(
  event: RecordedEvent,
  version: E['schemaVersion'],
  subject: Omit<Subject, 'version'>,
  data: E['data'],
): IntegrationEvent<string, E['schemaVersion'], E['data']> {
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: version,
    subject: { kind: subject.kind, id: subject.id, version: event.streamPosition },
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    actorRole: event.metadata.actorRole,
    data,
  };
}

/** A mapper reads one domain schema version of its type: any other is refused, not guessed at. */
export function assertDomainVersion(event: RecordedEvent, domainVersion: number): void {
  if (event.schemaVersion !== domainVersion) {
    throw new UnmappedEventError(`${event.type} has domain schema version ${event.schemaVersion}; the mapping reads version ${domainVersion} (event ${event.id})`);
  }
}
