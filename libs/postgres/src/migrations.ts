import type { Pool } from 'pg';

export interface Migration {
  /** Stable, ordered id, e.g. `001-events`. Never renamed once released. */
  readonly id: string;
  readonly sql: string;
}

export interface MigrationSet {
  /** The owner of the migrations, e.g. `event_store`. */
  readonly name: string;
  readonly migrations: readonly Migration[];
}

const LOCK_KEY = 7_310_442_001; // one advisory lock for all migration runs

/**
 * Applies the set's pending migrations in id order, all in one transaction.
 * Idempotent, and safe when several processes start at once: a transaction-scoped advisory
 * lock serialises runners, and a runner that waited sees what the first one applied.
 */
export async function runMigrations(pool: Pool, set: MigrationSet): Promise<string[]> {
  const applied: string[] = [];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      owner text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (owner, id))`);
    const done = new Set(
      (await client.query<{ id: string }>('SELECT id FROM public.schema_migrations WHERE owner = $1', [set.name])).rows.map((r) => r.id),
    );
    for (const m of [...set.migrations].sort((a, b) => a.id.localeCompare(b.id))) {
      if (done.has(m.id)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO public.schema_migrations(owner, id) VALUES ($1, $2)', [set.name, m.id]);
      applied.push(m.id);
    }
    await client.query('COMMIT');
    return applied;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Ids of the set's migrations not yet applied (readiness). */
export async function pendingMigrations(pool: Pool, set: MigrationSet): Promise<string[]> {
  const exists = await pool.query(`SELECT to_regclass('public.schema_migrations') AS t`);
  if (!exists.rows[0].t) return set.migrations.map((m) => m.id);
  const done = new Set(
    (await pool.query<{ id: string }>('SELECT id FROM public.schema_migrations WHERE owner = $1', [set.name])).rows.map((r) => r.id),
  );
  return set.migrations.map((m) => m.id).filter((id) => !done.has(id));
}
