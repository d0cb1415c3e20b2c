import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '@ta/core';

/** A signing key, known by its id (`kid`): several are accepted at once, for rotation. */
export interface SigningKey {
  readonly kid: string;
  readonly secret: Buffer;
}

export interface JwtClaims {
  readonly sub: string;
  readonly role: string;
  readonly country?: string;
  readonly organisation?: string;
  readonly name?: string;
  readonly iss: string;
  readonly aud: string;
  readonly iat: number;
  readonly exp: number;
  readonly nbf?: number;
}

/** Every code of a 401 (the guard's and the verifier's). */
export const AUTH_ERROR_CODES = [
  'auth.missing_token',
  'auth.malformed_token',
  'auth.unsupported_algorithm',
  'auth.unknown_key',
  'auth.bad_signature',
  'auth.expired',
  'auth.not_yet_valid',
  'auth.invalid_claims',
] as const;
type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

const b64url = (b: Buffer) => b.toString('base64url');
const fail = (code: AuthErrorCode extends `auth.${infer C}` ? C : never, message: string) => new UnauthorizedError(`auth.${code}`, message);

/** HS256 only: a token naming another algorithm (or `none`) is refused, not downgraded. */
export function signJwt(claims: JwtClaims, key: SigningKey): string {
  const header = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.kid })));
  const payload = b64url(Buffer.from(JSON.stringify(claims)));
  const signature = b64url(createHmac('sha256', key.secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

export interface VerifyOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Seconds since the epoch. */
  readonly now: number;
  /** Allowed clock difference, seconds. */
  readonly leeway?: number;
}

export function verifyJwt(token: string, keys: readonly SigningKey[], options: VerifyOptions): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw fail('malformed_token', 'The bearer token is not a JWT');
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown; kid?: unknown };
  let claims: Partial<JwtClaims>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    throw fail('malformed_token', 'The bearer token is not a JWT');
  }
  // `null`, `[]` or `1` parse too: a JWT's header and claims are JSON objects.
  if (!isObject(header) || !isObject(claims)) throw fail('malformed_token', 'The bearer token is not a JWT');
  if (header.alg !== 'HS256') throw fail('unsupported_algorithm', 'Only HS256 tokens are accepted');
  const key = keys.find((k) => k.kid === header.kid);
  if (!key) throw fail('unknown_key', 'The token is signed with a key this platform does not know (kid)');
  const expected = createHmac('sha256', key.secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw fail('bad_signature', 'The token signature is not valid');
  const leeway = options.leeway ?? 30;
  if (typeof claims.exp !== 'number') throw fail('invalid_claims', 'The token has no expiry');
  if (claims.exp + leeway < options.now) throw fail('expired', 'The token has expired');
  if (typeof claims.nbf === 'number' && claims.nbf - leeway > options.now) throw fail('not_yet_valid', 'The token is not valid yet');
  if (claims.iss !== options.issuer) throw fail('invalid_claims', 'The token was issued by someone else');
  if (claims.aud !== options.audience) throw fail('invalid_claims', 'The token is meant for another audience');
  if (typeof claims.sub !== 'string' || typeof claims.role !== 'string') throw fail('invalid_claims', 'The token has no subject or role');
  return claims as JwtClaims;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
