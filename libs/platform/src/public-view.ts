import type { PlatformConfig } from './config';
import { ConfigError } from './config-error';

/**
 * Whether this deployment shows the public view (`PUBLIC_VIEW=on|off`). Unset: on with the
 * embedded PostgreSQL (`npm start` with no configuration, a developer's or a demonstration's
 * machine), off with a configured `DATABASE_URL` (a deployment decides to publish).
 */
export function publicViewEnabled(config: Pick<PlatformConfig, 'env' | 'databaseUrl'>): boolean {
  const raw = (config.env.PUBLIC_VIEW ?? '').trim().toLowerCase();
  if (raw === '') return config.databaseUrl === undefined;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`PUBLIC_VIEW must be on or off, got "${config.env.PUBLIC_VIEW}"`);
}
