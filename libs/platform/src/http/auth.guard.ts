import { Inject, Injectable, Optional, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '@ta/core';
import type { Actor } from '../commands/actor';
import { actorFromClaims } from '../auth/actor-from-claims';
import { CLOCK, type Clock } from './tokens';
import type { AuthConfig } from '../auth/auth-config';
import { authFailure, createTokenVerifier, type TokenVerifier } from '../auth/token-verifier';
import type { AuthenticatedRequestView, RequestAuthenticator } from '../auth/request-authenticator';
import { requestIdOf } from './edge/security-headers';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
/** The process's `RequestAuthenticator` (sessions, service accounts), when it composes one. */
export const REQUEST_AUTHENTICATOR = Symbol('REQUEST_AUTHENTICATOR');
/** The header a session's state-changing calls carry its CSRF token in. */
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PUBLIC = 'ta:public';

/** Routes anyone may call without a token (health, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Every route needs a signed-in actor unless marked @Public(). The actor recorded in events
 * comes from here, never from anything else the client sends:
 * - a bearer JWT (verified here: the identity providers' tokens and the development HS256 ones);
 * - a bearer token that is not a JWT: a service account's access token (the authenticator);
 * - no Authorization header: the session cookie of a person signed in through an identity
 *   provider (the authenticator), and on state-changing methods its CSRF token in
 *   `X-CSRF-Token` (403 `auth.csrf_token_mismatch` otherwise: a cookie alone never changes anything).
 * Browsers' EventSource cannot send headers, so an event stream may carry the token as
 * `access_token` (or rely on the session cookie).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verify: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(REQUEST_AUTHENTICATOR) private readonly authenticator?: RequestAuthenticator,
  ) {
    this.verify = createTokenVerifier(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<{ method: string; originalUrl?: string; url: string; headers: Record<string, string | undefined>; query?: Record<string, unknown>; actor?: Actor }>();
    const now = this.clock();
    const token = bearer(req);
    const view = (): AuthenticatedRequestView => ({ method: req.method, url: req.originalUrl ?? req.url, cookie: req.headers.cookie, requestId: requestIdOf(http.getResponse()) });
    if (token && this.authenticator) {
      const actor = await this.authenticator.fromOpaqueToken(token, view(), now);
      if (actor === 'invalid') throw authFailure('auth.invalid_token');
      if (actor !== 'not_mine') {
        req.actor = actor;
        return true;
      }
    }
    if (!token && this.authenticator && !req.headers.authorization) {
      const session = await this.authenticator.fromSession(view(), now);
      if (session === 'invalid') throw authFailure('auth.invalid_session');
      if (session !== 'none') {
        if (!SAFE_METHODS.has(req.method.toUpperCase()) && req.headers[CSRF_HEADER.toLowerCase()] !== session.csrfToken) {
          throw new ForbiddenError('auth.csrf_token_mismatch', `A state-changing call in a session carries the session's CSRF token in ${CSRF_HEADER}`);
        }
        req.actor = session.actor;
        return true;
      }
    }
    if (!token) throw new UnauthorizedError('auth.missing_token', 'A bearer token is required (Authorization: Bearer <token>)');
    const claims = await this.verify(token, now);
    req.actor = actorFromClaims(claims);
    return true;
  }
}

function bearer(req: { headers: Record<string, string | undefined>; query?: Record<string, unknown> }): string | undefined {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (!m) throw new UnauthorizedError('auth.malformed_token', 'Authorization must be "Bearer <token>"');
    return m[1];
  }
  const q = req.query?.access_token;
  if (typeof q === 'string' && (req.headers.accept ?? '').includes('text/event-stream')) return q;
  return undefined;
}
