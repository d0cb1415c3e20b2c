import { ACTOR_ROLES, ConfigError, type Actor } from '@ta/platform';

type Role = (typeof ACTOR_ROLES)[number];

/**
 * An identity provider people sign in with (AUTH_OIDC_PROVIDERS): its issuer (discovered at
 * `<issuer>/.well-known/openid-configuration`), the platform's client there, and how its
 * claims map to the platform's role, organisation and country.
 */
export interface IdentityProvider {
  /** In URLs (`/auth/sign-in/<id>`): letters, digits, `-`. */
  readonly id: string;
  /** On the sign-in page. */
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  /** Unset: a public client (PKCE only). */
  readonly clientSecret?: string;
  readonly scopes: readonly string[];
  readonly claims: ClaimMapping;
}

export interface ClaimMapping {
  /** The claim holding the role (a string or a list, e.g. Entra ID's `roles`). */
  readonly role: string;
  /** Values of that claim and the platform role each stands for; a value that is a platform role stands for itself. */
  readonly roles: Readonly<Record<string, Role>>;
  readonly organisation: string;
  readonly country: string;
  readonly name: string;
  /** Values every user of this provider gets (e.g. one provider per donor: `{ "role": "donor", "organisation": "donor-giz" }`). */
  readonly fixed: { readonly role?: Role; readonly organisation?: string; readonly country?: string };
}

const KNOWN = new Set(['id', 'name', 'issuer', 'clientId', 'clientSecret', 'scopes', 'claims']);
const CLAIM_KEYS = new Set(['role', 'roles', 'organisation', 'country', 'name', 'fixed']);

/** AUTH_OIDC_PROVIDERS: a JSON array of providers (docs/operations.md, "Sign-in"). */
export function parseIdentityProviders(raw: string | undefined): IdentityProvider[] {
  if (!raw?.trim()) return [];
  const fail = (why: string) => new ConfigError(`AUTH_OIDC_PROVIDERS: ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw fail(`is not JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw fail('expected a non-empty array of providers');
  const ids = new Set<string>();
  return parsed.map((entry: unknown, i) => {
    const at = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw fail(`${at} is not an object`);
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !KNOWN.has(k));
    if (unknown.length > 0) throw fail(`${at} has unknown fields: ${unknown.join(', ')}`);
    const text = (k: string, optional = false): string | undefined => {
      const v = e[k];
      if (v === undefined && optional) return undefined;
      if (typeof v !== 'string' || v.trim() === '') throw fail(`${at} needs "${k}" (a non-empty string)`);
      return v.trim();
    };
    const id = text('id')!;
    if (!/^[a-z0-9-]{1,40}$/.test(id)) throw fail(`${at}: "id" must be 1 to 40 lower-case letters, digits or -`);
    if (ids.has(id)) throw fail(`names the provider "${id}" twice`);
    ids.add(id);
    const issuer = text('issuer')!;
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw fail(`${at}: "issuer" is not a URL`);
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal(url.hostname))) throw fail(`${at}: "issuer" must use https (http only on localhost)`);
    const scopes = e.scopes === undefined ? ['openid', 'profile'] : e.scopes;
    if (!Array.isArray(scopes) || !scopes.includes('openid') || scopes.some((s) => typeof s !== 'string')) throw fail(`${at}: "scopes" must be a list of strings including "openid"`);
    const secret = text('clientSecret', true);
    return {
      id,
      name: text('name', true) ?? id,
      issuer,
      clientId: text('clientId')!,
      ...(secret ? { clientSecret: secret } : {}),
      scopes: scopes as string[],
      claims: parseClaims(e.claims, (why) => fail(`${at}: ${why}`)),
    };
  });
}

function parseClaims(raw: unknown, fail: (why: string) => Error): ClaimMapping {
  const c = (raw ?? {}) as Record<string, unknown>;
  if (typeof c !== 'object' || Array.isArray(c)) throw fail('"claims" must be an object');
  const unknown = Object.keys(c).filter((k) => !CLAIM_KEYS.has(k));
  if (unknown.length > 0) throw fail(`"claims" has unknown fields: ${unknown.join(', ')}`);
  const name = (k: string, fallback: string) => {
    const v = c[k];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !v) throw fail(`"claims.${k}" must be a claim name`);
    return v;
  };
  const roles = (c.roles ?? {}) as Record<string, unknown>;
  for (const [value, role] of Object.entries(roles)) if (!isRole(role)) throw fail(`"claims.roles" maps "${value}" to "${String(role)}", not one of ${ACTOR_ROLES.join(', ')}`);
  const fixed = (c.fixed ?? {}) as Record<string, unknown>;
  if (fixed.role !== undefined && !isRole(fixed.role)) throw fail(`"claims.fixed.role" must be one of ${ACTOR_ROLES.join(', ')}`);
  for (const k of Object.keys(fixed)) if (!['role', 'organisation', 'country'].includes(k) || typeof fixed[k] !== 'string') throw fail(`"claims.fixed" holds role, organisation, country strings only`);
  return {
    role: name('role', 'role'),
    roles: roles as Record<string, Role>,
    organisation: name('organisation', 'organisation'),
    country: name('country', 'country'),
    name: name('name', 'name'),
    fixed: fixed as ClaimMapping['fixed'],
  };
}

const isRole = (v: unknown): v is Role => (ACTOR_ROLES as readonly unknown[]).includes(v);
const isLocal = (host: string) => ['localhost', '127.0.0.1', '[::1]'].includes(host);

/** Why a provider's claims do not make a platform user (the sign-in page shows the code). */
export type ClaimProblem = 'sign_in.no_role' | 'sign_in.no_country' | 'sign_in.no_organisation';

/**
 * A person as the platform sees them, from a provider's verified claims (ID token and
 * userinfo): the mapped role, a State focal point's country, a donor's or authority's
 * organisation (checked against the directory by the caller). The actor id names the
 * provider, so that two providers' subjects never collide.
 */
export function actorFromProviderClaims(provider: IdentityProvider, claims: Readonly<Record<string, unknown>>): { actor: Actor; name: string } | ClaimProblem {
  const m = provider.claims;
  const role = m.fixed.role ?? roleOf(claims[m.role], m.roles);
  if (!role) return 'sign_in.no_role';
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const sub = str(claims.sub)!;
  const name = str(claims[m.name]) ?? sub;
  const id = `${provider.id}:${sub}`;
  if (role === 'state') {
    const country = (m.fixed.country ?? str(claims[m.country]))?.toUpperCase();
    if (!country || !/^[A-Z]{2}$/.test(country)) return 'sign_in.no_country';
    return { actor: { id, role, country }, name };
  }
  if (role === 'donor' || role === 'authority') {
    const organisation = m.fixed.organisation ?? str(claims[m.organisation]);
    if (!organisation) return 'sign_in.no_organisation';
    return { actor: { id, role, organisation }, name };
  }
  return { actor: { id, role }, name };
}

function roleOf(value: unknown, roles: Readonly<Record<string, Role>>): Role | undefined {
  for (const v of Array.isArray(value) ? value : [value]) {
    if (typeof v !== 'string') continue;
    const mapped = Object.hasOwn(roles, v) ? roles[v] : isRole(v) ? v : undefined;
    if (mapped) return mapped;
  }
  return undefined;
}
