// The seals reach Kafka: the relay publishes each LogSealed event on ta.audit.seals, one key,
// in order, valid against its contract; a holder of those messages verifies the log with them.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { AUDIT_SEALS_TOPIC, ContractValidator, topicName, type LogSealedV1 } from '@ta/contracts';
import { ExpectedVersion, type PostgresEventStoreHandle } from '@ta/event-store';
import { KafkaRelay, loadRelayConfig } from '@ta/relay';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { sharedBrokers } from '../../../test/kafka/kafka-test-kit';
import { parseExternalSeals, sealRepository, verifyLog } from '../src';
import { newEvent, sealEverything, openAuditedStore } from './audit-test-kit';

const prefix = `t-audit-${randomUUID().slice(0, 8)}.`;
let db: TestDatabase;
let es: PostgresEventStoreHandle;
let relay: KafkaRelay;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 10 });
  es = await openAuditedStore(db.pool);
  relay = new KafkaRelay(db.pool, es, loadRelayConfig(sharedBrokers(), { KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '3' }), { pollIntervalMs: 100 });
  relay.start();
  await relay.ready();
}, 60_000);
afterAll(async () => {
  await relay?.stop();
  await es?.close();
  await db?.drop();
});

it('publishes every seal on ta.audit.seals under one key, in order and valid, and they verify the log', async () => {
  // Events of no case type on no case stream: the relay publishes nothing of them, only the seals.
  for (let i = 0; i < 10; i++) await es.store.append(`ledger-${i % 3}`, [newEvent('LedgerNoted', { i })], ExpectedVersion.any);
  await sealEverything(db.pool, es);
  const seals = await sealRepository.all(db.pool);

  const kafka = new Kafka({ clientId: 'seal-holder', brokers: sharedBrokers(), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `holder-${randomUUID()}` });
  const got: Array<{ partition: number; key: string; value: LogSealedV1 }> = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topicName(AUDIT_SEALS_TOPIC, prefix)], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${got.length} of ${seals.length} seals`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            got.push({ partition, key: String(message.key), value: JSON.parse(String(message.value)) as LogSealedV1 });
            if (new Set(got.map((g) => g.value.eventId)).size >= seals.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }

  const validator = new ContractValidator();
  expect(new Set(got.map((g) => g.key))).toEqual(new Set(['log']));
  expect(new Set(got.map((g) => g.partition)).size).toBe(1);
  expect(got.map((g) => g.value.data.sealNo)).toEqual(seals.map((s) => s.sealNo));
  for (const g of got) expect(validator.validate(g.value, { topic: AUDIT_SEALS_TOPIC }).errors).toEqual([]);

  const kept = parseExternalSeals(JSON.stringify(got.map((g) => ({ value: JSON.stringify(g.value) }))));
  expect(await verifyLog(db.pool, { externalSeals: kept })).toMatchObject({ ok: true, externalSealsChecked: seals.length });
}, 90_000);
