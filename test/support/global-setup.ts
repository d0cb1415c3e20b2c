import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/postgres/src/embedded';

/**
 * Real services for the whole test run.
 * PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set (CI points it at the machine's
 * server); otherwise an embedded PostgreSQL under .data/test-postgres. Each test file then
 * creates its own database (test/support/database.ts), so files can run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await startEmbeddedPostgres({
      dataDir: join(__dirname, '..', '..', '.data', 'test-postgres', 'data'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
      database: 'postgres',
    });
    adminUrl = handle.connectionString;
    (globalThis as { __embeddedPg?: typeof handle }).__embeddedPg = handle;
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.end();
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
}
