import { envInt } from '@ta/platform';

/** Sealing settings, from the environment (docs/audit.md). */
export interface AuditConfig {
  /** AUDIT_SEALER=off: this process does not seal (another one does). Default on. */
  readonly sealerEnabled: boolean;
  /** AUDIT_SEAL_BLOCK_SIZE: events per full block (default 1000). */
  readonly blockSize: number;
  /** AUDIT_SEAL_MAX_AGE_SECONDS: a partial block is sealed once its oldest event is this old (default 60). */
  readonly maxAgeMs: number;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return {
    sealerEnabled: (env.AUDIT_SEALER ?? 'on').toLowerCase() !== 'off',
    blockSize: envInt(env, 'AUDIT_SEAL_BLOCK_SIZE', 1000, 1),
    maxAgeMs: envInt(env, 'AUDIT_SEAL_MAX_AGE_SECONDS', 60, 0) * 1000,
  };
}
