import { Logger } from '@nestjs/common';
import express, { type Request, type Response, type Router } from 'express';
import { ForbiddenError, NotFoundError, UnauthorizedError, type PlatformError } from '@ta/core';
import { problemFrom } from '@ta/platform';
import { CSRF_HEADER, requestIdOf } from '@ta/platform/http';
import { SESSION_COOKIE, SIGN_IN_COOKIE, type IdentityServices, type SignInProblem } from '../application/identity-services';
import { cookiesOf } from '../application/secrets';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
/** Where a person lands after signing in when the sign-in did not say: their own work. */
const DEFAULT_RETURN = '/work';
const APP = '/app';

/**
 * The browser's side of sign-in, and the token endpoint, as plain Express routes (redirects,
 * cookies and an OAuth form body are not JSON API calls):
 * - `GET /auth/providers`: the providers to sign in with (public);
 * - `GET /auth/sign-in/:provider?next=/work`: to the provider (authorization code + PKCE);
 * - `GET /auth/callback/:provider`: back from it; opens the session, then to the app (`next`);
 * - `GET /auth/session`: who is signed in, and the CSRF token for state-changing calls;
 * - `POST /auth/sign-out`: ends the session (with the CSRF token); answers where to send the
 *   browser: the provider's end-session endpoint where it has one, else the sign-in page;
 * - `POST /auth/token`: the client_credentials grant of service accounts (RFC 6749, 4.4).
 * Mounted before the edge's JSON-only body check (guardRequests), which the token endpoint's
 * form body would not pass.
 */
