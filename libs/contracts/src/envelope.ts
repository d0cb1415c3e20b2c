import { s, strictObject, type JsonSchema } from './json-schema';

/** What an integration event is about: the aggregate it comes from and its version after it. */
export interface Subject {
  /** `log`: the event store as a whole (seals on `ta.audit.seals`). */
  readonly kind: 'request' | 'offer' | 'engagement' | 'log' | 'organisation';
  readonly id: string;
  /** The aggregate's version after this event (1 for its first event): gaps and order are checkable. */
  readonly version: number;
}

/**
 * The value of every message on every topic: an envelope around the type's `data`.
 * The envelope is the same for all types and versions; `data` is what `type` and
 * `schemaVersion` say. No actor id is published (it identifies a person); the role is.
 */
export interface IntegrationEvent<Type extends string = string, Version extends number = number, Data = unknown> {
  /** UUID, unique per event and stable across redeliveries: consumers dedupe on it. */
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: Version;
  readonly subject: Subject;
  /** When it happened in the domain. */
  readonly occurredAt: string;
  /** When the platform recorded it. */
  readonly recordedAt: string;
  /** Shared by every event caused by one user intent. */
  readonly correlationId: string;
  /** The event that caused this one (process managers), or null for a user's command. */
  readonly causationId: string | null;
  /** secretariat, state, provider roles or system (process managers). */
  readonly actorRole: string;
  readonly data: Data;
}

/** Kafka headers on every message (UTF-8 strings). */
export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
  contentType: 'content-type',
} as const;

export const CONTENT_TYPE = 'application/json';

export function schemaId(topic: string, type: string, version: number): string {
  return `urn:uncac-ta:contracts:${topic}:${type}:v${version}`;
}

/** The subject kinds of the case topics; a topic about something else names its own. */
const CASE_SUBJECT_KINDS: readonly Subject['kind'][] = ['request', 'offer', 'engagement'];

/** The full JSON Schema of one message value: envelope with `type`, `schemaVersion` and `data` pinned. */
export function envelopeSchema(
  topic: string,
  type: string,
  version: number,
  description: string,
  data: JsonSchema,
  subjectKinds: readonly Subject['kind'][] = CASE_SUBJECT_KINDS,
): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaId(topic, type, version),
    title: `${type} v${version}`,
    description,
    ...strictObject({
      eventId: s.uuid,
      type: { const: type },
      schemaVersion: { const: version },
      subject: strictObject({ kind: { enum: [...subjectKinds] }, id: s.id, version: { type: 'integer', minimum: 1 } }),
      occurredAt: s.timestamp,
      recordedAt: s.timestamp,
      correlationId: { type: 'string', minLength: 1, maxLength: 200 },
      causationId: s.nullable({ type: 'string', minLength: 1, maxLength: 200 }),
      actorRole: { type: 'string', minLength: 1, maxLength: 50 },
      data,
    }),
  };
}

/** One integration event type at one schema version. */
export interface EventContract {
  readonly topic: string;
  readonly type: string;
  readonly version: number;
  readonly description: string;
  /** The schema of the whole message value (envelope + data). */
  readonly schema: JsonSchema;
}

/** A topic: its name (before any deployment prefix), key contract and the events on it. */
export interface TopicContract {
  readonly name: string;
  readonly description: string;
  readonly key: { readonly description: string; readonly schema: JsonSchema };
  readonly events: readonly EventContract[];
}

/** One event contract: its topic, type, version and description, and the schema `envelopeSchema` makes of them. */
export function eventContract(...args: Parameters<typeof envelopeSchema>): EventContract {
  const [topic, type, version, description] = args;
  return { topic, type, version, description, schema: envelopeSchema(...args) };
}
