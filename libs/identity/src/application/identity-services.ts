import { join } from 'node:path';
import { ConfigError, envInt, type Actor, type AuthenticatedRequestView, type Infrastructure, type RequestAuthenticator } from '@ta/platform';
import { sqlMigrationSet, type MigrationSet } from '@ta/postgres';
import { DEMO_CLAIMS } from '../dev-provider/demo-accounts';
import { DEV_PROVIDER_ID, startDevProvider, type DevProvider } from '../dev-provider/dev-provider';
import { actorFromProviderClaims, parseIdentityProviders, type IdentityProvider } from './identity-providers';
import { RelyingParty } from './relying-party';
import { cookiesOf } from './secrets';
import { ACCESS_TOKEN_PREFIX, ServiceAccounts, type OrganisationDirectory } from './service-accounts';
import { SessionStore, type Session } from './session-store';

/** Sessions, sign-in attempts, service accounts (schema identity, libs/identity/migrations/). */
export const identityMigrations: MigrationSet = sqlMigrationSet('identity', join(__dirname, '..', '..', 'migrations'));

export const SESSION_COOKIE = 'ta_session';
export const SIGN_IN_COOKIE = 'ta_sign_in';

/** Why a sign-in did not open a session (the sign-in page says it in the user's language). */
export type SignInProblem =
  | 'sign_in.no_role'
  | 'sign_in.no_country'
  | 'sign_in.no_organisation'
  | 'sign_in.organisation_unknown'
  | 'sign_in.organisation_not_verified'
  | 'sign_in.role_kind_mismatch'
  | 'sign_in.expired'
  | 'sign_in.failed'
  | 'sign_in.provider_unavailable';

/** What the API composes sign-in from. */
export interface IdentityServices {
  readonly providers: ReadonlyMap<string, RelyingParty>;
  readonly sessions: SessionStore;
  readonly serviceAccounts: ServiceAccounts;
  readonly authenticator: RequestAuthenticator;
  /** PUBLIC_URL: the platform's address as browsers see it (callback URLs); unset: the request's own. */
  readonly publicUrl: string | undefined;
  /** The start-up log's line. */
  readonly description: string;
  /** An actor for verified provider claims, checked against the directory. */
  actorFor(provider: IdentityProvider, claims: Readonly<Record<string, unknown>>): Promise<{ actor: Actor; name: string } | SignInProblem>;
  close(): Promise<void>;
}

/**
 * Sign-in for the API process:
 * - the identity providers of AUTH_OIDC_PROVIDERS (several at once), each a relying party;
 * - outside production, unless AUTH_DEV_PROVIDER=off or AUTH_OIDC_PROVIDERS is set, the
 *   development provider (`oidc-provider`, demo accounts) on AUTH_DEV_PROVIDER_PORT (default
 *   PORT + 1, or any free port when that one is taken), listed as provider `dev`; AUTH_DEV_PROVIDER=on in production is refused;
 * - sessions of SESSION_TTL_MINUTES (default 480) and service accounts.
 */
export async function createIdentityServices(infra: Infrastructure, directory: OrganisationDirectory): Promise<IdentityServices> {
  const env = infra.config.env;
  const configured = parseIdentityProviders(env.AUTH_OIDC_PROVIDERS);
  const devSetting = (env.AUTH_DEV_PROVIDER ?? '').trim().toLowerCase();
  if (!['', 'on', 'off'].includes(devSetting)) throw new ConfigError(`AUTH_DEV_PROVIDER must be on or off, got "${env.AUTH_DEV_PROVIDER}"`);
  if (devSetting === 'on' && env.NODE_ENV === 'production') {
    throw new ConfigError('AUTH_DEV_PROVIDER=on with NODE_ENV=production: the development identity provider (demo accounts, known passwords) never runs in production');
  }
  const devOn = devSetting === 'on' || (devSetting === '' && env.NODE_ENV !== 'production' && configured.length === 0);
  let dev: DevProvider | undefined;
  const providers: IdentityProvider[] = [...configured];
  if (devOn) {
    const host = infra.config.host === '0.0.0.0' || infra.config.host === '::' ? 'localhost' : infra.config.host;
    if (env.AUTH_DEV_PROVIDER_PORT) dev = await startDevProvider({ host, port: envInt(env, 'AUTH_DEV_PROVIDER_PORT', 0, 0) });
    else {
      // PORT + 1 by default; when that port is taken (another process there), any free one: the issuer names it.
      const preferred = infra.config.port === 0 ? 0 : infra.config.port + 1;
      dev = await startDevProvider({ host, port: preferred }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EADDRINUSE' || preferred === 0) throw e;
        return startDevProvider({ host, port: 0 });
      });
    }
    if (providers.some((p) => p.id === DEV_PROVIDER_ID)) throw new ConfigError(`AUTH_OIDC_PROVIDERS: the id "${DEV_PROVIDER_ID}" is the development provider's`);
    providers.push({
      id: DEV_PROVIDER_ID,
      name: 'Development identity provider (demo accounts)',
      issuer: dev.issuer,
      clientId: dev.clientId,
      scopes: ['openid', 'profile', 'ta'],
      claims: { role: DEMO_CLAIMS.role, roles: {}, organisation: DEMO_CLAIMS.organisation, country: DEMO_CLAIMS.country, name: DEMO_CLAIMS.name, fixed: {} },
    });
  }
  const sessions = new SessionStore(infra.pool, envInt(env, 'SESSION_TTL_MINUTES', 480) * 60_000);
  const serviceAccounts = new ServiceAccounts(infra.pool, directory);
  const parties = new Map(providers.map((p) => [p.id, new RelyingParty(p)]));

  const authenticator: RequestAuthenticator = {
    async fromOpaqueToken(token: string, req: AuthenticatedRequestView, now: Date) {
      if (!token.startsWith(ACCESS_TOKEN_PREFIX)) return 'not_mine';
      const actor = await serviceAccounts.actorOf(token, { method: req.method, path: req.url.split('?')[0]!, requestId: req.requestId }, now);
      return actor ?? 'invalid';
    },
    async fromSession(req: AuthenticatedRequestView, now: Date) {
      const id = cookiesOf(req.cookie).get(SESSION_COOKIE);
      if (!id) return 'none';
      const session: Session | null = await sessions.find(id, now);
      return session ? { actor: session.actor, csrfToken: session.csrfToken } : 'invalid';
    },
  };

  const names = providers.map((p) => `${p.id} (${p.issuer})`).join(', ');
  return {
    providers: parties,
    sessions,
    serviceAccounts,
    authenticator,
    publicUrl: env.PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined,
    description:
      providers.length === 0
        ? 'sign-in: no identity provider (AUTH_OIDC_PROVIDERS unset): bearer tokens only'
        : `sign-in through ${names}${dev ? `; development identity provider at ${dev.issuer} (demo accounts on its sign-in page; AUTH_DEV_PROVIDER=off to turn it off)` : ''}`,
    async actorFor(provider, claims) {
      const mapped = actorFromProviderClaims(provider, claims);
      if (typeof mapped === 'string') return mapped;
      const { actor } = mapped;
      if (actor.role !== 'donor' && actor.role !== 'authority') return mapped;
      const identity = await directory.identityOf(actor.organisation!);
      if (!identity) return 'sign_in.organisation_unknown';
      if (identity.status !== 'verified') return 'sign_in.organisation_not_verified';
      if ((actor.role === 'authority') !== (identity.kind === 'national_authority')) return 'sign_in.role_kind_mismatch';
      return { ...mapped, actor: { ...actor, organisation: identity.organisationId } };
    },
    async close() {
      await dev?.close();
    },
  };
}
