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

export interface Session {
  readonly token: string;
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

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  session.set(null);
}

/** `Authorization: Bearer <token>`: the API verifies it and takes the actor from it alone. */
export function authHeaders(): Record<string, string> {
  const s = session.get();
  return s ? { Authorization: `Bearer ${s.token}` } : {};
}
