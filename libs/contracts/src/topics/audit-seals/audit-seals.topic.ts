import { eventContract, type TopicContract } from '../../envelope';
import { s, strictObject } from '../../json-schema';

export const AUDIT_SEALS_TOPIC = 'ta.audit.seals';
/** Every seal has this key: one partition, seals in order. */
export const AUDIT_SEALS_KEY = 'log';

const hash = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex' };
const decimal = { type: 'string', pattern: '^[0-9]{1,19}$' };
const point = strictObject({ commitOrder: decimal, globalPosition: decimal }, 'A place in the all-stream (commit order, global position)');

/**
 * The seals of the platform's event log (docs/audit.md). Whoever keeps them can later detect
 * a rewritten past (`npm run verify:log -- --seals <file>`), without trusting the platform's
 * database. Key: a constant, so every seal is on one partition, in order.
 */
export const auditSealsTopic: TopicContract = {
  name: AUDIT_SEALS_TOPIC,
  description: "Seals of the platform's event log: a Merkle root over each block of events, each chained to the previous seal.",
  key: { description: `The constant "${AUDIT_SEALS_KEY}", UTF-8.`, schema: { const: AUDIT_SEALS_KEY } },
  events: [
    eventContract(
      AUDIT_SEALS_TOPIC,
      'LogSealed',
      1,
      'A block of the event log was sealed: the Merkle root of its events and the hash chaining this seal to the previous one (scheme ta-log-seal/1, docs/audit.md).',
      strictObject({
        scheme: { const: 'ta-log-seal/1' },
        sealNo: { type: 'integer', minimum: 1 },
        first: point,
        last: point,
        eventCount: { type: 'integer', minimum: 1 },
        merkleRoot: hash,
        previousSealHash: hash,
        sealHash: hash,
        sealedAt: s.timestamp,
      }),
      ['log'],
    ),
  ],
};
