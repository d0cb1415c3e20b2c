// The API with KAFKA_BROKERS set publishes the record on the shared test broker: a whole
// case lifecycle arrives once per event, in order per case, valid against its contract,
// without personal data; Kafka's own console consumer reads it; the example donor
// consumer builds its own view from it and drops duplicates.
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import request from 'supertest';
import { CASE_REQUESTS_TOPIC, ContractValidator, HEADERS, topicName } from '@ta/contracts';
import { startDonorConsumer, type DonorConsumer } from '../../examples/donor-consumer/donor-consumer';
import { startTestApp, type TestApp } from '../support/app';
import { api, eventually, requestBody, streamEvents, triageBody } from '../support/case-api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { runConsoleConsumer } from '../support/kafka-broker';
import { collect, expectFaithful, expectNoPersonalData, hasAll, sharedBrokers, storedCaseEvents, uniquePrefix, type Received, wholeCase } from '../kafka/kafka-test-kit';

const prefix = uniquePrefix('e2e');
let t: TestApp;
let http: ReturnType<typeof api>;
let brokers: string[];
let published: Received[];
const savedPrefix = process.env.KAFKA_TOPIC_PREFIX;

beforeAll(async () => {
  brokers = sharedBrokers();
  process.env.KAFKA_TOPIC_PREFIX = prefix;
  t = await startTestApp({ KAFKA_BROKERS: brokers.join(',') });
  http = api(t.server);
}, 60_000);

afterAll(async () => {
  if (savedPrefix === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
  else process.env.KAFKA_TOPIC_PREFIX = savedPrefix;
  if (t) await t.close();
}, 30_000);

const types = async (stream: string) => (await streamEvents(t.db.pool, stream)).map((e) => e.type);

describe('publishing the record on Kafka from the API', () => {
  it('delivers every event of a whole case lifecycle once, in order per case, valid, without personal data', async () => {
    const { requestId, offerId } = await wholeCase(http, types);
    // a restricted request: published without its free text
    const restrictedId: string = (await http.post('state', '/requests', requestBody({ restricted: true })).expect(201)).body.id;
    await http.post('secretariat', `/requests/${restrictedId}/triage`, triageBody).expect(200);

    const stored = await storedCaseEvents(t.db.pool);
    expect(stored).toHaveLength(28);
    published = await collect(brokers, prefix, hasAll(stored));
    // let a late duplicate show up, if the relay had sent one
    await new Promise((r) => setTimeout(r, 300));
    const first = expectFaithful(published, stored, prefix);
    expect(published).toHaveLength(first.length); // a healthy broker: exactly once
    expectNoPersonalData(published);

    const ofCase = first.filter((r) => r.key === requestId).sort((a, b) => a.offset - b.offset);
    expect(ofCase.map((r) => r.value.type)).toEqual([
      'RequestSubmitted',
      'RequestReturnedForClarification',
      'RequestClarificationProvided',
      'RequestTriaged',
      'EngagementProposed',
      'EngagementAccepted',
      'EngagementAccepted',
      'EngagementAgreed',
      'EngagementActivated',
      'RequestMatched',
      'MilestonePlanned',
      'RequestDeliveryStarted',
      'MilestoneRescheduled',
      'MilestoneReported',
      'MilestoneDisputed',
      'MilestoneReported',
      'MilestoneConfirmed',
      'EngagementCompleted',
      'CompletionContested',
      'EngagementCompleted',
      'CompletionAcknowledged',
      'RequestDelivered',
      'RequestFollowUpRecorded',
      'RequestClosed',
    ]);
    expect(first.filter((r) => r.key === offerId).map((r) => r.value.type)).toEqual(['OfferRegistered', 'CapacityCommitted']);
    const restricted = first.find((r) => r.key === restrictedId && r.value.type === 'RequestSubmitted')!;
    expect(restricted.value.data).toMatchObject({ restricted: true, title: null, description: null, beneficiaryInstitution: null });
    // process managers' steps are the system's, with their cause
    expect(ofCase.find((r) => r.value.type === 'RequestMatched')!.value).toMatchObject({ actorRole: 'system', causationId: expect.any(String) });

    const health = await request(t.server).get('/health/consumers').expect(200);
    expect(JSON.stringify(health.body)).toContain('kafka-relay');
  });

  it("is readable by Kafka's own console consumer, and each value validates against our schema", async () => {
    const topic = topicName(CASE_REQUESTS_TOPIC, prefix);
    const expected = published.filter((r) => r.topic === topic).length;
    const records = await runConsoleConsumer({ topic, brokers, maxMessages: expected, timeoutMs: 30_000 });
    expect(records).toHaveLength(expected);
    const validator = new ContractValidator();
    for (const r of records) {
      const value = JSON.parse(r.value ?? 'null') as { eventId: string; type: string; data: { requestId: string } };
      const result = validator.validate(value, { topic: CASE_REQUESTS_TOPIC, headers: { type: r.headers[HEADERS.eventType], schemaVersion: r.headers[HEADERS.schemaVersion] } });
      expect(result.errors).toEqual([]);
      expect(r.key).toBe(value.data.requestId);
      expect(r.headers[HEADERS.eventId]).toBe(value.eventId);
    }
  }, 90_000);

  describe('the example donor consumer', () => {
    let donorDb: TestDatabase;
    let donor: DonorConsumer;
    beforeAll(async () => {
      donorDb = await createTestDatabase({ poolSize: 4 });
    });
    afterAll(async () => {
      await donor?.stop();
      await donorDb?.drop();
    });

    it('builds its own view from the feed, validating each message, and drops a redelivered event', async () => {
      donor = await startDonorConsumer({ brokers, pool: donorDb.pool, groupId: `donor-${prefix}`, topicPrefix: prefix });
      const total = new Set(published.map((r) => r.value.eventId)).size;
      await eventually(async () => donor.stats.applied, (n) => n === total, 30_000);

      // the platform delivers at least once: send one message again, as a relay retry would
      const again = published.find((r) => r.value.type === 'RequestTriaged')!;
      const producer = new Kafka({ clientId: 'redeliver', brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      await producer.send({ topic: again.topic, acks: -1, messages: [{ key: again.key, value: again.raw, headers: again.headers }] });
      // and one that breaks the contract
      await producer.send({
        topic: again.topic,
        acks: -1,
        messages: [{ key: again.key, value: JSON.stringify({ ...again.value, data: { ...again.value.data as object, contactPerson: { name: 'x' } } }) }],
      });
      await producer.disconnect();
      await eventually(async () => donor.stats.duplicates + donor.stats.rejected, (n) => n === 2, 20_000);
      expect(donor.stats).toEqual({ applied: total, duplicates: 1, rejected: 1 });

      const cases = await donorDb.pool.query('SELECT request_id, status, need_met, engagements, restricted, title FROM donor_view.cases ORDER BY status');
      const closed = cases.rows.find((r) => r.status === 'closed');
      expect(closed).toMatchObject({ need_met: 'met', restricted: false });
      expect(Object.values(closed.engagements)).toEqual(['acknowledged']);
      expect(cases.rows.find((r) => r.restricted === true)).toMatchObject({ status: 'open', title: null });
      const offers = await donorDb.pool.query('SELECT remaining, status FROM donor_view.offers');
      expect(offers.rows).toEqual([{ remaining: '6000000', status: 'open' }]);
    }, 90_000);
  });
});
