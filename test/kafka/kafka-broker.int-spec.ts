// Smoke test of the real Kafka broker that infra/kafka/kafka.sh runs (Kafka 4.x, KRaft),
// and proof that kafkajs 2.2.4 speaks to it: topics, idempotent acks=all produce with
// keys and headers, group consume with per-key order, Kafka's own console consumer,
// and data that survives a broker restart.
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';
import { findFreeKafkaPort, restartKafka, runConsoleConsumer, startKafka, type KafkaBroker } from '../support/kafka-broker';

const TOPIC = 'smoke.ta-events';
const KEYS = Array.from({ length: 10 }, (_, i) => `case-${i}`);
const PER_KEY = 10;
const TOTAL = KEYS.length * PER_KEY;

interface Received {
  partition: number;
  offset: string;
  key: string;
  seq: number;
  headers: Record<string, string>;
  value: { key: string; seq: number; n: number };
}

function decode(partition: number, m: KafkaMessage): Received {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
  const value = JSON.parse(String(m.value)) as Received['value'];
  return { partition, offset: m.offset, key: String(m.key), seq: value.seq, headers, value };
}

async function consumeAll(kafka: Kafka, groupId: string, expected: number, timeoutMs = 60_000): Promise<Received[]> {
  const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const got: Received[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${got.length}/${expected} in ${timeoutMs}ms`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            got.push(decode(partition, message));
            if (got.length >= expected) {
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
  return got;
}

function expectPerKeyOrder(records: Array<{ key: string | null; seq: number }>): void {
  const byKey = new Map<string, number[]>();
  for (const r of records) {
    const list = byKey.get(r.key ?? '') ?? [];
    list.push(r.seq);
    byKey.set(r.key ?? '', list);
  }
  expect([...byKey.keys()].sort()).toEqual([...KEYS].sort());
  for (const seqs of byKey.values()) expect(seqs).toEqual(Array.from({ length: PER_KEY }, (_, i) => i));
}

describe('real Kafka broker (infra/kafka/kafka.sh) with kafkajs', () => {
  let port: number;
  let broker: KafkaBroker;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    port = await findFreeKafkaPort();
    broker = await startKafka({ port });
    kafka = new Kafka({ clientId: 'kafka-smoke', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
  }, 300_000);

  afterAll(async () => {
    await admin?.disconnect().catch(() => undefined);
    await broker?.stop({ deleteData: true });
  }, 120_000);

  it('creates a topic with 3 partitions', async () => {
    expect(await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
    const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    expect(meta.topics[0]!.partitions).toHaveLength(3);
  });

  it('produces 100 keyed messages with headers (idempotent, acks=all)', async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      let n = 0;
      // 10 rounds, one message per key each: per-key order is then send order
      for (let seq = 0; seq < PER_KEY; seq++) {
        const results = await producer.send({
          topic: TOPIC,
          acks: -1,
          messages: KEYS.map((key) => ({
            key,
            value: JSON.stringify({ key, seq, n: n++ }),
            headers: { 'x-seq': String(seq), 'x-source': 'smoke' },
          })),
        });
        for (const r of results) expect(r.errorCode).toBe(0);
      }
    } finally {
      await producer.disconnect();
    }
    const offsets = await admin.fetchTopicOffsets(TOPIC);
    expect(offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)).toBe(TOTAL);
  });

  it('consumes them with kafkajs in per-key order, each key on one partition', async () => {
    const got = await consumeAll(kafka, 'smoke-group-1', TOTAL);
    expect(got).toHaveLength(TOTAL);
    expectPerKeyOrder(got);
    for (const r of got) {
      expect(r.value.key).toBe(r.key);
      expect(r.headers).toEqual({ 'x-seq': String(r.seq), 'x-source': 'smoke' });
    }
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const r of got) partitionsOfKey.set(r.key, (partitionsOfKey.get(r.key) ?? new Set()).add(r.partition));
    for (const set of partitionsOfKey.values()) expect(set.size).toBe(1);
    expect(new Set(got.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it("reads them with Kafka's own console consumer", async () => {
    const records = await runConsoleConsumer({ topic: TOPIC, brokers: broker.brokers, maxMessages: TOTAL, timeoutMs: 30_000 });
    expect(records).toHaveLength(TOTAL);
    const parsed = records.map((r) => {
      const value = JSON.parse(r.value ?? 'null') as Received['value'];
      expect(r.key).toBe(value.key);
      expect(r.headers).toEqual({ 'x-seq': String(value.seq), 'x-source': 'smoke' });
      return { key: r.key, seq: value.seq };
    });
    expectPerKeyOrder(parsed);
  });

  it('keeps messages and committed offsets across a broker restart', async () => {
    await admin.disconnect();
    broker = await restartKafka(port);
    admin = kafka.admin();
    await admin.connect();

    const committed = await admin.fetchOffsets({ groupId: 'smoke-group-1', topics: [TOPIC] });
    const sum = committed[0]!.partitions.reduce((s, p) => s + Number(p.offset), 0);
    expect(sum).toBe(TOTAL);

    const again = await consumeAll(kafka, 'smoke-group-after-restart', TOTAL);
    expect(again).toHaveLength(TOTAL);
    expectPerKeyOrder(again);

    // and it still takes writes
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: 'after-restart', value: '{}' }] });
    await producer.disconnect();
    const offsets = await admin.fetchTopicOffsets(TOPIC);
    expect(offsets.reduce((s, p) => s + Number(p.high), 0)).toBe(TOTAL + 1);
  }, 240_000);
});
