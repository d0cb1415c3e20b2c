// The API, the projector and the relay as three processes (`npm start` with
// COORDINATION_PROJECTOR=external, `npm run start:projector`, `npm run start:relay`), each
// from its built entry point, configured by its environment only, on one PostgreSQL; the case's
// process managers and offer expiry in the projector's process (PROCESS_MANAGERS=projector, as
// docker-compose.yml runs them).
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_AUTH_KEYS_ENV } from '../support/auth';
import { sharedBrokers, uniquePrefix } from '../kafka/kafka-test-kit';
import { expectPublished } from './support/kafka-check';
import { overCapacity, wholeCase, type Actors } from './support/journeys';
import { actorsFor, expectReadyWithConsumers } from './support/platform';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

const prefix = uniquePrefix('as-started-processes');
let db: TestDatabase;
let api: PlatformProcess;
let projector: PlatformProcess;
let relay: PlatformProcess;
const base: Record<'api' | 'projector' | 'relay', string> = { api: '', projector: '', relay: '' };
let actors: Actors;

beforeAll(async () => {
  assertBuildIsCurrent();
  db = await createTestDatabase();
  const common = { DATABASE_URL: db.url, AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV, PROCESS_MANAGERS: 'projector' };
  const [apiPort, projectorPort, relayPort] = [await freePort(), await freePort(), await freePort()];
  const apiEnv = userEnvironment({ ...common, PORT: String(apiPort), COORDINATION_PROJECTOR: 'external' });
  api = new PlatformProcess('api', ENTRY.api, apiEnv);
  projector = new PlatformProcess('projector', ENTRY.projector, userEnvironment({ ...common, HEALTH_PORT: String(projectorPort) }));
  relay = new PlatformProcess(
    'relay',
    ENTRY.relay,
    userEnvironment({ ...common, HEALTH_PORT: String(relayPort), KAFKA_BROKERS: sharedBrokers().join(','), KAFKA_TOPIC_PREFIX: prefix }),
  );
  base.api = `http://127.0.0.1:${apiPort}`;
  base.projector = `http://127.0.0.1:${projectorPort}`;
  base.relay = `http://127.0.0.1:${relayPort}`;
  await Promise.all([api.waitHealthy(`${base.api}/health/ready`), projector.waitHealthy(`${base.projector}/health/ready`), relay.waitHealthy(`${base.relay}/health/ready`)]);
  actors = await actorsFor(base.api, apiEnv);
}, 120_000);

afterAll(async () => {
  const codes = await Promise.all([api, projector, relay].map((p) => p?.stop()));
  await db?.drop();
  expect(codes).toEqual([0, 0, 0]);
}, 60_000);

describe('the API, the projector and the relay as separate processes', () => {
  it('each runs its own consumers and says so on its health endpoint', async () => {
    await expectReadyWithConsumers(base.api, ['audit-sealer', 'notify']);
    await expectReadyWithConsumers(base.projector, ['coordination', 'directory-projector', 'practices-projector', 'iati-projector', 'case-process-managers', 'case-offer-expiry']);
    await expectReadyWithConsumers(base.relay, ['kafka-relay']);
    // A deployment with DATABASE_URL publishes no public view unless PUBLIC_VIEW=on.
    expect((await fetch(`${base.api}/public/requests`)).status).toBe(404);
  });

  it('carries cases through, with the read models and the process managers in the projector process and the Kafka feed from the relay process', async () => {
    await wholeCase(actors);
    const { active, cancelled } = await overCapacity(actors);
    expect([active.length, cancelled.length]).toEqual([4, 16]);
    await expectPublished(db.pool, sharedBrokers(), prefix);
  }, 180_000);
});
