import type { PoolClient } from 'pg';

/** Runs one SQL statement in the caller's transaction (a TypeORM EntityManager, a pg client). */
export type Sql = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** `Sql` on a pg client (its rows). */
export function clientSql(client: PoolClient): Sql {
  return (text, params) => client.query(text, params).then((r) => r.rows);
}

/** Adds a parameter to the statement under construction and returns its placeholder. */
export type Param = (value: unknown) => string;

/** A code constant (a status, an event type, a key: letters, digits, `_`) as an SQL string literal. */
export function codeLiteral(code: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(code)) throw new Error(`not a plain code: ${code}`);
  return `'${code}'`;
}

/** Codes as the inside of an SQL `IN (...)` list. */
export function codeList(codes: readonly string[]): string {
  return codes.map(codeLiteral).join(', ');
}
