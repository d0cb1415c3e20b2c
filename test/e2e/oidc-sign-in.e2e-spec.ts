import { DEMO_ACCOUNTS, startDevProvider, type DemoAccount } from '@ta/identity';
import { startTestApp, type TestApp } from '../support/app';
import { CookieClient } from '../support/browser-like';
import { offerBody, requestBody, streamEvents } from '../support/case-api';

// The platform as an OpenID Connect relying party of the development provider (oidc-provider,
// started by the API on an ephemeral port): authorization code + PKCE over real HTTP, the
// provider's own sign-in form, a server-side session in a cookie, CSRF on state-changing calls,
// sign-out with the provider's end-session endpoint.
describe('signing in through an OpenID provider (the development provider)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_DEV_PROVIDER: 'on' });
  });
  afterAll(async () => t?.close());

  const account = (role: DemoAccount['role']) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

  /** Goes through the provider's sign-in page as a browser would; returns the client, where it landed, and the provider's login URL. */
  async function signIn(who: { login: string; password: string }, next = '/work') {
    const browser = new CookieClient();
    const start = await browser.follow(`${t.url}/auth/sign-in/dev?next=${encodeURIComponent(next)}`);
    expect(start.res.status).toBe(200);
    const page = await start.res.text();
    expect(page).toContain('<form method="post"');
    const action = /action="([^"]+)"/.exec(page)![1]!;
    const loginUrl = new URL(action, start.url).toString();
    const submitted = await browser.fetch(loginUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: who.login, password: who.password }).toString(),
    });
    if (submitted.status === 200) return { browser, landed: undefined, page: await submitted.text(), start };
    expect(submitted.status).toBeGreaterThanOrEqual(300);
    const landed = await browser.follow(new URL(submitted.headers.get('location')!, loginUrl).toString());
    return { browser, landed, page: undefined, start };
  }

  it('sends the browser to the provider with PKCE (S256), state and nonce, and signs each demo account in to its own work', async () => {
    const first = await new CookieClient().fetch(`${t.url}/auth/sign-in/dev`);
    expect(first.status).toBe(302);
    const authorize = new URL(first.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${t.url}/auth/callback/dev`);
    expect(first.headers.get('set-cookie')).toMatch(/^ta_sign_in=[^;]+; Max-Age=600; Path=\/auth\/callback; Expires=[^;]+; HttpOnly; SameSite=Lax$/);

    for (const a of DEMO_ACCOUNTS) {
      const { browser, landed } = await signIn(a);
      expect(landed?.url).toBe(`${t.url}/app/work`);
      const cookie = browser.cookies(t.url).get('ta_session');
      expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const session = await browser.fetch(`${t.url}/auth/session`);
      expect(session.status).toBe(200);
      const body = (await session.json()) as { actor: Record<string, unknown>; name: string; csrfToken: string };
      expect(body.actor).toEqual({
        id: `dev:${a.login}`,
        role: a.role,
        ...(a.country ? { country: a.country } : {}),
        ...(a.organisation ? { organisation: a.organisation } : {}),
      });
      expect(body.name).toBe(a.name);
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('sets the session cookie HttpOnly and SameSite=Lax (Secure outside localhost) and keeps only its hash', async () => {
    const browser = new CookieClient();
    const start = await browser.follow(`${t.url}/auth/sign-in/dev`);
    const action = /action="([^"]+)"/.exec(await start.res.text())![1]!;
    const a = account('secretariat');
    const submitted = await browser.fetch(new URL(action, start.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: a.login, password: a.password }).toString(),
    });
    let url = new URL(submitted.headers.get('location')!, start.url).toString();
    let res = await browser.fetch(url);
    while (!url.startsWith(`${t.url}/auth/callback/`)) {
      url = new URL(res.headers.get('location')!, url).toString();
      res = await browser.fetch(url);
    }
    expect(res.status).toBe(302);
    const setCookies = res.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('ta_session='))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(session).not.toMatch(/Secure/); // 127.0.0.1: the embedded default over plain HTTP
    const id = /^ta_session=([^;]+)/.exec(session)![1]!;
    const { rows } = await t.db.pool.query<{ id_hash: string }>('SELECT id_hash FROM identity.sessions');
    expect(rows.map((r) => r.id_hash)).not.toContain(id);
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length + 1);
  });

  it('refuses a wrong password on the provider’s page, and an unknown user', async () => {
    const a = account('state');
    const wrong = await signIn({ login: a.login, password: 'not-the-password' });
    expect(wrong.landed).toBeUndefined();
    expect(wrong.page).toContain('Unknown user name or wrong password.');
    expect((await signIn({ login: 'nobody', password: 'x' })).page).toContain('Unknown user name or wrong password.');
  });

  it('acts in the session: reads without a CSRF token, changes only with it; the events name the signed-in person', async () => {
    const a = account('state');
    const { browser } = await signIn(a);
    const session = (await (await browser.fetch(`${t.url}/auth/session`)).json()) as { csrfToken: string };
    const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const refused = await browser.fetch(`${t.url}/requests`, { method: 'POST', headers: json, body: JSON.stringify(requestBody()) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('auth.csrf_token_mismatch');
    const wrong = await browser.fetch(`${t.url}/requests`, { method: 'POST', headers: { ...json, 'X-CSRF-Token': 'x'.repeat(43) }, body: JSON.stringify(requestBody()) });
    expect(wrong.status).toBe(403);
    const submitted = await browser.fetch(`${t.url}/requests`, { method: 'POST', headers: { ...json, 'X-CSRF-Token': session.csrfToken }, body: JSON.stringify(requestBody()) });
    expect(submitted.status).toBe(201);
    const { id } = (await submitted.json()) as { id: string };
    const [submittedEvent] = await streamEvents(t.db.pool, `request-${id}`);
    expect(submittedEvent!.metadata).toMatchObject({ actorId: `dev:${a.login}`, actorRole: 'state' });
    const read = await browser.fetch(`${t.url}/coordination/summary`, { headers: { Accept: "application/json" } });
    expect(read.status).toBe(200);
  });

  it('a donor signed in acts for its own organisation only', async () => {
    const a = account('donor');
    const { browser } = await signIn(a);
    const { csrfToken } = (await (await browser.fetch(`${t.url}/auth/session`)).json()) as { csrfToken: string };
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken };
    const own = await browser.fetch(`${t.url}/offers`, { method: 'POST', headers, body: JSON.stringify(offerBody()) });
    expect(own.status).toBe(201);
    const other = await browser.fetch(`${t.url}/offers`, { method: 'POST', headers, body: JSON.stringify(offerBody({ providerId: 'donor-sida' })) });
    expect(other.status).toBe(403);
  });

  it('signs out: the session ends, its cookie is cleared, and the browser is sent to the provider’s end-session endpoint', async () => {
    const a = account('authority');
    const { browser } = await signIn(a);
    const { csrfToken } = (await (await browser.fetch(`${t.url}/auth/session`)).json()) as { csrfToken: string };
    const noToken = await browser.fetch(`${t.url}/auth/sign-out`, { method: 'POST' });
    expect(noToken.status).toBe(403);
    const out = await browser.fetch(`${t.url}/auth/sign-out`, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } });
    expect(out.status).toBe(200);
    const { redirect } = (await out.json()) as { redirect: string };
    const endSession = new URL(redirect);
    expect(endSession.pathname).toBe('/session/end');
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${t.url}/app/sign-in`);
    expect(browser.cookies(t.url).has('ta_session')).toBe(false);
    // the old cookie no longer opens anything
    const replay = await fetch(`${t.url}/coordination/summary`, { headers: { Cookie: `ta_session=${'a'.repeat(43)}` } });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('auth.invalid_session');
    // the provider asks to confirm, then sends the browser back to the platform's sign-in page
    const confirm = await browser.follow(redirect);
    expect(confirm.res.status).toBe(200);
    const form = await confirm.res.text();
    const action = new URL(/action="([^"]+)"/.exec(form)![1]!, confirm.url).toString();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1]!;
    const done = await browser.fetch(action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    const back = await browser.follow(new URL(done.headers.get('location')!, action).toString());
    expect(back.url).toBe(`${t.url}/app/sign-in`);
  });

  it('refuses a callback that no sign-in of this browser started, and an unknown provider', async () => {
    const res = await new CookieClient().fetch(`${t.url}/auth/callback/dev?code=abc&state=def`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/app/sign-in?error=sign_in.expired');
    const unknown = await fetch(`${t.url}/auth/sign-in/elsewhere`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { code: string }).code).toBe('sign_in.unknown_provider');
  });

  it('lists the providers for the sign-in page', async () => {
    const res = await fetch(`${t.url}/auth/providers`);
    expect(await res.json()).toEqual({ providers: [{ id: 'dev', name: 'Development identity provider (demo accounts)' }] });
  });
});

