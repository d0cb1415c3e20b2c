// The relay process killed three times with SIGKILL while commands keep coming (the API, the
// relay each from its built entry point, on one PostgreSQL and the shared broker): every case
// event reaches Kafka, faithfully and in order per case; what a kill repeats is bounded (the
// batch that was sent but not checkpointed), and consumers deduplicate it by event id.
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_AUTH_KEYS_ENV } from '../support/auth';
import { requestBody, triageBody } from '../support/case-api';
import { collect, expectFaithful, hasAll, sharedBrokers, storedCaseEvents, uniquePrefix } from '../kafka/kafka-test-kit';
import type { Actors } from './support/journeys';
import { actorsFor } from './support/platform';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

const prefix = uniquePrefix('relay-kill');
const KILLS = 3;
const BATCH = 20; // events per relay batch: a kill repeats at most about one batch
let db: TestDatabase;
let api: PlatformProcess;
let relay: PlatformProcess | undefined;
let relayEnv: NodeJS.ProcessEnv;
let actors: Actors;

beforeAll(async () => {
  assertBuildIsCurrent();
  db = await createTestDatabase();
  const common = { DATABASE_URL: db.url, AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV };
  const apiPort = await freePort();
  const apiEnv = userEnvironment({ ...common, PORT: String(apiPort), AUDIT_SEALER: 'off', NOTIFY: 'off' });
  api = new PlatformProcess('api', ENTRY.api, apiEnv);
  await api.waitHealthy(`http://127.0.0.1:${apiPort}/health/ready`);
  actors = await actorsFor(`http://127.0.0.1:${apiPort}`, apiEnv);
  relayEnv = userEnvironment({ ...common, KAFKA_BROKERS: sharedBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_RELAY_BATCH_SIZE: String(BATCH) });
}, 120_000);

afterAll(async () => {
  await relay?.stop();
  await api?.stop();
  await db?.drop();
}, 60_000);

async function relayCheckpoint(): Promise<number> {
  const { rows } = await db.pool.query<{ p: string }>(`SELECT global_position AS p FROM event_store.consumers WHERE name = 'kafka-relay'`);
  return Number(rows[0]?.p ?? 0);
}

async function head(): Promise<number> {
  const { rows } = await db.pool.query<{ g: string | null }>('SELECT max(global_position) AS g FROM event_store.events');
  return Number(rows[0]!.g ?? 0);
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) {
      const sessions = await db.pool.query(`SELECT pid, application_name, state, wait_event, left(query, 80) AS query, backend_start FROM pg_stat_activity WHERE datname = current_database()`);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: relay at ${await relayCheckpoint()}, head ${await head()}\n${JSON.stringify(sessions.rows)}\n${relay?.log ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the relay process killed with SIGKILL under load', () => {
  it('publishes every case event, in order per case, repeating no more than the batches it was killed in', async () => {
    // The load: four clients submitting and triaging requests until told to stop.
    let loading = true;
    let cases = 0;
    const client = async () => {
      while (loading) {
        const { id } = await actors.state.post('/requests', requestBody({ title: { en: `Case ${randomUUID()}` } }), 201);
        await actors.secretariat.post(`/requests/${id}/triage`, triageBody);
        cases++;
      }
    };
    const load = Promise.all(Array.from({ length: 4 }, client));
    try {
      const killedAt: number[] = [];
      for (let k = 0; k < KILLS; k++) {
        relay = new PlatformProcess('relay', ENTRY.relay, relayEnv);
        const from = await relayCheckpoint();
        // Killed once it has published a few batches since it started: wherever it is then
        // (reading, sending, or between the broker's ack and its commit).
        const progress = BATCH + Math.floor(Math.random() * 3 * BATCH);
        await until(async () => (await relayCheckpoint()) >= from + progress, 60_000, `the relay to publish ${progress} events`);
        await relay.kill();
        killedAt.push(await relayCheckpoint());
      }
      expect(killedAt.every((p, i) => p > (killedAt[i - 1] ?? 0))).toBe(true);
    } finally {
      loading = false;
      await load;
    }
    expect(cases).toBeGreaterThan(20);

    relay = new PlatformProcess('relay', ENTRY.relay, relayEnv);
    const end = await head();
    await until(async () => (await relayCheckpoint()) >= end, 120_000, 'the last relay to catch up');

    const stored = await storedCaseEvents(db.pool);
    const got = await collect(sharedBrokers(), prefix, hasAll(stored), 60_000);
    expectFaithful(got, stored, prefix); // every stored case event, nothing else, first deliveries in order per case
    const perEvent = new Map<string, number>();
    for (const r of got) perEvent.set(r.value.eventId, (perEvent.get(r.value.eventId) ?? 0) + 1);
    const repeated = got.length - perEvent.size;
    // At least once: each kill can repeat what was sent and not yet checkpointed, no more than a batch.
    expect(Math.max(...perEvent.values())).toBeLessThanOrEqual(KILLS + 1);
    expect(repeated).toBeLessThanOrEqual(KILLS * BATCH);
    console.log(`relay killed ${KILLS} times under load: ${stored.length} case events, ${got.length} messages, ${repeated} repeated (deduplicated by event id)`);
  }, 300_000);
});
