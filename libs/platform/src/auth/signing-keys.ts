import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config-error';
import type { SigningKey } from './jwt';

/** Shortest secret accepted: 32 characters (a generated one has 43, 32 random bytes). */
export const MIN_SECRET_LENGTH = 32;

/**
 * `kid:secret` entries separated by commas or line breaks (AUTH_JWT_KEYS, or the file that
 * AUTH_JWT_KEYS_FILE names); the first key signs, all verify. `origin` names the setting in
 * the error.
 */
export function parseSigningKeys(text: string, origin: string): SigningKey[] {
  const entries = text.split(/[,\r\n]/).map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new ConfigError(`${origin} holds no keys: expected "kid:secret" entries`);
  const keys = entries.map((entry) => {
    const i = entry.indexOf(':');
    const kid = entry.slice(0, i).trim();
    const secret = entry.slice(i + 1).trim();
    if (i < 1 || secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(`${origin} must hold "kid:secret" entries with secrets of at least ${MIN_SECRET_LENGTH} characters`);
    }
    return { kid, secret: Buffer.from(secret, 'utf8') };
  });
  const seen = new Set<string>();
  for (const { kid } of keys) {
    if (seen.has(kid)) throw new ConfigError(`${origin} names the key id "${kid}" twice`);
    seen.add(kid);
  }
  return keys;
}

/** The key file's text: one `kid:secret` a line, the signing key first. */
export function formatSigningKeys(keys: readonly SigningKey[]): string {
  return keys.map((k) => `${k.kid}:${k.secret.toString('utf8')}\n`).join('');
}

/** A new key: 32 random bytes (base64url), its id naming the day it was made, e.g. `k20250301-9f3a1c2e`. */
export function newSigningKey(now: Date): SigningKey {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return { kid: `k${day}-${randomBytes(4).toString('hex')}`, secret: Buffer.from(randomBytes(32).toString('base64url'), 'utf8') };
}
