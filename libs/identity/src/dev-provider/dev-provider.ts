import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_CLAIMS, type DemoAccount } from './demo-accounts';

/** The platform's client at the development provider (a public client: PKCE, no secret). */
export const DEV_CLIENT_ID = 'ta-platform-dev';
export const DEV_PROVIDER_ID = 'dev';

export interface DevProvider {
  readonly issuer: string;
  readonly clientId: string;
  close(): Promise<void>;
}

/**
 * A real OpenID provider for development and tests (`oidc-provider`, the certified
 * implementation), on its own port beside the API: authorization code with PKCE, discovery,
 * JWKS, userinfo, RP-initiated logout; the demo accounts sign in on its sign-in page with a
 * password. Never started in production (identity-services.ts refuses it). Its keys, sessions and
 * grants live in memory: a restart signs everyone out of the provider (not of the platform).
 * The platform's client is a "native" one with loopback redirect URIs, so any port of
 * localhost or 127.0.0.1 is accepted (RFC 8252, 7.3).
 */
export async function startDevProvider(options: { host: string; port: number; accounts?: readonly DemoAccount[]; providerId?: string }): Promise<DevProvider> {
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  // oidc-provider is an ES module: loaded when the development provider starts, never in production.
  const { default: Provider } = await import('oidc-provider');
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const issuer = `http://${host}:${port}`;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `dev-${randomBytes(4).toString('hex')}`, alg: 'ES256', use: 'sig' };
  const callbacks = ['localhost', '127.0.0.1'].map((h) => `http://${h}/auth/callback/${options.providerId ?? DEV_PROVIDER_ID}`);
  const afterLogout = ['localhost', '127.0.0.1'].map((h) => `http://${h}/app/sign-in`);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: callbacks,
        post_logout_redirect_uris: afterLogout,
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'profile', 'ta'],
    claims: { openid: ['sub'], profile: ['name'], ta: [DEMO_CLAIMS.role, DEMO_CLAIMS.organisation, DEMO_CLAIMS.country] },
    // the platform reads the claims from the ID token (userinfo holds the same)
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, IdToken: 3600, AccessToken: 3600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.find((a) => a.login === id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          name: account.name,
          [DEMO_CLAIMS.role]: account.role,
          ...(account.organisation ? { [DEMO_CLAIMS.organisation]: account.organisation } : {}),
          ...(account.country ? { [DEMO_CLAIMS.country]: account.country } : {}),
        }),
      };
    },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', `<h1>Sign-in error</h1><p>${escape(out.error ?? '')}: ${escape(out.error_description ?? '')}</p>`);
    },
  } as never);
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec((req.url ?? '').split('?')[0]!);
    if (!m) return void callback(req, res);
    interaction(req, res, m[2] !== undefined).catch((e: unknown) => {
      res.statusCode = 400;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page('Sign-in error', `<h1>Sign-in error</h1><p>${escape((e as Error).message)}</p>`));
    });
  });

  async function interaction(req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // The platform is this provider's only client, a first party: what it asks is granted, no consent screen.
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
      if (missingOIDCScope) grant!.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant!.addOIDCClaims(missingOIDCClaims);
      const grantId = await grant!.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
    let problem = '';
    let login = '';
    if (submitted && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      login = form.get('login') ?? '';
      const account = accounts.find((a) => a.login === login);
      if (account && same(form.get('password') ?? '', account.password)) {
        await provider.interactionFinished(req, res, { login: { accountId: account.login } }, { mergeWithLastSubmission: false });
        return;
      }
      problem = 'Unknown user name or wrong password.';
    }
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(loginPage(details.uid, login, problem, accounts));
  }

  return {
    issuer,
    clientId: DEV_CLIENT_ID,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
      if (data.length > 10_000) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}label{display:block;margin-top:1rem;font-weight:600}input{display:block;width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}button{margin-top:1.25rem;padding:.6rem 1.2rem;font-size:1rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}table{border-collapse:collapse;margin-top:1rem}td,th{border:1px solid #bbb;padding:.3rem .5rem;text-align:left}.problem{color:#a00;font-weight:600}.note{background:#fff4ce;padding:.5rem .75rem;border-left:4px solid #c90}';

function page(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${content}</body></html>`;
}

function loginPage(uid: string, login: string, problem: string, accounts: readonly DemoAccount[]): string {
  const rows = accounts.map((a) => `<tr><td>${escape(a.name)}</td><td><code>${escape(a.login)}</code></td><td><code>${escape(a.password)}</code></td></tr>`).join('');
  return page(
    'Sign in: development identity provider',
    `<h1>Sign in</h1>
<p class="note">Development identity provider of the technical-assistance platform: never run in production. Demo accounts, one per role:</p>
<table><thead><tr><th>account</th><th>user name</th><th>password</th></tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
${problem ? `<p class="problem" role="alert" id="problem">${escape(problem)}</p>` : ''}
<label for="login">User name</label><input id="login" name="login" required value="${escape(login)}">
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit" id="sign-in">Sign in</button>
</form>`,
  );
}

function logoutSource(ctx: { body: string }, form: string): void {
  ctx.body = page(
    'Sign out',
    `<h1>Sign out of the development identity provider?</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout" id="sign-out">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}
