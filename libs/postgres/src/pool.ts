import { Pool, type PoolConfig } from 'pg';

export interface PoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  readonly applicationName?: string;
  /** Sessions idle inside a transaction longer than this are ended by the server. */
  readonly idleInTransactionTimeoutMs?: number;
}

/**
 * A pg pool with the server-side limits the event store relies on: a transaction left open
 * (a crashed handler, a forgotten BEGIN) holds back every all-stream reader, so the server
 * ends it after `idleInTransactionTimeoutMs`.
 */
export function createPool(options: PoolOptions): Pool {
  const idle = options.idleInTransactionTimeoutMs ?? 30_000;
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'ta-platform',
    options: `-c idle_in_transaction_session_timeout=${idle}`,
  };
  const pool = new Pool(config);
  // An idle client's connection dropped by the server must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}
