import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import { createPool, startEmbeddedPostgres } from '@ta/postgres';

/**
 * A fresh database for one benchmark run, on DATABASE_URL's server or the embedded one,
 * dropped at the end. Baseline and subject run on the same server in the same run.
 */
export async function openBenchDatabase(poolSize: number): Promise<{ pool: Pool; url: string; server: string; close(): Promise<void> }> {
  let admin = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!admin) {
    const h = await startEmbeddedPostgres({
      dataDir: join(process.cwd(), '.data', 'bench-postgres', 'data'),
      port: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54331),
      database: 'postgres',
      logFile: join(process.cwd(), '.data', 'bench-postgres', 'postgres.log'),
    });
    admin = h.connectionString;
    stopEmbedded = () => h.stop();
  }
  const name = `ta_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const pool = createPool({ connectionString: u.toString(), max: poolSize, applicationName: 'ta-bench' });
  return {
    pool,
    url: u.toString(),
    server: `PostgreSQL ${version} at ${u.hostname}:${u.port}${stopEmbedded ? ' (embedded)' : ''}`,
    async close() {
      await pool.end();
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
      await stopEmbedded?.();
    },
  };
}

/** Runs `op` from `concurrency` workers for `seconds`; returns operations per second. */
export async function measure(seconds: number, concurrency: number, op: (worker: number, i: number) => Promise<unknown>): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let count = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        await op(w, i);
        count++;
      }
    }),
  );
  return count / ((performance.now() - t0) / 1000);
}


