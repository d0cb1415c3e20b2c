// The API as a single process on a given PostgreSQL and Kafka: its built entry point on a
// PostgreSQL given by DATABASE_URL, publishing to Kafka (KAFKA_BROKERS) with the relay and the
// projectors inside the API. (docker-compose.yml runs them in processes of their own, twice
// each: test/as-started/standby-failover.e2e-spec.ts.)
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_AUTH_KEYS_ENV } from '../support/auth';
import { sharedBrokers, uniquePrefix } from '../kafka/kafka-test-kit';
import { expectPublished } from './support/kafka-check';
import { wholeCase, withdrawal, type Actors } from './support/journeys';
import { actorsFor, expectReadyWithConsumers } from './support/platform';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

const prefix = uniquePrefix('as-started-compose');
let db: TestDatabase;
let api: PlatformProcess;
let base: string;
let actors: Actors;

beforeAll(async () => {
  assertBuildIsCurrent();
  db = await createTestDatabase();
  const port = await freePort();
  const env = userEnvironment({
    DATABASE_URL: db.url,
    KAFKA_BROKERS: sharedBrokers().join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    PORT: String(port),
    AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV,
  });
  api = new PlatformProcess('api', ENTRY.api, env);
  base = `http://127.0.0.1:${port}`;
  await api.waitHealthy(`${base}/health/ready`);
  actors = await actorsFor(base, env);
}, 120_000);

afterAll(async () => {
  const code = await api?.stop();
  await db?.drop();
  expect(code).toBe(0);
}, 60_000);

describe('the API as a single process (given PostgreSQL, Kafka, the relay inside the API)', () => {
  it('runs the projector, the process managers, the sealer and the relay', async () => {
    await expectReadyWithConsumers(base, ['coordination', 'directory-projector', 'practices-projector', 'iati-projector', 'case-process-managers', 'case-offer-expiry', 'audit-sealer', 'notify', 'kafka-relay']);
  });

  it('carries cases through, and publishes every case event to Kafka, in order per case', async () => {
    await wholeCase(actors);
    await withdrawal(actors);
    await expectPublished(db.pool, sharedBrokers(), prefix);
  }, 150_000);
});
