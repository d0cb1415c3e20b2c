import type { Pool, PoolClient } from 'pg';

export interface TransactionOptions {
  /** The statement that opens it: `BEGIN` (default), or e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`. */
  readonly begin?: string;
}

/**
 * Runs `work` in a transaction on `client`: committed when it resolves, rolled back when it
 * throws (the error is passed on; a failed ROLLBACK, on a broken connection, is not).
 */
export async function inTransaction<T>(client: PoolClient, work: (client: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  await client.query(options.begin ?? 'BEGIN');
  let result: T;
  try {
    result = await work(client);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  await client.query('COMMIT');
  return result;
}

/** `inTransaction` on a connection of its own from `pool`, released afterwards. */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, work, options);
  } finally {
    client.release();
  }
}