export function identityRoutes(identity: IdentityServices, clock: () => Date = () => new Date()): Router {
  const logger = new Logger('SignIn');
  const router = express.Router();
  const base = (req: Request) => identity.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const secure = (req: Request) => !LOCAL_HOSTS.has(req.hostname);
  const fail = (_req: Request, res: Response, problem: SignInProblem, cause?: unknown) => {
    if (cause) logger.warn(`sign-in failed (${problem}): ${(cause as Error).message ?? String(cause)}`);
    res.clearCookie(SIGN_IN_COOKIE, { path: '/auth/callback' });
    res.redirect(302, `${APP}/sign-in?error=${encodeURIComponent(problem)}`);
  };

  router.get('/auth/providers', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ providers: [...identity.providers.values()].map((p) => ({ id: p.provider.id, name: p.provider.name })) });
  });

  router.get('/auth/sign-in/:provider', async (req, res) => {
    const party = identity.providers.get(String(req.params.provider));
    if (!party) return sendProblem(res, new NotFoundError('sign_in.unknown_provider', `No identity provider ${String(req.params.provider)}`), req.originalUrl);
    const next = typeof req.query.next === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,300}$/.test(req.query.next) ? req.query.next : DEFAULT_RETURN;
    let request;
    try {
      request = await party.authorizationRequest(`${base(req)}/auth/callback/${party.provider.id}`);
    } catch (e) {
      return fail(req, res, 'sign_in.provider_unavailable', e);
    }
    const attempt = await identity.sessions.beginSignIn({ provider: party.provider.id, state: request.state, nonce: request.nonce, codeVerifier: request.codeVerifier, returnTo: next }, clock());
    res.cookie(SIGN_IN_COOKIE, attempt, { httpOnly: true, sameSite: 'lax', secure: secure(req), path: '/auth/callback', maxAge: 10 * 60_000 });
    res.set('Cache-Control', 'no-store').redirect(302, request.url.toString());
  });

  router.get('/auth/callback/:provider', async (req, res) => {
    const party = identity.providers.get(String(req.params.provider));
    const attemptId = cookiesOf(req.headers.cookie).get(SIGN_IN_COOKIE);
    const attempt = attemptId ? await identity.sessions.takeSignIn(attemptId, clock()) : null;
    if (!party || !attempt || attempt.provider !== party.provider.id) return fail(req, res, 'sign_in.expired');
    let answer;
    try {
      answer = await party.complete(new URL(`${base(req)}${req.originalUrl}`), attempt);
    } catch (e) {
      return fail(req, res, 'sign_in.failed', e);
    }
    const who = await identity.actorFor(party.provider, answer.claims);
    if (typeof who === 'string') return fail(req, res, who, new Error(`claims of ${String(answer.claims.sub)} at ${party.provider.id}`));
    const { id } = await identity.sessions.open({ actor: who.actor, name: who.name, provider: party.provider.id, idToken: answer.idToken ?? null }, clock());
    res.clearCookie(SIGN_IN_COOKIE, { path: '/auth/callback' });
    res.cookie(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: secure(req), path: '/' });
    logger.log(`signed in: ${who.actor.id} (${who.actor.role}) through ${party.provider.id}`);
    res.set('Cache-Control', 'no-store').redirect(302, `${APP}${attempt.returnTo}`);
  });

  router.get('/auth/session', async (req, res) => {
    const id = cookiesOf(req.headers.cookie).get(SESSION_COOKIE);
    const session = id ? await identity.sessions.find(id, clock()) : null;
    res.set('Cache-Control', 'no-store');
    if (!session) return sendProblem(res, unauthorized(id ? 'auth.invalid_session' : 'auth.missing_token'), req.originalUrl);
    res.json({ actor: session.actor, name: session.name, provider: session.provider, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
  });

  router.post('/auth/sign-out', async (req, res) => {
    const id = cookiesOf(req.headers.cookie).get(SESSION_COOKIE);
    const session = id ? await identity.sessions.find(id, clock()) : null;
    res.set('Cache-Control', 'no-store');
    if (!id || !session) {
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return res.json({ redirect: `${APP}/sign-in` });
    }
    if (req.get(CSRF_HEADER) !== session.csrfToken) return sendProblem(res, forbidden('auth.csrf_token_mismatch', `Signing out carries the session's CSRF token in ${CSRF_HEADER}`), req.originalUrl);
    await identity.sessions.end(id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    const endSession = await identity.providers.get(session.provider)?.endSessionUrl(session.idToken, `${base(req)}${APP}/sign-in`);
    logger.log(`signed out: ${session.actor.id}`);
    res.json({ redirect: endSession ?? `${APP}/sign-in` });
  });

  // RFC 6749, 4.4 and 5.2: answers and errors in OAuth's own JSON shape, which clients' libraries read.
  router.post('/auth/token', express.urlencoded({ extended: false, limit: '4kb', type: 'application/x-www-form-urlencoded' }), async (req, res) => {
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    const form = (req.body ?? {}) as Record<string, unknown>;
    if (!req.is('application/x-www-form-urlencoded')) return oauthError(res, 400, 'invalid_request', 'The body is application/x-www-form-urlencoded');
    if (form.grant_type !== 'client_credentials') return oauthError(res, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.get('authorization') ?? '');
    let clientId: unknown = form.client_id;
    let clientSecret: unknown = form.client_secret;
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
      clientId = safeDecode(decoded.slice(0, i));
      clientSecret = safeDecode(decoded.slice(i + 1));
    }
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || !clientId || !clientSecret) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    const issued = await identity.serviceAccounts.issueToken(clientId, clientSecret, clock());
    if (!issued) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    res.json({ access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn });
  });

  return router;
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Basic realm="ta-platform"');
  res.status(status).json({ error, error_description: description });
}

function sendProblem(res: Response, error: PlatformError, instance: string): void {
  const problem = problemFrom(error, instance);
  const traceId = requestIdOf(res);
  if (traceId) problem.traceId = traceId;
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

const unauthorized = (code: 'auth.invalid_session' | 'auth.missing_token') =>
  new UnauthorizedError(code, code === 'auth.invalid_session' ? 'The session has ended: sign in again' : 'Not signed in');
const forbidden = (code: string, message: string) => new ForbiddenError(code, message);
