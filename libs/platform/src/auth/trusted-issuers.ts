import { ConfigError } from '../config-error';

/** The asymmetric algorithms a trusted issuer's tokens may use. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

/**
 * An identity provider whose tokens the API accepts (one for UN staff, one per donor, a
 * national system): its tokens are verified against its JWKS, and its claims are mapped to
 * the platform's actor (`role`, `organisation`, `country`).
 */
export interface TrustedIssuer {
  /** The exact `iss` of its tokens. */
  readonly issuer: string;
  /** The `aud` its tokens must name (the API's client id or resource at that provider). */
  readonly audience: string;
  readonly jwksUri: string;
  readonly algorithms: readonly AsymmetricAlgorithm[];
  /** The provider's claim names for the platform's fields (default: the same names). */
  readonly claims: { readonly role: string; readonly organisation: string; readonly country: string };
  /** How long a fetched JWKS is used before it is fetched again (seconds, default 600). */
  readonly cacheMaxAgeSeconds: number;
  /** The shortest time between two fetches when a token names an unknown `kid` (seconds, default 30). */
  readonly cooldownSeconds: number;
}

const FIELDS = ['issuer', 'audience', 'jwksUri', 'algorithms', 'claims', 'cacheMaxAgeSeconds', 'cooldownSeconds'];
const CLAIM_FIELDS = ['role', 'organisation', 'country'];

/**
 * AUTH_OIDC_ISSUERS: a JSON array of trusted issuers, e.g.
 * `[{"issuer":"https://idp.example.org","audience":"ta-platform-api","jwksUri":"https://idp.example.org/jwks",
 *    "algorithms":["RS256"],"claims":{"role":"ta_role","organisation":"ta_org"}}]`.
 * Unset or empty: none.
 */
export function parseTrustedIssuers(raw: string | undefined): TrustedIssuer[] {
  const text = raw?.trim();
  if (!text) return [];
  const refuse = (why: string) => new ConfigError(`AUTH_OIDC_ISSUERS: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw refuse('is not JSON: expected an array of {"issuer","audience","jwksUri",...}');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw refuse('expected a non-empty array of {"issuer","audience","jwksUri",...}');
  const issuers = parsed.map((entry: unknown, i): TrustedIssuer => {
    const at = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw refuse(`${at} is not an object`);
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !FIELDS.includes(k));
    if (unknown.length > 0) throw refuse(`${at} has unknown fields: ${unknown.join(', ')}`);
    const text = (name: string) => {
      const v = e[name];
      if (typeof v !== 'string' || v.trim() === '') throw refuse(`${at} needs "${name}" (a non-empty string)`);
      return v.trim();
    };
    const issuer = text('issuer');
    const audience = text('audience');
    const jwksUri = text('jwksUri');
    let url: URL;
    try {
      url = new URL(jwksUri);
    } catch {
      throw refuse(`${at}: "jwksUri" is not a URL`);
    }
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw refuse(`${at}: "jwksUri" must use https (http only on localhost)`);
    const algorithms = e.algorithms === undefined ? [...ASYMMETRIC_ALGORITHMS] : e.algorithms;
    if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => !(ASYMMETRIC_ALGORITHMS as readonly unknown[]).includes(a))) {
      throw refuse(`${at}: "algorithms" must be a non-empty list of ${ASYMMETRIC_ALGORITHMS.join(', ')}`);
    }
    const claims = e.claims ?? {};
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw refuse(`${at}: "claims" must be an object`);
    const c = claims as Record<string, unknown>;
    const badClaim = Object.keys(c).find((k) => !CLAIM_FIELDS.includes(k) || typeof c[k] !== 'string' || c[k] === '');
    if (badClaim !== undefined) throw refuse(`${at}: "claims" maps ${CLAIM_FIELDS.join(', ')} to claim names`);
    const seconds = (name: string, fallback: number) => {
      const v = e[name] ?? fallback;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw refuse(`${at}: "${name}" must be a whole number of seconds`);
      return v;
    };
    return {
      issuer,
      audience,
      jwksUri: url.toString(),
      algorithms: algorithms as AsymmetricAlgorithm[],
      claims: { role: (c.role as string) ?? 'role', organisation: (c.organisation as string) ?? 'organisation', country: (c.country as string) ?? 'country' },
      cacheMaxAgeSeconds: seconds('cacheMaxAgeSeconds', 600),
      cooldownSeconds: seconds('cooldownSeconds', 30),
    };
  });
  const seen = new Set<string>();
  for (const { issuer } of issuers) {
    if (seen.has(issuer)) throw refuse(`names the issuer "${issuer}" twice`);
    seen.add(issuer);
  }
  return issuers;
}
