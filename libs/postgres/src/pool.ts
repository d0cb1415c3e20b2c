import { Pool, type PoolConfig } from 'pg';

export interface PoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  readonly applicationName?: string;
  /** Sessions idle inside a transaction longer than this are ended by the server. */
  readonly idleInTransactionTimeoutMs?: number;
  /** How long to wait for a connection (a new one, or a free one of the pool) before failing (default 10 s). */
  readonly connectionTimeoutMs?: number;
}

/**
 * The wait for a connection, by default: a server that does not answer (a network partition,
 * a host gone) fails the request in bounded time, as an outage (`isDatabaseUnavailable`),
 * instead of holding it, and its HTTP client, for ever.
 */
export const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * A pg pool with the server-side limits the event store relies on: a transaction left open
 * (a crashed handler, a forgotten BEGIN) holds back every all-stream reader, so the server
 * ends it after `idleInTransactionTimeoutMs`. A connection that cannot be had within
 * `connectionTimeoutMs` fails.
 */
export function createPool(options: PoolOptions): Pool {
  const idle = options.idleInTransactionTimeoutMs ?? 30_000;
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 20,
    application_name: options.applicationName ?? 'ta-platform',
    // The server's TCP keepalives: a session whose process vanished with its host (no FIN, no
    // RST) is ended after about 5 + 2 x 2 s of silence, which frees its advisory locks: a
    // consumer's standby elsewhere takes over (docs/operations.md, "Standbys").
    options: `-c idle_in_transaction_session_timeout=${idle} -c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=2`,
    // ...and ours: a server host that vanished is noticed on an idle connection too.
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
  };
  const pool = new Pool(config);
  // An idle client's connection dropped by the server must not crash the process...
  pool.on('error', () => undefined);
  // ...nor a checked-out one's (pg-pool listens only while a client is idle): a server that
  // goes away emits 'error' on every connected client, which with no listener is thrown. The
  // statement in flight, if any, fails on its own; the pool discards the broken client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
