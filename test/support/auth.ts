import { signJwt, type JwtClaims } from '@ta/platform';

/** The signing key the test apps accept (startTestApp sets AUTH_JWT_KEYS to it). */
export const TEST_AUTH_KEY = { kid: 'test-key-1', secret: Buffer.from('test-secret-not-for-production-0123456789', 'utf8') };
export const TEST_AUTH_KEYS_ENV = `${TEST_AUTH_KEY.kid}:${TEST_AUTH_KEY.secret.toString('utf8')}`;

export interface TestIdentity {
  readonly sub: string;
  readonly role: string;
  readonly country?: string;
  readonly organisation?: string;
}

export function tokenFor(who: TestIdentity, options: { ttlSeconds?: number; now?: number; key?: { kid: string; secret: Buffer } } = {}): string {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const claims: JwtClaims = { ...who, iss: 'ta-platform', aud: 'ta-platform-api', iat: now, exp: now + (options.ttlSeconds ?? 3600) };
  return signJwt(claims, options.key ?? TEST_AUTH_KEY);
}

/** `{ Authorization: 'Bearer …' }` for supertest's `.set(...)`. */
export function authHeaders(who: TestIdentity): { Authorization: string } {
  return { Authorization: `Bearer ${tokenFor(who)}` };
}
