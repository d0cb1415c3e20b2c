import { UnauthorizedError } from '@ta/core';
import { ACTOR_ROLES, type Actor } from '../commands/actor';
import type { JwtClaims } from './jwt';

/** The actor a verified token stands for; bindings are checked here, once. */
export function actorFromClaims(claims: JwtClaims): Actor {
  const role = claims.role;
  if (!(ACTOR_ROLES as readonly string[]).includes(role)) throw new UnauthorizedError('auth.invalid_claims', `Unknown role ${role}`);
  if (role === 'state' && !/^[A-Z]{2}$/.test(claims.country ?? '')) {
    throw new UnauthorizedError('auth.invalid_claims', "A State focal point's token names its country");
  }
  if ((role === 'donor' || role === 'authority') && !claims.organisation) {
    throw new UnauthorizedError('auth.invalid_claims', "A donor's or authority's token names its organisation");
  }
  return {
    id: claims.sub,
    role: role as Actor['role'],
    ...(role === 'state' ? { country: claims.country! } : {}),
    ...(role === 'donor' || role === 'authority' ? { organisation: claims.organisation! } : {}),
  };
}
