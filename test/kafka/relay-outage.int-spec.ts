// The relay on its own broker, which this file stops and restarts: commands keep
// succeeding while Kafka is down, and once it is back everything is delivered, nothing
// lost, order per case kept. A relay restarted (a new process) resumes from its checkpoint.
import { KafkaRelay, loadRelayConfig } from '@ta/relay';
import { startTestApp, type TestApp } from '../support/app';
import { api, eventually, requestBody, streamEvents, triageBody } from '../support/case-api';
import { findFreeKafkaPort, restartKafka, startKafka, stopKafka, type KafkaBroker } from '../support/kafka-broker';
import { collect, expectFaithful, expectNoPersonalData, hasAll, storedCaseEvents, uniquePrefix, wholeCase } from './kafka-test-kit';

const prefix = uniquePrefix('outage');
let broker: KafkaBroker;
let t: TestApp;
let http: ReturnType<typeof api>;
let relay: KafkaRelay;
const logs: string[] = [];

function newRelay(): KafkaRelay {
  const config = loadRelayConfig(broker.brokers, { KAFKA_TOPIC_PREFIX: prefix, KAFKA_TOPIC_PARTITIONS: '3' });
  // Not one of the API's consumers: this file starts, stops and replaces it itself.
  return new KafkaRelay(t.infra.pool, t.infra.eventStore, config, { log: (l) => logs.push(l), backoff: { initialMs: 100, maxMs: 1000 }, pollIntervalMs: 200 });
}

beforeAll(async () => {
  broker = await startKafka({ port: await findFreeKafkaPort() });
  t = await startTestApp(); // publishing off in the API: this file runs its own relays
  http = api(t.server);
  relay = newRelay();
  relay.start();
  await relay.ready();
}, 120_000);

afterAll(async () => {
  await relay?.stop();
  if (t) await t.close();
  await broker?.stop({ deleteData: true });
}, 120_000);

const types = async (stream: string) => (await streamEvents(t.db.pool, stream)).map((e) => e.type);

describe('the relay when the broker goes away', () => {
  it('keeps accepting commands while Kafka is down and delivers everything, in order per case, once it is back', async () => {
    await wholeCase(http, types);
    await eventually(() => relay.status(), (s) => s.lagEvents === 0);

    await stopKafka(broker.port);
    const during: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id: string = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
      await http.post('secretariat', `/requests/${id}/triage`, triageBody).expect(200);
      during.push(id);
    }
    await wholeCase(http, types);
    const behind = await relay.status();
    expect(behind.lagEvents).toBeGreaterThanOrEqual(10 + 25 - 2);
    expect(logs.some((l) => l.includes('relay batch failed'))).toBe(true);

    broker = await restartKafka(broker.port);
    await eventually(() => relay.status(), (s) => s.lagEvents === 0, 30_000);
    expect(logs.some((l) => l.includes('publishing resumed'))).toBe(true);

    const stored = await storedCaseEvents(t.db.pool);
    const got = await collect(broker.brokers, prefix, hasAll(stored));
    expectFaithful(got, stored, prefix);
    expectNoPersonalData(got);
    for (const id of during) expect(got.filter((r) => r.key === id).map((r) => r.value.type)).toEqual(['RequestSubmitted', 'RequestTriaged']);
  }, 90_000);

  it('resumes from its checkpoint after a restart: nothing lost, nothing sent twice', async () => {
    await relay.stop();
    const id: string = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
    await http.post('secretariat', `/requests/${id}/triage`, triageBody).expect(200);
    expect((await relay.status()).lagEvents).toBe(2);

    relay = newRelay(); // as a new process would: same consumer name, same checkpoint
    relay.start();
    await relay.ready();
    await eventually(() => relay.status(), (s) => s.lagEvents === 0, 20_000);
    const stored = await storedCaseEvents(t.db.pool);
    const got = await collect(broker.brokers, prefix, hasAll(stored));
    expectFaithful(got, stored, prefix);
    expect(got.filter((r) => r.key === id).map((r) => r.value.type)).toEqual(['RequestSubmitted', 'RequestTriaged']);
  }, 60_000);
});
