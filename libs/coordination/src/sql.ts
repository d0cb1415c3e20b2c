import type { PoolClient } from 'pg';

/** Runs one SQL statement in the caller's transaction (a TypeORM EntityManager, a pg client). */
export type Sql = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** `Sql` on a pg client (its rows). */
export function clientSql(client: PoolClient): Sql {
  return (text, params) => client.query(text, params).then((r) => r.rows);
}
