import type { Pool } from 'pg';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { CASE_OFFERS_TOPIC, CASE_REQUESTS_TOPIC, ContractValidator, HEADERS, topicName, type CaseOffersEvent, type CaseRequestsEvent } from '@ta/contracts';
import { applyCaseEvent, applyOfferEvent, migrateDonorStore } from './donor-store';

export interface DonorConsumerOptions {
  readonly brokers: readonly string[];
  readonly pool: Pool;
  /** The donor system's consumer group: its committed offsets are where it resumes. */
  readonly groupId: string;
  readonly topicPrefix?: string;
  readonly log?: (line: string) => void;
}

export interface DonorConsumerStats {
  applied: number;
  duplicates: number;
  rejected: number;
}

export interface DonorConsumer {
  readonly stats: DonorConsumerStats;
  stop(): Promise<void>;
}

/**
 * What a donor's or a State's own system does with the platform's feed: subscribe to both
 * topics, validate every message against its published contract, and apply it to its own
 * PostgreSQL tables in one transaction with the event id, so a redelivered message (the
 * platform delivers at least once) is recognised and dropped. A message that does not
 * validate (an unknown type or schema version, say) is kept aside, not applied, and does
 * not stop the feed. Offsets are committed after the transaction: a crash in between
 * redelivers, and the event id absorbs it.
 */
export async function startDonorConsumer(options: DonorConsumerOptions): Promise<DonorConsumer> {
  const log = options.log ?? (() => undefined);
  const prefix = options.topicPrefix ?? '';
  const requestsTopic = topicName(CASE_REQUESTS_TOPIC, prefix);
  const offersTopic = topicName(CASE_OFFERS_TOPIC, prefix);
  const validator = new ContractValidator();
  const stats: DonorConsumerStats = { applied: 0, duplicates: 0, rejected: 0 };
  await migrateDonorStore(options.pool);

  const kafka = new Kafka({ clientId: `donor-${options.groupId}`, brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [requestsTopic, offersTopic], fromBeginning: true });

  const handle = async (topic: string, partition: number, message: KafkaMessage): Promise<void> => {
    const raw = message.value?.toString('utf8') ?? null;
    let value: unknown;
    try {
      value = raw === null ? null : JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const base = topic === requestsTopic ? CASE_REQUESTS_TOPIC : CASE_OFFERS_TOPIC;
    const result =
      value === undefined
        ? { ok: false, errors: ['value is not JSON'] }
        : validator.validate(value, { topic: base, headers: { type: header(message, HEADERS.eventType), schemaVersion: header(message, HEADERS.schemaVersion) } });
    const client = await options.pool.connect();
    try {
      await client.query('BEGIN');
      if (!result.ok) {
        await client.query('INSERT INTO donor_view.rejected_messages(topic, kafka_partition, kafka_offset, errors, raw) VALUES ($1, $2, $3, $4, $5)', [
          topic,
          partition,
          message.offset,
          JSON.stringify(result.errors),
          raw,
        ]);
        stats.rejected++;
        log(`rejected ${topic}/${partition}@${message.offset}: ${result.errors.join('; ')}`);
      } else {
        const event = value as CaseRequestsEvent | CaseOffersEvent;
        const fresh = await client.query('INSERT INTO donor_view.applied_events(event_id, topic, kafka_partition, kafka_offset) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
          event.eventId,
          topic,
          partition,
          message.offset,
        ]);
        if (fresh.rowCount === 0) {
          stats.duplicates++;
        } else {
          if (base === CASE_REQUESTS_TOPIC) await applyCaseEvent(client, event as CaseRequestsEvent);
          else await applyOfferEvent(client, event as CaseOffersEvent);
          stats.applied++;
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e; // kafkajs retries the message; the offset does not move
    } finally {
      client.release();
    }
  };

  await consumer.run({ eachMessage: ({ topic, partition, message }) => handle(topic, partition, message) });
  log(`following ${requestsTopic}, ${offersTopic} as group ${options.groupId}`);
  return { stats, stop: () => consumer.disconnect() };
}

function header(message: KafkaMessage, name: string): string | undefined {
  const v = message.headers?.[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? String(v[0]) : String(v);
}
