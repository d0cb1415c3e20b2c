// @ta/contracts: the platform's public integration contract on Kafka. One folder per
// topic (key and value contracts, and the mapping of the domain events that go to it), JSON
// Schema per event type and version, one dispatcher from domain events to integration events
// (`toIntegrationEvent`), and a validator for producers and consumers.
export * from './json-schema';
export * from './envelope';
export * from './registry';
export * from './validator';
export { schemaFiles, schemaIndex, eventSchemaFile, keySchemaId, SCHEMA_FILES_DIR, SCHEMA_INDEX_FILE, KEY_SCHEMA_FILE, DUPLICATE_HANDLING, type SchemaIndex } from './schema-files/schema-files';
export { toIntegrationEvent, PUBLISHED_DOMAIN_EVENTS, PUBLISHED_DIRECTORY_EVENTS } from './mapping/to-integration-event';
export { UnmappedEventError } from './mapping/unmapped-event.error';
export type { MappingContext, OutgoingMessage } from './mapping/topic-mapper';
export { caseRequestOf, type CaseRequestRef } from './topics/case-requests/case-requests.mapper';
export * from './topics/case-requests/case-requests.topic';
export * from './topics/case-requests/case-requests.events';
export * from './topics/case-offers/case-offers.topic';
export * from './topics/case-offers/case-offers.events';
export * from './topics/audit-seals/audit-seals.topic';
export * from './topics/audit-seals/audit-seals.events';
export * from './topics/directory-organisations/directory-organisations.topic';
export * from './topics/directory-organisations/directory-organisations.events';
