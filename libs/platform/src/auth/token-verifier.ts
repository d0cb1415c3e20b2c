import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { UnauthorizedError } from '@ta/core';
import { AUTH_ERROR_CODES, type JwtClaims, type SigningKey } from './jwt';
import { ASYMMETRIC_ALGORITHMS, type TrustedIssuer } from './trusted-issuers';

type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** What the verifier needs of the configuration (AuthConfig). */
export interface TokenVerifierConfig {
  /** HS256 keys (the development option, and `npm run token`): tokens of `issuer` for `audience`. */
  readonly keys: readonly SigningKey[];
  readonly issuer: string;
  readonly audience: string;
  /** Identity providers whose asymmetric tokens are verified against their JWKS. */
  readonly issuers: readonly TrustedIssuer[];
}

/** Verifies a bearer token at a given time; every refusal is an UnauthorizedError with a stable code. */
export type TokenVerifier = (token: string, now: Date) => Promise<JwtClaims>;

/** A verification from scratch: the claims, and whether the key that verified them is still trusted. */
type FullVerifier = (token: string, now: Date) => Promise<{ claims: JwtClaims; stillTrusted: () => boolean }>;

/** Allowed clock difference between the platform and a token's issuer. */
const LEEWAY_SECONDS = 30;

// The messages say what was wrong with the token, never what the platform expected (no issuer,
// audience, key id or algorithm list is echoed back).
const MESSAGES: Record<AuthErrorCode, string> = {
  'auth.missing_token': 'A bearer token is required (Authorization: Bearer <token>)',
  'auth.malformed_token': 'The bearer token is not a JWT',
  'auth.unsupported_algorithm': 'The token is signed with an algorithm this platform does not accept',
  'auth.unknown_key': 'The token is signed with a key this platform does not know (kid)',
  'auth.bad_signature': 'The token signature is not valid',
  'auth.expired': 'The token has expired',
  'auth.not_yet_valid': 'The token is not valid yet',
  'auth.invalid_claims': 'The token was not issued for this platform, or lacks a claim it needs',
  'auth.invalid_token': 'The access token is not valid (unknown, expired or revoked)',
  'auth.invalid_session': 'The session has ended: sign in again',
};
export const authFailure = (code: AuthErrorCode) => new UnauthorizedError(code, MESSAGES[code]);
const fail = (code: AuthErrorCode) => new UnauthorizedError(code, MESSAGES[code]);

/**
 * The bearer-token verifier, with `jose` (and a cache of tokens it verified: `withVerifiedCache`):
 * - tokens of a trusted issuer (`iss`), signed with RS256, ES256 or EdDSA, are verified
 *   against that issuer's JWKS, fetched on first use, cached, and fetched again when a token
 *   names a key id the cache does not hold (key rotation), at most once per cooldown;
 * - HS256 tokens are verified against the configured shared keys (the development option and
 *   `npm run token`), chosen by `kid`; an HS256 token is never checked against a JWKS key
 *   (no HS/RS key confusion), and `alg: none` or any other algorithm is refused;
 * - every token needs `exp` and `sub`; `iss`, `aud`, `exp` and `nbf` are checked with 30 s
 *   leeway.
 */
export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const remote = new Map(
    config.issuers.map((i) => [
      i.issuer,
      {
        issuer: i,
        jwks: createRemoteJWKSet(new URL(i.jwksUri), { cacheMaxAge: i.cacheMaxAgeSeconds * 1000, cooldownDuration: i.cooldownSeconds * 1000, timeoutDuration: 5000 }),
      },
    ]),
  );

  // Each HS256 key imported once (on first use) as a WebCrypto key: given raw bytes, jose would
  // import them again for every token (docs/benchmarks.md, bench:http).
  const hmacKeys = new Map<SigningKey, Promise<webcrypto.CryptoKey>>();
  const hmacKey = (key: SigningKey): Promise<webcrypto.CryptoKey> => {
    let imported = hmacKeys.get(key);
    if (!imported) {
      imported = webcrypto.subtle.importKey('raw', new Uint8Array(key.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      hmacKeys.set(key, imported);
    }
    return imported;
  };

  const verify: FullVerifier = async (token, now) => {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw fail('auth.malformed_token');
    let alg: unknown;
    let iss: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
      iss = decodeJwt(token).iss;
    } catch {
      throw fail('auth.malformed_token');
    }
    const common = { currentDate: now, clockTolerance: LEEWAY_SECONDS, requiredClaims: ['exp', 'sub'] };
    if (alg === 'HS256' && config.keys.length > 0) {
      const payload = await verified(() =>
        jwtVerify(
          token,
          (header) => {
            const key = config.keys.find((k) => k.kid === header.kid);
            if (!key) throw fail('auth.unknown_key');
            return hmacKey(key);
          },
          { ...common, algorithms: ['HS256'], issuer: config.issuer, audience: config.audience },
        ),
      );
      // The shared keys are the configuration's: none is withdrawn while the process runs.
      return { claims: platformClaims(payload, { role: 'role', organisation: 'organisation', country: 'country' }), stillTrusted: () => true };
    }
    if (!(ASYMMETRIC_ALGORITHMS as readonly unknown[]).includes(alg)) throw fail('auth.unsupported_algorithm');
    const trusted = typeof iss === 'string' ? remote.get(iss) : undefined;
    if (!trusted) throw fail('auth.invalid_claims');
    let kid: string | undefined;
    const payload = await verified(() =>
      jwtVerify(
        token,
        (header, t) => {
          kid = header.kid;
          return trusted.jwks(header, t);
        },
        { ...common, algorithms: [...trusted.issuer.algorithms], issuer: trusted.issuer.issuer, audience: trusted.issuer.audience },
      ),
    );
    // Reused only while the issuer's key set as last fetched still holds the key: once a fetch
    // shows it withdrawn (key rotation), the token is verified again, and refused.
    const stillTrusted = () => kid !== undefined && (trusted.jwks.jwks()?.keys ?? []).some((k) => k.kid === kid);
    return { claims: platformClaims(payload, trusted.issuer.claims), stillTrusted };
  };
  return withVerifiedCache(verify);
}

