import type { AUDIT_SEALS_STREAM, LOG_SEALED, LOG_SEALED_SCHEMA_VERSION, LogSealed } from '@ta/audit';
import { assertUnreachable } from '@ta/core';
import { assertDomainVersion, integrationEvent } from '../../mapping/integration-event';
import type { TopicMapper } from '../../mapping/topic-mapper';
import type { AuditSealsEvent, LogSealedV1 } from './audit-seals.events';
import { AUDIT_SEALS_KEY, AUDIT_SEALS_TOPIC } from './audit-seals.topic';

// The audit context's seal (@ta/audit). Names and version checked against it by the compiler (type-only import).
const SEALS_STREAM: typeof AUDIT_SEALS_STREAM = 'audit-seals';
const LOG_SEALED_TYPE: typeof LOG_SEALED = 'LogSealed';
const DOMAIN_VERSION: typeof LOG_SEALED_SCHEMA_VERSION = 1;

/**
 * ta.audit.seals: the seals of the log, from the seals stream, under a constant key (one
 * partition: seals stay in order). Hashes, positions and times only; no mapping context.
 */
export const auditSealsMapper: TopicMapper = {
  owns: (event) => event.streamId === SEALS_STREAM && event.type === LOG_SEALED_TYPE,
  map(event) {
    assertDomainVersion(event, DOMAIN_VERSION);
    const value = integrationEvent<LogSealedV1>(event, 1, { kind: 'log', id: SEALS_STREAM }, data(event as unknown as LogSealed));
    return { topic: AUDIT_SEALS_TOPIC, key: AUDIT_SEALS_KEY, value: value as AuditSealsEvent };
  },
};

/** Every domain event type of the seals stream, field by field (a new type fails the type check until it is mapped here). */
function data(e: LogSealed): LogSealedV1['data'] {
  switch (e.type) {
    case 'LogSealed': {
      const d = e.data;
      return {
        scheme: d.scheme,
        sealNo: d.sealNo,
        first: { commitOrder: d.first.commitOrder, globalPosition: d.first.globalPosition },
        last: { commitOrder: d.last.commitOrder, globalPosition: d.last.globalPosition },
        eventCount: d.eventCount,
        merkleRoot: d.merkleRoot,
        previousSealHash: d.previousSealHash,
        sealHash: d.sealHash,
        sealedAt: d.sealedAt,
      };
    }
    default:
      return assertUnreachable(e.type, 'no integration mapping for a domain event of the seals stream');
  }
}
