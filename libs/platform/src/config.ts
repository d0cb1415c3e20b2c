import { join } from 'node:path';

export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  /** Set: use that PostgreSQL. Unset: the embedded one. */
  readonly databaseUrl: string | undefined;
  readonly embeddedPgPort: number;
  readonly dataDir: string;
  readonly kafkaBrokers: readonly string[];
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be an integer port number, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, projectRoot = process.cwd()): PlatformConfig {
  return {
    port: int('PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    dataDir: env.DATA_DIR ?? join(projectRoot, '.data'),
    kafkaBrokers: (env.KAFKA_BROKERS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  };
}
