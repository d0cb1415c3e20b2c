// @ta/contracts: the platform's public integration contract on Kafka. One folder per
// topic (key and value contracts), JSON Schema per event type and version, the single
// mapping from domain events, and a validator for producers and consumers.
export * from './json-schema';
export * from './envelope';
export * from './registry';
export * from './validator';
export {
  toIntegrationEvent,
  caseRequestOf,
  UnmappedEventError,
  PUBLISHED_DOMAIN_EVENTS,
  type CaseRequestRef,
  type MappingContext,
  type OutgoingMessage,
} from './domain-to-integration';
export * from './topics/case-requests/case-requests.topic';
export * from './topics/case-requests/case-requests.events';
export * from './topics/case-offers/case-offers.topic';
export * from './topics/case-offers/case-offers.events';
export * from './topics/audit-seals/audit-seals.topic';
export * from './topics/audit-seals/audit-seals.events';
