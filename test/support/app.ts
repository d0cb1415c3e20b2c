import type { INestApplication } from '@nestjs/common';
import { loadConfig, openInfrastructure, type Infrastructure } from '@ta/platform';
import { createApp } from '../../apps/api/src/create-app';
import { API_MIGRATION_SETS } from '../../apps/api/src/migration-sets';
import { TEST_AUTH_KEYS_ENV } from './auth';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  readonly app: INestApplication;
  readonly infra: Infrastructure;
  readonly db: TestDatabase;
  /** The HTTP server, for supertest: `request(t.server)`. */
  readonly server: ReturnType<INestApplication['getHttpServer']>;
  close(): Promise<void>;
}

/** The real API on a fresh PostgreSQL database, listening on an ephemeral port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = {
    ...loadConfig({ ...process.env, KAFKA_BROKERS: '', AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV, RATE_LIMIT_PER_MINUTE: '0', ...env }),
    databaseUrl: db.url,
  };
  const infra = await openInfrastructure(config, { migrationSets: API_MIGRATION_SETS });
  const app = await createApp(infra, { logger: false });
  // The audit sealer appends LogSealed events on its own schedule, which would upset tests that
  // count events: it runs only in apps started with { AUDIT_SEALER: 'on' }.
  const sealer = process.env.AUDIT_SEALER;
  process.env.AUDIT_SEALER = env.AUDIT_SEALER ?? 'off';
  try {
    await app.init();
  } finally {
    if (sealer === undefined) delete process.env.AUDIT_SEALER;
    else process.env.AUDIT_SEALER = sealer;
  }
  infra.consumers.startAll();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    infra,
    db,
    server: app.getHttpServer(),
    async close() {
      await app.close();
      await infra.close();
      await db.drop();
    },
  };
}
