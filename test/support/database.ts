import { randomUUID } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createPool } from '@ta/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** This jest worker's PostgreSQL cluster (test/support/global-setup.ts starts one per worker). */
function adminUrl(): string {
  const urls = (process.env.TEST_ADMIN_DATABASE_URLS ?? '').split(' ').filter(Boolean);
  if (urls.length === 0) throw new Error('TEST_ADMIN_DATABASE_URLS is not set: run the tests through jest (test/support/global-setup.ts)');
  const worker = Number(process.env.JEST_WORKER_ID ?? 1);
  return urls[(worker - 1) % urls.length]!;
}

/** A fresh, empty database on the test server, for one test file. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const name = `ta_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = createPool({ connectionString: url, max: options.poolSize ?? 20, applicationName: 'ta-test' });
  return {
    url,
    pool,
    async drop() {
      if (!pool.ended) await pool.end();
      const c = new Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