/** Verified tokens kept, at most (the oldest verified is dropped first). */
const CACHE_ENTRIES = 10_000;
/** How long a verification is reused at most. */
const CACHE_SECONDS = 60;

/**
 * A token verified once is not verified again for CACHE_SECONDS: the same string with the same
 * keys gives the same answer, except for the time claims, which are checked again at every use
 * (`exp` and `nbf`, with the same leeway), and so is the key: an issuer's key withdrawn from
 * its JWKS (seen at the next fetch) ends the reuse. Only successes are kept; a refusal is
 * worked out again each time. Saves the signature check (WebCrypto's HMAC or RSA job: about 5 % of the
 * API's CPU under bench:http, docs/benchmarks.md).
 */
function withVerifiedCache(verify: FullVerifier): TokenVerifier {
  const cache = new Map<string, { claims: JwtClaims; until: number; stillTrusted: () => boolean }>();
  return async (token, now) => {
    const t = now.getTime();
    const hit = cache.get(token);
    if (hit && hit.until > t && hit.stillTrusted()) {
      const seconds = Math.floor(t / 1000); // as jose counts
      if (seconds >= hit.claims.exp + LEEWAY_SECONDS) throw fail('auth.expired');
      if (hit.claims.nbf !== undefined && seconds < hit.claims.nbf - LEEWAY_SECONDS) throw fail('auth.not_yet_valid');
      return hit.claims;
    }
    if (hit) cache.delete(token);
    const { claims, stillTrusted } = await verify(token, now);
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(token, { claims, until: t + CACHE_SECONDS * 1000, stillTrusted });
    return claims;
  };
}

async function verified(verify: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await verify()).payload;
  } catch (e) {
    if (e instanceof UnauthorizedError) throw e;
    throw fail(codeOf(e));
  }
}

/** jose's error codes as the platform's; anything else (a JWKS that cannot be fetched) is an unknown key. */
function codeOf(e: unknown): AuthErrorCode {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'auth.bad_signature';
    case 'ERR_JWT_EXPIRED':
      return 'auth.expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return (e as { claim?: unknown }).claim === 'nbf' ? 'auth.not_yet_valid' : 'auth.invalid_claims';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'auth.unsupported_algorithm';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'auth.malformed_token';
    default:
      return 'auth.unknown_key';
  }
}

/** The platform's claims from a verified payload, through the issuer's claim names. */
function platformClaims(payload: JWTPayload, names: TrustedIssuer['claims']): JwtClaims {
  const text = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : undefined);
  const role = text(names.role);
  if (typeof payload.sub !== 'string' || payload.sub === '' || role === undefined) throw fail('auth.invalid_claims');
  const organisation = text(names.organisation);
  const country = text(names.country);
  const name = text('name');
  return {
    sub: payload.sub,
    role,
    ...(organisation !== undefined ? { organisation } : {}),
    ...(country !== undefined ? { country } : {}),
    ...(name !== undefined ? { name } : {}),
    iss: payload.iss!,
    aud: audienceOf(payload.aud),
    iat: payload.iat ?? 0,
    exp: payload.exp!,
    ...(payload.nbf !== undefined ? { nbf: payload.nbf } : {}),
  };
}

function audienceOf(aud: JWTPayload['aud']): string {
  return Array.isArray(aud) ? aud.join(' ') : (aud ?? '');
}
