import { Store } from './store';

export const ROLES = ['secretariat', 'state', 'donor', 'authority'] as const;
export type Role = (typeof ROLES)[number];

/** The claims of the platform's bearer tokens (decoded here without verification: the API verifies). */
export interface Claims {
  readonly sub: string;
  readonly role: Role;
  readonly country?: string;
  readonly organisation?: string;
  readonly name?: string;
  readonly exp?: number;
}

/**
 * Who is signed in: either through an identity provider (a server-side session: the browser
 * holds an HttpOnly cookie the app cannot read, and the session's CSRF token for
 * state-changing calls), or with a pasted bearer token (scripts, development).
 */
export interface Session {
  readonly token?: string;
  readonly csrfToken?: string;
  readonly claims: Claims;
}

const KEY = 'ta.token';

function base64UrlDecode(part: string): string {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export type TokenProblem = 'malformed' | 'claims' | 'expired';

/** Reads a JWT's claims; the signature is the API's to check. */
export function decodeToken(token: string, now = Date.now()): Claims | TokenProblem {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((p, i) => i < 2 && !/^[A-Za-z0-9_-]+$/.test(p))) return 'malformed';
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
  } catch {
    return 'malformed';
  }
  const { sub, role, country, organisation, name, exp } = payload;
  if (typeof sub !== 'string' || !(ROLES as readonly unknown[]).includes(role)) return 'claims';
  if (typeof exp === 'number' && exp * 1000 <= now) return 'expired';
  return {
    sub,
    role: role as Role,
    ...(typeof country === 'string' ? { country } : {}),
    ...(typeof organisation === 'string' ? { organisation } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof exp === 'number' ? { exp } : {}),
  };
}

function load(): Session | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  const claims = decodeToken(token);
  if (typeof claims === 'string') {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return { token, claims };
}

export const session = new Store<Session | null>(load());

export function signIn(token: string): Claims | TokenProblem {
  const claims = decodeToken(token);
  if (typeof claims !== 'string') {
    sessionStorage.setItem(KEY, token.trim());
    session.set({ token: token.trim(), claims });
  }
  return claims;
}

/** Forgets the session in this tab (the API said it has ended, or a pasted token was dropped). */
export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
  session.set(null);
}

/** A session opened through an identity provider (GET /auth/session), if this browser has one. */
export async function restoreSession(): Promise<void> {
  if (session.get()) return;
  let res: Response;
  try {
    res = await fetch('/auth/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return;
  }
  if (!res.ok) return;
  const body = (await res.json()) as { actor: { id: string; role: Role; country?: string; organisation?: string }; name: string; csrfToken: string };
  const { id, role, country, organisation } = body.actor;
  session.set({ csrfToken: body.csrfToken, claims: { sub: id, role, name: body.name, ...(country ? { country } : {}), ...(organisation ? { organisation } : {}) } });
}

/**
 * Signs out: a provider's session ends at the API (POST /auth/sign-out), then the browser goes
 * where the API says (the provider's sign-out page where it has one, else the sign-in page).
 * A pasted token is simply forgotten.
 */
export async function signOut(): Promise<string> {
  const s = session.get();
  forgetSession();
  if (!s?.csrfToken) return '/app/sign-in';
  try {
    const res = await fetch('/auth/sign-out', { method: 'POST', headers: { Accept: 'application/json', 'X-CSRF-Token': s.csrfToken }, credentials: 'same-origin' });
    if (res.ok) return ((await res.json()) as { redirect: string }).redirect;
  } catch {
    // the API is unreachable: the tab forgets the session anyway
  }
  return '/app/sign-in';
}

/** `Authorization: Bearer <token>` for a pasted token; the CSRF token for a provider's session (its cookie goes by itself). */
export function authHeaders(): Record<string, string> {
  const s = session.get();
  if (s?.token) return { Authorization: `Bearer ${s.token}` };
  if (s?.csrfToken) return { 'X-CSRF-Token': s.csrfToken };
  return {};
}
