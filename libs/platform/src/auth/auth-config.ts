import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../config-error';
import type { SigningKey } from './jwt';
import { parseSigningKeys } from './signing-keys';
import { parseTrustedIssuers, type TrustedIssuer } from './trusted-issuers';

export interface AuthConfig {
  /** Accepted HS256 keys; the first one signs (npm run token). Empty when only identity providers are trusted. */
  readonly keys: readonly SigningKey[];
  /** Identity providers whose RS256/ES256/EdDSA tokens are verified against their JWKS (AUTH_OIDC_ISSUERS). */
  readonly issuers: readonly TrustedIssuer[];
  readonly issuer: string;
  readonly audience: string;
  /** Where the keys came from, for the start-up log. */
  readonly source: string;
}

/** Why a process that verifies or signs tokens refuses to start in production without keys. */
export const NO_KEYS_IN_PRODUCTION =
  'NODE_ENV=production and no signing keys: set AUTH_JWT_KEYS ("kid:secret,...") or AUTH_JWT_KEYS_FILE (a file of such entries), or AUTH_OIDC_ISSUERS (identity providers and their JWKS); ' +
  'no development key is made in production (docs/operations.md, "Signing keys")';

/**
 * The bearer tokens' signing keys, from (exactly one of):
 * - AUTH_JWT_KEYS="kid1:<secret>,kid2:<secret>";
 * - AUTH_JWT_KEYS_FILE=<path> of a file holding such entries (commas or one a line), read
 *   once at start;
 * - neither, outside production: a development key generated once under the data folder, so
 *   that the embedded default and `npm run token` agree.
 * Secrets have at least 32 characters; the first key signs, all verify: add the new key
 * first, and drop the old one once its tokens expired.
 * Neither in production (NODE_ENV=production): no HS256 key, and none is written anywhere;
 * only the identity providers of AUTH_OIDC_ISSUERS are trusted (their RS256/ES256/EdDSA
 * tokens, verified against their JWKS). No keys and no issuers in production: undefined, and
 * the processes that need keys (the API, `npm run token`) refuse to start (`requireAuth`).
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv, dataDir: string): AuthConfig | undefined {
  const issuer = env.AUTH_JWT_ISSUER ?? 'ta-platform';
  const audience = env.AUTH_JWT_AUDIENCE ?? 'ta-platform-api';
  const issuers = parseTrustedIssuers(env.AUTH_OIDC_ISSUERS);
  const trusted = issuers.map((i) => `; ${i.algorithms.join('/')} tokens of ${i.issuer} (JWKS ${i.jwksUri})`).join('');
  const inline = env.AUTH_JWT_KEYS?.trim();
  const file = env.AUTH_JWT_KEYS_FILE?.trim();
  if (inline && file) throw new ConfigError('AUTH_JWT_KEYS and AUTH_JWT_KEYS_FILE are both set: set one of them');
  if (inline) {
    const keys = parseSigningKeys(inline, 'AUTH_JWT_KEYS');
    return { keys, issuers, issuer, audience, source: `AUTH_JWT_KEYS (${kids(keys)})${trusted}` };
  }
  if (file) {
    const path = resolve(file);
    const keys = parseSigningKeys(readKeyFile(path), `AUTH_JWT_KEYS_FILE ${path}`);
    return { keys, issuers, issuer, audience, source: `AUTH_JWT_KEYS_FILE ${path} (${kids(keys)})${trusted}` };
  }
  if (env.NODE_ENV === 'production') {
    // HS256 is not made up in production: only the identity providers' tokens are accepted.
    return issuers.length > 0 ? { keys: [], issuers, issuer, audience, source: trusted.slice(2) } : undefined;
  }
  const path = join(dataDir, 'auth', 'dev-signing-key.json');
  const { kid, secret } = developmentKey(path);
  return {
    keys: [{ kid, secret: Buffer.from(secret, 'utf8') }],
    issuers,
    issuer,
    audience,
    source: `development key ${path} (NODE_ENV is not production; set AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE in production)${trusted}`,
  };
}

/** The signing keys of a process that verifies or signs tokens; refuses production without keys. */
export function requireAuth(config: { readonly auth: AuthConfig | undefined }): AuthConfig {
  if (!config.auth) throw new ConfigError(NO_KEYS_IN_PRODUCTION);
  return config.auth;
}

function kids(keys: readonly SigningKey[]): string {
  return keys.map((k) => k.kid).join(', ');
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`AUTH_JWT_KEYS_FILE: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function developmentKey(path: string): { kid: string; secret: string } {
  try {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      const key = { kid: `dev-${randomBytes(4).toString('hex')}`, secret: randomBytes(32).toString('base64url') };
      writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
      chmodSync(path, 0o600);
    }
    return JSON.parse(readFileSync(path, 'utf8')) as { kid: string; secret: string };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new ConfigError(
      `cannot keep the development signing key at ${path} (${code}): set AUTH_JWT_KEYS or AUTH_JWT_KEYS_FILE, or DATA_DIR to a writable folder`,
    );
  }
}
