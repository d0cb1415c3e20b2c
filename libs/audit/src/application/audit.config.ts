/** Sealing settings, from the environment (docs/audit.md). */
export interface AuditConfig {
  /** AUDIT_SEALER=off: this process does not seal (another one does). Default on. */
  readonly sealerEnabled: boolean;
  /** AUDIT_SEAL_BLOCK_SIZE: events per full block (default 1000). */
  readonly blockSize: number;
  /** AUDIT_SEAL_MAX_AGE_SECONDS: a partial block is sealed once its oldest event is this old (default 60). */
  readonly maxAgeMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return {
    sealerEnabled: (env.AUDIT_SEALER ?? 'on').toLowerCase() !== 'off',
    blockSize: positiveInt(env, 'AUDIT_SEAL_BLOCK_SIZE', 1000, 1),
    maxAgeMs: positiveInt(env, 'AUDIT_SEAL_MAX_AGE_SECONDS', 60, 0) * 1000,
  };
}
