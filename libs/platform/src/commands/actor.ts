import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthorizedError, ValidationError } from '@ta/core';

/** Roles a person acts in. `system` is for the platform's own process managers only. */
export const ACTOR_ROLES = ['secretariat', 'state', 'donor', 'authority'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number] | 'system';

/** Who is acting. Until authentication lands, taken from request headers. */
export interface Actor {
  readonly id: string;
  readonly role: ActorRole;
  /** A State focal point's country (ISO 3166-1 alpha-2). */
  readonly country?: string;
  /** A donor's organisation or an authority's registry id. */
  readonly organisation?: string;
}

const ID = /^[A-Za-z0-9._:@-]{1,100}$/;

export function actorFromHeaders(headers: Record<string, string | string[] | undefined>): Actor {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one('x-actor-id');
  const role = one('x-actor-role');
  if (!id || !role) {
    throw new UnauthorizedError('actor.missing', 'X-Actor-Id and X-Actor-Role headers are required');
  }
  if (!ID.test(id)) throw new ValidationError('actor.invalid_id', 'X-Actor-Id must be 1-100 characters of letters, digits and ._:@-');
  if (!(ACTOR_ROLES as readonly string[]).includes(role)) {
    throw new ValidationError('actor.invalid_role', `X-Actor-Role must be one of ${ACTOR_ROLES.join(', ')}`);
  }
  const country = one('x-actor-country');
  const organisation = one('x-actor-organisation');
  return { id, role: role as ActorRole, ...(country ? { country } : {}), ...(organisation ? { organisation } : {}) };
}

/** `@CurrentActor() actor: Actor` in a controller method. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  return actorFromHeaders(req.headers);
});
