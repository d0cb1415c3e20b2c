import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { loadConfig, startProcess, type Infrastructure } from '@ta/platform';
import { apiProcess } from '../../apps/api/src/api.process';
import { TEST_AUTH_KEYS_ENV } from './auth';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestApp {
  readonly app: INestApplication;
  readonly infra: Infrastructure;
  readonly db: TestDatabase;
  /** The HTTP server, for supertest: `request(t.server)`. */
  readonly server: ReturnType<INestApplication['getHttpServer']>;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The real API on a fresh PostgreSQL database, listening on an ephemeral port, started by
 * `startProcess` like `npm start` (test/as-started runs the built entry points themselves).
 * The environment is the test's: publishing off, the test signing key, no rate limit, and no
 * audit sealer (it appends LogSealed events on its own schedule, which would upset tests that
 * count events; `{ AUDIT_SEALER: 'on' }` turns it on), no development identity provider
 * (`{ AUTH_DEV_PROVIDER: 'on' }` starts it on an ephemeral port). `options.clock`: the offer expiry scheduler's
 * clock (the HTTP commands keep the real one). `options.log`: the process's log lines. `options.logger`: the API's
 * logger. `options.db`: start on that database and leave it there on close (a process restarted on the same data).
 * The directory starts with the test providers (`directory-seed.json`), entered by events like any seed.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { clock?: () => Date; db?: TestDatabase; log?: (line: string) => void; logger?: LoggerService } = {},
): Promise<TestApp> {
  const { db: given, log, ...processOptions } = options;
  const db = given ?? (await createTestDatabase());
  const config = loadConfig({
    ...process.env,
    KAFKA_BROKERS: '',
    AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV,
    RATE_LIMIT_PER_MINUTE: '0',
    AUDIT_SEALER: 'off',
    AUTH_DEV_PROVIDER: 'off',
    DIRECTORY_SEED_FILE: join(__dirname, 'directory-seed.json'),
    HOST: '127.0.0.1',
    PORT: '0',
    ...env,
    DATABASE_URL: db.url,
  });
  const running = await startProcess(apiProcess({ logger: false, ...processOptions }), config, log ? { log } : {});
  const app = running.http as INestApplication; // the API's is a NestJS application
  return {
    app,
    infra: running.infra,
    db,
    server: app.getHttpServer(),
    url: running.url!,
    async close() {
      await running.close();
      if (!given) await db.drop();
    },
  };
}
