import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { withTransaction } from './transaction';

export interface Migration {
  /** Stable, ordered id, e.g. `001-events`. Never renamed once released. */
  readonly id: string;
  readonly sql: string;
  /**
   * Ids of earlier migrations this one squashes: a database that applied all of them has it
   * already (it is recorded, not run); one that applied none runs it; one that applied only
   * some cannot be upgraded by it.
   */
  readonly replaces?: readonly string[];
}

/**
 * A database object kept at one current definition (a function): its file is the only place
 * that says what runs. Applied after the migrations whenever its text differs from what was
 * applied last, so it must be re-runnable (`CREATE OR REPLACE`).
 */
export interface Definition {
  readonly name: string;
  readonly sql: string;
}

export interface MigrationSet {
  /** The owner of the migrations, e.g. `event_store`. */
  readonly name: string;
  readonly migrations: readonly Migration[];
  readonly definitions?: readonly Definition[];
}

/**
 * A migration set from a folder of SQL files: `NNN-name.sql` (applied once each, in id order;
 * a first line `-- replaces: a, b` squashes earlier ones) and, when present, `functions/*.sql`
 * (current definitions, see `Definition`). A library keeps its own in `libs/<lib>/migrations/`.
 */
export function sqlMigrationSet(name: string, dir: string, extra: readonly Migration[] = []): MigrationSet {
  const functionsDir = join(dir, 'functions');
  const sqlFiles = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.sql')).sort() : []);
  const migrations = sqlFiles(dir).map((file): Migration => {
    const sql = readFileSync(join(dir, file), 'utf8');
    const replaces = /^--\s*replaces:\s*(.+)$/.exec(sql.split('\n', 1)[0] ?? '')?.[1];
    return { id: file.replace(/\.sql$/, ''), sql, ...(replaces ? { replaces: replaces.split(',').map((s) => s.trim()).filter(Boolean) } : {}) };
  });
  const definitions = sqlFiles(functionsDir).map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(join(functionsDir, file), 'utf8') }));
  return { name, migrations: [...extra, ...migrations].sort((a, b) => a.id.localeCompare(b.id)), definitions };
}

const LOCK_KEY = 7_310_442_001; // one advisory lock for all migration runs

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Applies the set's pending migrations in id order, then its changed definitions, all in one
 * transaction. Idempotent, and safe when several processes start at once: a
 * transaction-scoped advisory lock serialises runners, and a runner that waited sees what the
 * first one applied. Answers the ids applied (definitions as `function:<name>`).
 */
export async function runMigrations(pool: Pool, set: MigrationSet): Promise<string[]> {
  return withTransaction(pool, async (client) => {
    const applied: string[] = [];
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      owner text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (owner, id))`);
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_definitions (
      owner text NOT NULL, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (owner, name))`);
    const done = new Set(
      (await client.query<{ id: string }>('SELECT id FROM public.schema_migrations WHERE owner = $1', [set.name])).rows.map((r) => r.id),
    );
    const record = (id: string) => client.query('INSERT INTO public.schema_migrations(owner, id) VALUES ($1, $2)', [set.name, id]);
    for (const m of [...set.migrations].sort((a, b) => a.id.localeCompare(b.id))) {
      if (done.has(m.id)) continue;
      const replaced = (m.replaces ?? []).filter((id) => done.has(id));
      if (replaced.length > 0 && replaced.length < m.replaces!.length) {
        throw new Error(
          `${set.name}/${m.id} replaces ${m.replaces!.join(', ')}, but this database applied only ${replaced.join(', ')}: ` +
            'upgrade it with the release that applies all of them first',
        );
      }
      if (replaced.length === 0) await client.query(m.sql);
      await record(m.id);
      applied.push(m.id);
    }
    const current = new Map(
      (await client.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM public.schema_definitions WHERE owner = $1', [set.name])).rows.map((r) => [
        r.name,
        r.sha256,
      ]),
    );
    for (const d of set.definitions ?? []) {
      const hash = sha256(d.sql);
      if (current.get(d.name) === hash) continue;
      await client.query(d.sql);
      await client.query(
        `INSERT INTO public.schema_definitions(owner, name, sha256) VALUES ($1, $2, $3)
         ON CONFLICT (owner, name) DO UPDATE SET sha256 = excluded.sha256, applied_at = now()`,
        [set.name, d.name, hash],
      );
      applied.push(`function:${d.name}`);
    }
    return applied;
  });
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
