// Helpers for the Kafka tests: the shared broker, a unique topic prefix per test file, a
// collecting kafkajs consumer, and the checks every published message must pass.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { CASE_OFFERS_TOPIC, CASE_REQUESTS_TOPIC, ContractValidator, HEADERS, topicName, type IntegrationEvent } from '@ta/contracts';
import { api, eventually, offerBody, requestBody, triageBody } from '../support/case-api';

export function sharedBrokers(): string[] {
  const b = process.env.TEST_KAFKA_BROKERS;
  if (!b) throw new Error('TEST_KAFKA_BROKERS is not set: run through jest (test/support/global-setup.ts starts a broker) and not with TEST_KAFKA=off');
  return b.split(',');
}

export const uniquePrefix = (name: string) => `t-${name}-${randomUUID().slice(0, 8)}.`;

export interface Received {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly raw: string;
  readonly value: IntegrationEvent;
}

function decode(topic: string, partition: number, m: KafkaMessage): Received {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
  const raw = String(m.value);
  return { topic, partition, offset: Number(m.offset), key: String(m.key), headers, raw, value: JSON.parse(raw) as IntegrationEvent };
}

/**
 * Waits until the relay has created the topics (it does so when it starts, beside the API's
 * start): subscribing to a topic not there yet fails with "does not host this topic-partition".
 */
