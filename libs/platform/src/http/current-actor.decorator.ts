import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthorizedError } from '@ta/core';
import type { Actor } from '../commands/actor';

/** `@CurrentActor() actor: Actor` in a controller method: the actor the auth guard verified. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!req.actor) throw new UnauthorizedError('auth.missing_token', 'A bearer token is required');
  return req.actor;
});
