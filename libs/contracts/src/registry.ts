import type { EventContract, TopicContract } from './envelope';
import { auditSealsTopic } from './topics/audit-seals/audit-seals.topic';
import { caseOffersTopic } from './topics/case-offers/case-offers.topic';
import { caseRequestsTopic } from './topics/case-requests/case-requests.topic';
import { directoryOrganisationsTopic } from './topics/directory-organisations/directory-organisations.topic';

/** Every topic the platform publishes. */
export const TOPICS: readonly TopicContract[] = [caseRequestsTopic, caseOffersTopic, auditSealsTopic, directoryOrganisationsTopic];

/** Every event contract, by topic, type and version. */
export function allEventContracts(): EventContract[] {
  return TOPICS.flatMap((t) => t.events);
}

export function findEventContract(type: string, version: number): EventContract | undefined {
  return allEventContracts().find((c) => c.type === type && c.version === version);
}

/** The topic name with the deployment's prefix (KAFKA_TOPIC_PREFIX, empty by default). */
export function topicName(base: string, prefix = ''): string {
  return `${prefix}${base}`;
}
