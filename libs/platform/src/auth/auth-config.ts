import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SigningKey } from './jwt';

export interface AuthConfig {
  /** Accepted keys; the first one signs (npm run token). */
  readonly keys: readonly SigningKey[];
  readonly issuer: string;
  readonly audience: string;
  /** Where the keys came from, for the start-up log. */
  readonly source: string;
}

/**
 * AUTH_JWT_KEYS="kid1:<secret>,kid2:<secret>" (secrets of at least 32 characters; the first
 * key signs, all verify: add the new key first, and drop the old one once its tokens expired).
 * Without it, a development key is generated once under the data folder, so that the
 * embedded default and `npm run token` agree; never use that in production.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv, dataDir: string): AuthConfig {
  const issuer = env.AUTH_JWT_ISSUER ?? 'ta-platform';
  const audience = env.AUTH_JWT_AUDIENCE ?? 'ta-platform-api';
  const raw = env.AUTH_JWT_KEYS?.trim();
  if (raw) {
    const keys = raw.split(',').map((entry) => {
      const i = entry.indexOf(':');
      const kid = entry.slice(0, i).trim();
      const secret = entry.slice(i + 1).trim();
      if (i < 1 || secret.length < 32) throw new Error('AUTH_JWT_KEYS must be "kid:secret" pairs with secrets of at least 32 characters');
      return { kid, secret: Buffer.from(secret, 'utf8') };
    });
    return { keys, issuer, audience, source: `AUTH_JWT_KEYS (${keys.map((k) => k.kid).join(', ')})` };
  }
  const file = join(dataDir, 'auth', 'dev-signing-key.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ kid: `dev-${randomBytes(4).toString('hex')}`, secret: randomBytes(32).toString('base64url') }));
    chmodSync(file, 0o600);
  }
  const { kid, secret } = JSON.parse(readFileSync(file, 'utf8')) as { kid: string; secret: string };
  return { keys: [{ kid, secret: Buffer.from(secret, 'utf8') }], issuer, audience, source: `development key ${file} (set AUTH_JWT_KEYS in production)` };
}
