import type { Actor } from '../commands/actor';

/** What an authenticator sees of a request. */
export interface AuthenticatedRequestView {
  readonly method: string;
  /** The path and query as sent. */
  readonly url: string;
  readonly cookie: string | undefined;
  readonly requestId: string | undefined;
}

/**
 * Ways to authenticate a request besides the bearer JWTs the platform verifies itself
 * (token-verifier.ts), supplied by the process that composes them (the identity library):
 * - a bearer token that is not a JWT: a service account's access token;
 * - no Authorization header: a signed-in person's server-side session (cookie); state-changing
 *   calls then carry the session's CSRF token in `X-CSRF-Token` (checked by the guard).
 */
export interface RequestAuthenticator {
  /** The actor of a token of its kind (a service account's); `invalid` when of its kind but unknown, expired or revoked; `not_mine` for any other token (a JWT). */
  fromOpaqueToken(token: string, req: AuthenticatedRequestView, now: Date): Promise<Actor | 'invalid' | 'not_mine'>;
  /** `none`: the request carries no session cookie; `invalid`: it carries one the platform does not know (expired, signed out). */
  fromSession(req: AuthenticatedRequestView, now: Date): Promise<{ readonly actor: Actor; readonly csrfToken: string } | 'none' | 'invalid'>;
}
