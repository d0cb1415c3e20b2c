// The directory on Kafka: the API with KAFKA_BROKERS set publishes every directory event on
// ta.directory.organisations, keyed by the organisation id, valid against its contract, and an
// authority's contact point never leaves the platform.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ContractValidator, DIRECTORY_ORGANISATIONS_TOPIC } from '@ta/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS } from '../support/case-api';
import { collect, sharedBrokers, uniquePrefix } from '../kafka/kafka-test-kit';

const prefix = uniquePrefix('directory');
let t: TestApp;
let brokers: string[];
const savedPrefix = process.env.KAFKA_TOPIC_PREFIX;

beforeAll(async () => {
  brokers = sharedBrokers();
  process.env.KAFKA_TOPIC_PREFIX = prefix;
  t = await startTestApp({ KAFKA_BROKERS: brokers.join(',') });
}, 60_000);

afterAll(async () => {
  if (savedPrefix === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
  else process.env.KAFKA_TOPIC_PREFIX = savedPrefix;
  if (t) await t.close();
}, 30_000);

it('publishes the seed and a notification in order per organisation, valid, without the contact point', async () => {
  const id = `ke-kafka-${randomUUID().slice(0, 6)}`;
  const email = `contact.${randomUUID()}@example.go.ke`;
  const body = {
    organisationId: id,
    country: 'KE',
    names: { en: 'Kenya Anti-Corruption Authority (Kafka test)' },
    addresses: [],
    articles: ['art-6'],
    taTypes: ['c2-capacity-building'],
    languages: ['en'],
    notifiedOn: '2026-01-15',
    contactPoint: { name: 'Wanjiru Kamau', email, phone: null },
  };
  await request(t.server).post('/directory/authorities').set(ACTORS.state).send(body).expect(201);
  await request(t.server).post(`/directory/authorities/${id}/withdraw`).set(ACTORS.state).send({ notifiedOn: '2026-02-01', reason: 'Merged' }).expect(200);

  const stored = (await t.db.pool.query<{ event_id: string }>("SELECT event_id FROM event_store.events WHERE stream_id LIKE 'organisation-%'")).rows.map((r) => r.event_id);
  expect(stored.length).toBeGreaterThan(3); // the seed, then the notification and the withdrawal
  const got = await collect(brokers, prefix, (all) => stored.every((e) => all.some((r) => r.value.eventId === e)), 60_000, [DIRECTORY_ORGANISATIONS_TOPIC]);

  const validator = new ContractValidator();
  for (const r of got) {
    expect(validator.validate(r.value, { topic: DIRECTORY_ORGANISATIONS_TOPIC }).errors).toEqual([]);
    expect(r.key).toBe((r.value.data as { organisationId: string }).organisationId);
    expect(r.value.subject).toMatchObject({ kind: 'organisation', id: r.key });
    expect(r.raw).not.toContain(email);
    expect(r.raw).not.toContain('Wanjiru');
    expect(r.raw).not.toContain('contactPoint');
  }
  const mine = got.filter((r) => r.key === id);
  expect(mine.map((r) => r.value.type)).toEqual(['AuthorityNotified', 'AuthorityWithdrawn']);
  expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
  expect(got.some((r) => r.key === 'unodc' && r.value.type === 'OrganisationVerified')).toBe(true);
});
