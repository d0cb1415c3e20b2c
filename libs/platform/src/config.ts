import { join } from 'node:path';
import { loadAuthConfig, type AuthConfig } from './auth/auth-config';
import { ConfigError } from './config-error';

/**
 * Which adapter of the event store port a process runs on: `EVENT_STORE=postgres` (the
 * default) or `EVENT_STORE=kurrentdb` with `KURRENTDB_CONNECTION_STRING`
 * (docs/event-store.md, "KurrentDB adapter").
 */
export type EventStoreSelection = { readonly kind: 'postgres' } | { readonly kind: 'kurrentdb'; readonly connectionString: string };

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  /** HEALTH_PORT: where a process without an API (projector, relay) serves /health/*; unset: it serves none. */
  readonly healthPort: number | undefined;
  /** Set: use that PostgreSQL. Unset: the embedded one. */
  readonly databaseUrl: string | undefined;
  readonly embeddedPgPort: number;
  readonly dataDir: string;
  readonly kafkaBrokers: readonly string[];
  /**
   * The bearer tokens' signing keys; undefined in production (NODE_ENV=production) when none
   * are configured: the processes that need them refuse to start (`requireAuth`), the others
   * (projector, relay) run without.
   */
  readonly auth: AuthConfig | undefined;
  /** Requests per minute per client address (0: no limit). */
  readonly rateLimitPerMinute: number;
  readonly eventStore: EventStoreSelection;
  /** When `/health/ready` reports a consumer as behind (docs/operations.md, "Health"). */
  readonly readiness: ReadinessConfig;
  /**
   * The environment this configuration was read from: the libraries read their own settings
   * (AUDIT_SEALER, KAFKA_TOPIC_PREFIX, COORDINATION_PROJECTOR, ...) from here, never from
   * `process.env`, so that a process is configured by what it was started with, and nothing else.
   */
  readonly env: Readonly<NodeJS.ProcessEnv>;
}

export interface ReadinessConfig {
  /** READINESS_MAX_LAG_EVENTS (default 1000): a consumer this far behind is lagging. */
  readonly maxLagEvents: number;
  /** READINESS_MAX_LAG_SECONDS (default 30): not ready once a consumer has lagged for this long. */
  readonly maxLagMs: number;
}

/** An integer setting from the environment, at least `min`; `fallback` when unset or empty. */
export function envInt(env: Readonly<NodeJS.ProcessEnv>, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${name} must be an integer port number, got "${raw}"`);
  return n;
}

export function loadEventStoreSelection(env: NodeJS.ProcessEnv = process.env): EventStoreSelection {
  const raw = env.EVENT_STORE?.trim() ?? '';
  switch (raw.toLowerCase()) {
    case '':
    case 'postgres':
      return { kind: 'postgres' };
    case 'kurrentdb': {
      const connectionString = env.KURRENTDB_CONNECTION_STRING?.trim();
      if (!connectionString) throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING, e.g. kurrentdb://localhost:2113?tls=false');
      return { kind: 'kurrentdb', connectionString };
    }
    default:
      throw new ConfigError(`EVENT_STORE must be postgres or kurrentdb, got "${raw}"`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, projectRoot = process.cwd()): PlatformConfig {
  const dataDir = env.DATA_DIR ?? join(projectRoot, '.data');
  return {
    port: int('PORT', 3000, env),
    host: env.HOST ?? '0.0.0.0',
    healthPort: env.HEALTH_PORT ? int('HEALTH_PORT', 0, env) : undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, env),
    dataDir,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    auth: loadAuthConfig(env, dataDir),
    rateLimitPerMinute: envInt(env, 'RATE_LIMIT_PER_MINUTE', 3000, 0),
    eventStore: loadEventStoreSelection(env),
    readiness: {
      maxLagEvents: envInt(env, 'READINESS_MAX_LAG_EVENTS', 1000, 0),
      maxLagMs: envInt(env, 'READINESS_MAX_LAG_SECONDS', 30, 0) * 1000,
    },
    env: Object.freeze({ ...env }),
  };
}