async function topicsExist(kafka: Kafka, names: readonly string[], timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const existing = new Set(await admin.listTopics());
      if (names.every((n) => existing.has(n))) return;
      if (Date.now() > until) throw new Error(`topics ${names.filter((n) => !existing.has(n)).join(', ')} not created within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** Reads the topics (the two case topics by default) from the beginning until `done(all received)` holds. */
export async function collect(
  brokers: string[],
  prefix: string,
  done: (got: Received[]) => boolean,
  timeoutMs = 30_000,
  topics: readonly string[] = [CASE_REQUESTS_TOPIC, CASE_OFFERS_TOPIC],
): Promise<Received[]> {
  const kafka = new Kafka({ clientId: 'test-collector', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `collector-${randomUUID()}`, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const got: Received[] = [];
  const names = topics.map((t) => topicName(t, prefix));
  await topicsExist(kafka, names, timeoutMs);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: topics.map((t) => topicName(t, prefix)), fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`collected ${got.length} messages in ${timeoutMs} ms, condition not met`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            got.push(decode(topic, partition, message));
            if (done(got)) {
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

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
}

/** Every case event in the store, in all-stream order. */
export async function storedCaseEvents(pool: Pool): Promise<StoredEvent[]> {
  const { rows } = await pool.query<{ id: string; type: string; stream_id: string }>(
    `SELECT event_id AS id, event_type AS type, stream_id FROM event_store.events
      WHERE stream_id ~ '^(request|offer|engagement)-' ORDER BY commit_order, global_position`,
  );
  return rows.map((r) => ({ id: r.id, type: r.type, streamId: r.stream_id }));
}

/** True when every stored event id has been received at least once. */
export const hasAll = (stored: readonly StoredEvent[]) => (got: readonly Received[]) => {
  const ids = new Set(got.map((r) => r.value.eventId));
  return stored.every((e) => ids.has(e.id));
};

const validator = new ContractValidator();

/**
 * The published stream is right: each message valid against its contract with headers that
 * agree, on the topic and key its contract says; each key on one partition; per key, the
 * first delivery of each event in the store's order. Returns the first deliveries.
 */
export function expectFaithful(got: readonly Received[], stored: readonly StoredEvent[], prefix: string): Received[] {
  const first = new Map<string, Received>();
  const partitionsOfKey = new Map<string, Set<number>>();
  for (const r of got) {
    const base = r.topic.slice(prefix.length);
    const result = validator.validate(r.value, { topic: base, headers: { type: r.headers[HEADERS.eventType], schemaVersion: r.headers[HEADERS.schemaVersion] } });
    expect(result.errors).toEqual([]);
    expect(r.headers[HEADERS.eventId]).toBe(r.value.eventId);
    expect(r.headers[HEADERS.correlationId]).toBe(r.value.correlationId);
    expect(r.headers[HEADERS.contentType]).toBe('application/json');
    const data = r.value.data as { requestId?: string; offerId?: string };
    expect(r.key).toBe(base === CASE_REQUESTS_TOPIC ? data.requestId : data.offerId);
    const k = `${r.topic}/${r.key}`;
    partitionsOfKey.set(k, (partitionsOfKey.get(k) ?? new Set()).add(r.partition));
    if (!first.has(r.value.eventId)) first.set(r.value.eventId, r);
  }
  for (const set of partitionsOfKey.values()) expect(set.size).toBe(1);
  // nothing published that is not in the store, nothing in the store left out
  expect(new Set(first.keys())).toEqual(new Set(stored.map((e) => e.id)));
  // per key: first deliveries in Kafka (offset) order == store order restricted to that key
  const storeIndex = new Map(stored.map((e, i) => [e.id, i]));
  const byKey = new Map<string, Received[]>();
  for (const r of first.values()) byKey.set(`${r.topic}/${r.key}`, [...(byKey.get(`${r.topic}/${r.key}`) ?? []), r]);
  for (const list of byKey.values()) {
    const kafkaOrder = [...list].sort((a, b) => a.offset - b.offset).map((r) => r.value.eventId);
    const storeOrder = [...list].sort((a, b) => storeIndex.get(a.value.eventId)! - storeIndex.get(b.value.eventId)!).map((r) => r.value.eventId);
    expect(kafkaOrder).toEqual(storeOrder);
  }
  return [...first.values()];
}

export const CONTACT = { name: 'Amina Njoroge', email: 'amina.njoroge@example.go.ke' };

/** Personal data never leaves: no contact person, no actor ids, in any value or header. */
export function expectNoPersonalData(got: readonly Received[]): void {
  for (const r of got) {
    const text = r.raw + JSON.stringify(r.headers);
    expect(text).not.toContain(CONTACT.name);
    expect(text).not.toContain(CONTACT.email);
    expect(text).not.toContain('contactPerson');
    expect(text).not.toContain('fp-ke'); // actor ids (people) stay on the platform
    expect(text).not.toContain('unodc-officer-1');
  }
}

type Http = ReturnType<typeof api>;

/** One whole case through HTTP, as in test/e2e/case-lifecycle.e2e-spec.ts. Returns its ids. */
export async function wholeCase(http: Http, streamTypes: (stream: string) => Promise<string[]>): Promise<{ requestId: string; offerId: string; engagementId: string }> {
  const requestId: string = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
  await http.post('secretariat', `/requests/${requestId}/return-for-clarification`, { question: { en: 'Which agencies are in scope?' } }).expect(200);
  await http.post('state', `/requests/${requestId}/clarification`, { answer: { en: 'The EACC and the Public Service Commission.' } }).expect(200);
  await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
  const offerId: string = (await http.post('donor', '/offers', offerBody()).expect(201)).body.id;
  const engagementId: string = (
    await http.post('secretariat', '/engagements', { requestId, offerId, amount: '40000.00', score: 0.86, reasons: ['article 8 in both'] }).expect(201)
  ).body.id;
  await http.post('donor', `/engagements/${engagementId}/accept`).expect(200);
  await http.post('state', `/engagements/${engagementId}/accept`).expect(200);
  await eventually(() => streamTypes(`request-${requestId}`), (ts) => ts.includes('RequestMatched'));
  const milestoneId: string = (await http.post('donor', `/engagements/${engagementId}/milestones`, { title: { en: 'Risk model delivered' }, dueDate: '2027-03-31' }).expect(201))
    .body.milestoneId;
  await eventually(() => streamTypes(`request-${requestId}`), (ts) => ts.includes('RequestDeliveryStarted'));
  await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/reschedule`, { dueDate: '2027-04-30', reason: 'Expert unavailable' }).expect(200);
  await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
  await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/dispute`, { reason: 'County governments missing' }).expect(200);
  await http.post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`).expect(200);
  await http.post('state', `/engagements/${engagementId}/milestones/${milestoneId}/confirm`).expect(200);
  await http.post('secretariat', `/engagements/${engagementId}/complete`).expect(200);
  await http.post('state', `/engagements/${engagementId}/contest`, { reason: 'Final report missing' }).expect(200);
  await http.post('donor', `/engagements/${engagementId}/complete`).expect(200);
  await http.post('state', `/engagements/${engagementId}/acknowledge`).expect(200);
  await eventually(() => streamTypes(`request-${requestId}`), (ts) => ts.includes('RequestDelivered'));
  await http.post('state', `/requests/${requestId}/follow-up`, { needMet: 'met', comment: { en: 'Verification covers 12,000 declarations a year.' } }).expect(200);
  await http.post('secretariat', `/requests/${requestId}/close`).expect(200);
  return { requestId, offerId, engagementId };
}
