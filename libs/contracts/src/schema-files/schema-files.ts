import { CONTENT_TYPE, HEADERS, type TopicContract } from '../envelope';
import { TOPICS } from '../registry';

/**
 * The contracts as files a consumer can take without this code: one JSON Schema (draft
 * 2020-12) per topic key and per event type and version, and an index naming them with each
 * topic's key, headers and the advice on duplicates. Written under version control by
 * `npm run contracts:schemas` (libs/contracts/schemas), checked current by
 * libs/contracts/test/schema-files.spec.ts and served by `GET /contracts/schemas/...`.
 */

/** The folder of the files, from the repository's root. */
export const SCHEMA_FILES_DIR = 'libs/contracts/schemas';
export const SCHEMA_INDEX_FILE = 'index.json';
export const KEY_SCHEMA_FILE = 'key.json';

/** The file of one event contract, inside its topic's folder. */
export function eventSchemaFile(type: string, version: number): string {
  return `${type}.v${version}.json`;
}

export function keySchemaId(topic: string): string {
  return `urn:uncac-ta:contracts:${topic}:key`;
}

/** What consumers must do with redeliveries (at-least-once): said once, in the index and the catalogue. */
export const DUPLICATE_HANDLING =
  'Delivery is at least once: a message can arrive more than once (a relay restarted before its checkpoint, a producer retry). ' +
  'Deduplicate by the event id (the `event-id` header, equal to `eventId` in the value): it is unique per event and stable across redeliveries. ' +
  'Order is kept per key (one partition per key); `subject.version` counts the events of each aggregate, so a gap or a repeat is visible.';

export interface SchemaIndex {
  readonly description: string;
  readonly duplicates: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  readonly topics: ReadonlyArray<{
    readonly name: string;
    readonly description: string;
    readonly key: { readonly description: string; readonly file: string; readonly $id: string };
    readonly events: ReadonlyArray<{ readonly type: string; readonly version: number; readonly description: string; readonly file: string; readonly $id: string }>;
  }>;
}

const HEADER_MEANINGS: Record<keyof typeof HEADERS, string> = {
  eventId: 'the event id (UUID), equal to `eventId` in the value: deduplicate by it',
  eventType: 'the event type, equal to `type` in the value',
  schemaVersion: 'the schema version (decimal), equal to `schemaVersion` in the value',
  correlationId: 'shared by every event caused by one user intent, equal to `correlationId`',
  contentType: CONTENT_TYPE,
};

function keySchema(topic: TopicContract): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: keySchemaId(topic.name),
    title: `${topic.name} key`,
    description: `${topic.key.description} Messages with one key are on one partition, in order.`,
    ...topic.key.schema,
  };
}

export function schemaIndex(topics: readonly TopicContract[] = TOPICS): SchemaIndex {
  return {
    description:
      'JSON Schemas (draft 2020-12) of the integration events the platform publishes on Kafka: the value of every message is one of them, chosen by its `type` and `schemaVersion`. Topic names may carry a deployment prefix (KAFKA_TOPIC_PREFIX). See docs/event-catalogue.md.',
    duplicates: DUPLICATE_HANDLING,
    headers: Object.fromEntries((Object.keys(HEADERS) as (keyof typeof HEADERS)[]).map((k) => [HEADERS[k], HEADER_MEANINGS[k]])),
    contentType: CONTENT_TYPE,
    topics: topics.map((t) => ({
      name: t.name,
      description: t.description,
      key: { description: t.key.description, file: `${t.name}/${KEY_SCHEMA_FILE}`, $id: keySchemaId(t.name) },
      events: t.events.map((e) => ({
        type: e.type,
        version: e.version,
        description: e.description,
        file: `${t.name}/${eventSchemaFile(e.type, e.version)}`,
        $id: String(e.schema.$id),
      })),
    })),
  };
}

const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every file, by its path inside SCHEMA_FILES_DIR (`/`-separated), with its exact text. */
export function schemaFiles(topics: readonly TopicContract[] = TOPICS): ReadonlyMap<string, string> {
  const files = new Map<string, string>([[SCHEMA_INDEX_FILE, text(schemaIndex(topics))]]);
  for (const t of topics) {
    files.set(`${t.name}/${KEY_SCHEMA_FILE}`, text(keySchema(t)));
    for (const e of t.events) files.set(`${t.name}/${eventSchemaFile(e.type, e.version)}`, text(e.schema));
  }
  return files;
}
