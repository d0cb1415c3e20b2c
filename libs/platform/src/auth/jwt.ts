import { createHmac } from 'node:crypto';

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
  'auth.invalid_token',
  'auth.invalid_session',
] as const;

const b64url = (b: Buffer) => b.toString('base64url');

/**
 * An HS256 token signed with a shared key (the development option, `npm run token`, the
 * tests); verification is `createTokenVerifier`'s (token-verifier.ts).
 */
export function signJwt(claims: JwtClaims, key: SigningKey): string {
  const header = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.kid })));
  const payload = b64url(Buffer.from(JSON.stringify(claims)));
  const signature = b64url(createHmac('sha256', key.secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}
