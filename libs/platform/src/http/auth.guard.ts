import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '@ta/core';
import type { Actor } from '../commands/actor';
import { actorFromClaims } from '../auth/actor-from-claims';
import { CLOCK, type Clock } from './tokens';
import type { AuthConfig } from '../auth/auth-config';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
const PUBLIC = 'ta:public';

/** Routes anyone may call without a token (health, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Every route needs a valid bearer token unless marked @Public(). The actor recorded in
 * events comes from here, never from anything else the client sends. Browsers' EventSource
 * cannot send headers, so an event stream may carry the token as `access_token`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verify: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_CONFIG) config: AuthConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.verify = createTokenVerifier(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, unknown>; actor?: Actor }>();
    const token = bearer(req);
    if (!token) throw new UnauthorizedError('auth.missing_token', 'A bearer token is required (Authorization: Bearer <token>)');
    const claims = await this.verify(token, this.clock());
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
