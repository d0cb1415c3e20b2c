import type { Infrastructure } from '@ta/platform';
import { loadAuditConfig } from './audit.config';
import { LogSealer, type LogSealerOptions } from './log-sealer';

/** The sealer for this process, registered with its consumers (started by `startAll`); null when AUDIT_SEALER=off. */
export function createSealer(infra: Infrastructure, options: Partial<LogSealerOptions> = {}): LogSealer | null {
  const config = loadAuditConfig(infra.config.env);
  if (!config.sealerEnabled) return null;
  return infra.consumers.register(new LogSealer(infra.pool, infra.eventStore, { blockSize: config.blockSize, maxAgeMs: config.maxAgeMs, ...options }));
}