describe('the development provider and production', () => {
  it('never runs in production: none by default, and AUTH_DEV_PROVIDER=on refuses to start', async () => {
    const production = await startTestApp({ NODE_ENV: 'production', AUTH_DEV_PROVIDER: '' });
    try {
      expect(await (await fetch(`${production.url}/auth/providers`)).json()).toEqual({ providers: [] });
      expect((await fetch(`${production.url}/auth/sign-in/dev`)).status).toBe(404);
    } finally {
      await production.close();
    }
    await expect(startTestApp({ NODE_ENV: 'production', AUTH_DEV_PROVIDER: 'on' })).rejects.toThrow(
      'AUTH_DEV_PROVIDER=on with NODE_ENV=production: the development identity provider (demo accounts, known passwords) never runs in production',
    );
  });
});

describe('several identity providers at once, each with its claim mapping', () => {
  it('signs people in through each; a donor’s own provider gives its users that donor’s role and organisation', async () => {
    // A second provider (another oidc-provider), as a donor's own: its users have no platform
    // claims at all, the mapping gives them role and organisation.
    const sida = await startDevProvider({ host: '127.0.0.1', port: 0, providerId: 'sida', accounts: [{ login: 'officer-1', password: 'pw-sida-1', name: 'Sida officer', role: 'state' }] });
    const providers = [{ id: 'sida', name: 'Sida', issuer: sida.issuer, clientId: sida.clientId, claims: { fixed: { role: 'donor', organisation: 'donor-sida' } } }];
    const t2 = await startTestApp({ AUTH_OIDC_PROVIDERS: JSON.stringify(providers), AUTH_DEV_PROVIDER: 'on' });
    try {
      expect(((await (await fetch(`${t2.url}/auth/providers`)).json()) as { providers: Array<{ id: string }> }).providers.map((p) => p.id)).toEqual(['sida', 'dev']);
      const browser = new CookieClient();
      const start = await browser.follow(`${t2.url}/auth/sign-in/sida`);
      expect(new URL(start.url).origin).toBe(sida.issuer);
      const action = new URL(/action="([^"]+)"/.exec(await start.res.text())![1]!, start.url).toString();
      const submitted = await browser.fetch(action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login: 'officer-1', password: 'pw-sida-1' }).toString(),
      });
      const landed = await browser.follow(new URL(submitted.headers.get('location')!, action).toString());
      expect(landed.url).toBe(`${t2.url}/app/work`);
      const session = (await (await browser.fetch(`${t2.url}/auth/session`)).json()) as { actor: unknown; name: string };
      expect(session).toMatchObject({ actor: { id: 'sida:officer-1', role: 'donor', organisation: 'donor-sida' }, name: 'Sida officer' });
    } finally {
      await t2.close();
      await sida.close();
    }
  });
});
