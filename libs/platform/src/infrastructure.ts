import type { Pool } from 'pg';
import { createPool, runMigrations, startEmbeddedPostgres, type MigrationSet } from '@ta/postgres';
import { openPostgresEventStore, type PostgresEventStoreHandle, eventStoreMigrations } from '@ta/event-store';
import { join } from 'node:path';
import { commandMigrations } from './commands/command-executor';
import type { PlatformConfig } from './config';
import { ConfigError } from './config-error';
import { ConsumerRegistry } from './process/consumer-registry';

/** The real parts a process runs on: PostgreSQL (given or embedded) and the event store. */
export interface Infrastructure {
  readonly config: PlatformConfig;
  readonly pool: Pool;
  /** The PostgreSQL in use (given or embedded), for other clients such as TypeORM. */
  readonly connectionString: string;
  readonly eventStore: PostgresEventStoreHandle;
  readonly migrationSets: readonly MigrationSet[];
  readonly consumers: ConsumerRegistry;
  readonly databaseDescription: string;
  close(): Promise<void>;
}

/**
 * Why a process refuses EVENT_STORE=kurrentdb. The KurrentDB adapter implements the port
 * (`openKurrentDbEventStore`), but these processes use more than the port: each names a
 * PostgreSQL-only part (docs/event-store.md, "What still requires PostgreSQL").
 */
export const KURRENTDB_NOT_WIRED =
  'EVENT_STORE=kurrentdb: the API, the projector, the relay and verify:log still need the PostgreSQL event store. ' +
  'Commands append in the same PostgreSQL transaction as their idempotency key (CommandExecutor), ' +
  'the process managers, the projector, the audit sealer and the Kafka relay are PostgreSQL durable consumers that append or read event_store tables, ' +
  'the hash chain and seals (audit) are computed in PostgreSQL, and read-your-writes waits on PostgreSQL log positions. ' +
  'The KurrentDB adapter is usable through the event store port (openKurrentDbEventStore); see docs/event-store.md, "KurrentDB adapter". ' +
  'Unset EVENT_STORE (or set it to postgres) to start.';

/** How long each step of closing the infrastructure may take before the next one starts. */
const CLOSE_STEP_MS = 1_500;

async function within(ms: number, work: Promise<unknown>, what: string, log: (line: string) => void): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([work.then(() => 'done' as const, () => 'done' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') log(`shutdown: ${what} took longer than ${ms} ms; going on`);
}

/** INTEGRITY_CHECK: `on` (the default) or `off` (only to measure what the check costs). */
function integrityCheckOf(env: Readonly<NodeJS.ProcessEnv>): boolean {
  const raw = (env.INTEGRITY_CHECK ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`INTEGRITY_CHECK must be on or off, got "${env.INTEGRITY_CHECK}"`);
}

export async function openInfrastructure(
  config: PlatformConfig,
  options: { migrationSets?: readonly MigrationSet[]; log?: (line: string) => void; poolSize?: number } = {},
): Promise<Infrastructure> {
  if (config.eventStore.kind === 'kurrentdb') throw new Error(KURRENTDB_NOT_WIRED);
  const log = options.log ?? (() => undefined);
  let connectionString = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let databaseDescription: string;
  if (connectionString) {
    const u = new URL(connectionString);
    databaseDescription = `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } else {
    const dataDir = join(config.dataDir, 'postgres', 'data');
    log(`no DATABASE_URL: starting the embedded PostgreSQL (data in ${dataDir}, port ${config.embeddedPgPort})`);
    const logFile = join(config.dataDir, 'postgres', 'postgres.log');
    log(`its log: ${logFile}; restarted with back-off if it exits unasked`);
    // PostgreSQL's own output goes to its log file; the supervisor's lines to both.
    const supervisorLog = (line: string) => line.startsWith('supervisor: ') && log(`embedded PostgreSQL ${line}`);
    const embedded = await startEmbeddedPostgres({ dataDir, port: config.embeddedPgPort, database: 'ta_platform', logFile, log: supervisorLog }).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw e;
      throw new ConfigError(`cannot write the embedded PostgreSQL's data folder ${dataDir} (${code}): set DATABASE_URL, or DATA_DIR to a writable folder`);
    });
    connectionString = embedded.connectionString;
    stopEmbedded = () => embedded.stop();
    databaseDescription = `embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${dataDir})`;
  }
  const pool = createPool({ connectionString, max: options.poolSize ?? 20, applicationName: 'ta-platform' });
  // Integrity checked at use (docs/audit.md): a broken stream is refused, stored as an alarm
  // (`/health/integrity`) and logged here, with the stream and its first broken link.
  const eventStore = await openPostgresEventStore(pool, {
    integrity: {
      check: integrityCheckOf(config.env),
      onBreak: (b) => log(`INTEGRITY ALARM: stream ${b.streamId} broken at position ${b.streamPosition} (${b.kind}${b.eventId ? `, event ${b.eventId}` : ''}): ${b.message}`),
    },
  });
  const extra = [commandMigrations, ...(options.migrationSets ?? [])];
  for (const set of extra) await runMigrations(pool, set);
  const migrationSets = [eventStoreMigrations, ...extra];
  const consumers = new ConsumerRegistry();
  return {
    config,
    pool,
    connectionString,
    eventStore,
    migrationSets,
    consumers,
    databaseDescription,
    async close() {
      await consumers.stopAll();
      // Bounded, so that the embedded PostgreSQL is stopped whatever happened to the connections:
      // after an outage a client can be left checked out, and pool.end() waits for it for ever.
      await within(CLOSE_STEP_MS, eventStore.close(), 'closing the event store', log);
      await within(CLOSE_STEP_MS, pool.end(), 'closing the connection pool', log);
      await stopEmbedded?.();
    },
  };
}
