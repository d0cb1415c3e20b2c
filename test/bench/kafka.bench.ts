/**
 * npm run bench:kafka
 * In one run, on its own broker (infra/kafka/kafka.sh) and PostgreSQL (bench-database.ts):
 * 1. throughput: the relay publishing N stored events from the event store to Kafka
 *    (read, map, validate, send with acks=all, move the checkpoint) beside a bare kafkajs
 *    producer (same idempotent acks=all settings) sending the same messages, pre-built, in
 *    batches of the same size: `publish_ratio` = relay / bare;
 * 2. latency from append (before the call) to the broker's acknowledgement of that event,
 *    at a steady 200 events/s: p50 and p99.
 * Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Kafka, logLevel, Partitioners, type Message, type TopicMessages } from 'kafkajs';
import { CONTENT_TYPE, HEADERS, toIntegrationEvent } from '@ta/contracts';
import { ExpectedVersion, openPostgresEventStore, type NewEvent, type RecordedEvent } from '@ta/event-store';
import { KafkaRelay, loadRelayConfig } from '@ta/relay';
import { findFreeKafkaPort, startKafka } from '../support/kafka-broker';
import { openBenchDatabase } from './bench-database';

const EVENTS = Number(process.env.BENCH_KAFKA_EVENTS ?? 20_000);
const RATE = Number(process.env.BENCH_KAFKA_RATE ?? 200);
const LATENCY_SECONDS = Number(process.env.BENCH_KAFKA_SECONDS ?? 15);
const BATCH = 500;

function caseEvents(): NewEvent[] {
  const requestId = randomUUID();
  const at = new Date().toISOString();
  const meta = () => ({ actorId: 'fp-ke', actorRole: 'state', correlationId: randomUUID(), causationId: null, occurredAt: at });
  const e = (type: string, data: object): NewEvent => ({ id: randomUUID(), type, schemaVersion: 1, data: { requestId, at, ...data }, metadata: meta() });
  return [
    e('RequestSubmitted', {
      country: 'KE',
      title: { en: 'Verification of asset declarations', fr: 'Vérification des déclarations de patrimoine' },
      description: { en: 'Support to design a risk-based verification of asset declarations of public officials.' },
      suggestedArticles: ['art-8'],
      suggestedTaTypes: ['c2-capacity-building'],
      beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
      preferredLanguages: ['en'],
      desiredWindow: null,
      findingRef: null,
      restricted: false,
      contactPerson: { name: 'Amina Njoroge', email: 'amina.njoroge@example.go.ke' },
    }),
    e('RequestReturnedForClarification', { question: { en: 'Which agencies are in scope?' } }),
    e('RequestClarificationProvided', { answer: { en: 'The EACC and the Public Service Commission.' } }),
    e('RequestTriaged', { articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' }),
    e('RequestWithdrawn', { reason: 'Covered by a national programme' }),
  ];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const log = (l: string) => console.log(l);
  const port = await findFreeKafkaPort();
  log(`starting a Kafka broker on 127.0.0.1:${port} and PostgreSQL...`);
  const [broker, db] = await Promise.all([startKafka({ port }), openBenchDatabase(10)]);
  const es = await openPostgresEventStore(db.pool);
  let relay: KafkaRelay | null = null;
  try {
    // seed N events: cases of 5 events, appended 8 at a time
    const streams = Math.ceil(EVENTS / 5);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < streams) {
          next++;
          await es.store.append(`request-${randomUUID()}`, caseEvents(), ExpectedVersion.noStream);
        }
      }),
    );
    const stored: RecordedEvent[] = [];
    for (let after = undefined as RecordedEvent['logPosition'] | undefined; ; ) {
      const page = await es.store.readAll({ ...(after ? { after } : {}), limit: 5000 });
      if (page.length === 0) break;
      stored.push(...page);
      after = page[page.length - 1]!.logPosition;
    }
    const total = stored.length;
    log(`seeded ${total} events on ${db.server}`);

    // 1a. the relay
    let published = 0;
    let onAck: ((events: readonly RecordedEvent[]) => void) | null = null;
    let caughtUp: () => void = () => undefined;
    const done = new Promise<void>((r) => (caughtUp = r));
    const config = loadRelayConfig(broker.brokers, { KAFKA_TOPIC_PREFIX: 'bench-relay.', KAFKA_TOPIC_PARTITIONS: '3', KAFKA_RELAY_BATCH_SIZE: String(BATCH) });
    relay = new KafkaRelay(db.pool, es, config, {
      log: () => undefined,
      onPublished: (events) => {
        published += events.length;
        if (published >= total) caughtUp();
        onAck?.(events);
      },
    });
    // topics and connections first, so that the timing is publishing only
    const t0 = performance.now();
    relay.start();
    await relay.ready();
    const tReady = performance.now();
    await done;
    const relaySeconds = (performance.now() - tReady) / 1000;
    const relayRate = total / relaySeconds;
    log(`relay: ${total} events in ${round(relaySeconds, 2)} s = ${Math.round(relayRate)} events/s (start-up ${Math.round(tReady - t0)} ms)`);

    // 1b. the bare producer: the same messages, already mapped and serialised, same batch size
    const kafka = new Kafka({ clientId: 'bench-bare', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: ['bench-bare.ta.case.requests', 'bench-bare.ta.case.offers'].map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
    });
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const messages: Array<{ topic: string; message: Message }> = stored.map((e) => {
      const m = toIntegrationEvent(e, { restricted: false })!; // the seeded requests are not restricted
      return {
        topic: `bench-bare.${m.topic}`,
        message: {
          key: m.key,
          value: JSON.stringify(m.value),
          headers: {
            [HEADERS.eventId]: m.value.eventId,
            [HEADERS.eventType]: m.value.type,
            [HEADERS.schemaVersion]: String(m.value.schemaVersion),
            [HEADERS.correlationId]: m.value.correlationId,
            [HEADERS.contentType]: CONTENT_TYPE,
          },
        },
      };
    });
    const b0 = performance.now();
    for (let i = 0; i < messages.length; i += BATCH) {
      const byTopic = new Map<string, Message[]>();
      for (const { topic, message } of messages.slice(i, i + BATCH)) byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
      const topicMessages: TopicMessages[] = [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
      await producer.sendBatch({ acks: -1, topicMessages });
    }
    const bareSeconds = (performance.now() - b0) / 1000;
    const bareRate = total / bareSeconds;
    await producer.disconnect();
    log(`bare kafkajs producer: ${total} messages in ${round(bareSeconds, 2)} s = ${Math.round(bareRate)} messages/s`);
    log(`publish_ratio = ${round(relayRate / bareRate, 3)}`);

    // 2. latency at a steady rate, append -> broker ack
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    onAck = (events) => {
      const now = performance.now();
      for (const e of events) {
        const s = sentAt.get(e.id);
        if (s !== undefined) latencies.push(now - s);
      }
    };
    const n = RATE * LATENCY_SECONDS;
    const interval = 1000 / RATE;
    const start = performance.now();
    const inFlight: Array<Promise<unknown>> = [];
    for (let i = 0; i < n; i++) {
      const target = start + i * interval;
      const wait = target - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const [first] = caseEvents();
      sentAt.set(first!.id, performance.now());
      inFlight.push(es.store.append(`request-${randomUUID()}`, [first!], ExpectedVersion.noStream));
    }
    await Promise.all(inFlight);
    const until = performance.now() + 10_000;
    while (latencies.length < n && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    const achieved = n / ((performance.now() - start) / 1000);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = pct(sorted, 50);
    const p99 = pct(sorted, 99);
    log(`latency at ${RATE} events/s for ${LATENCY_SECONDS} s (${latencies.length}/${n} acknowledged): p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(sorted.at(-1)!)} ms`);

    const result = {
      bench: 'kafka',
      events: total,
      batch_size: BATCH,
      relay_events_per_s: Math.round(relayRate),
      bare_producer_messages_per_s: Math.round(bareRate),
      publish_ratio: round(relayRate / bareRate, 3),
      latency_rate_events_per_s: RATE,
      latency_samples: latencies.length,
      latency_lost: n - latencies.length,
      ack_p50_ms: round(p50),
      ack_p99_ms: round(p99),
      ack_max_ms: round(sorted.at(-1)!),
      achieved_rate: round(achieved),
      broker: `Apache Kafka (infra/kafka, 1 node) on 127.0.0.1:${port}`,
      postgres: db.server,
      cpus: cpus().length,
      node: process.version,
    };
    await relay.stop();
    relay = null;
    await es.close();
    await db.close();
    await broker.stop({ deleteData: true });
    console.log(JSON.stringify(result));
  } catch (e) {
    await relay?.stop().catch(() => undefined);
    await es.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await broker.stop({ deleteData: true }).catch(() => undefined);
    throw e;
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
