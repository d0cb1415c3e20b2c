import type { Pool } from 'pg';
import type { Actor } from '@ta/platform';
import { hashOf, newSecret } from './secrets';

/** A signed-in person's server-side session. */
export interface Session {
  readonly actor: Actor;
  readonly name: string;
  readonly provider: string;
  readonly idToken: string | null;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** A sign-in under way: what the callback needs to finish it. */
export interface SignInAttempt {
  readonly provider: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
}

/**
 * Sessions and sign-in attempts in PostgreSQL (schema identity), so that several API processes
 * share them and a restart signs nobody out. The browser holds only random ids; the tables
 * hold their SHA-256.
 */
export class SessionStore {
  constructor(
    private readonly pool: Pool,
    private readonly ttlMs: number,
  ) {}

  /** Records an attempt; returns the id for the browser's cookie. Attempts expire after 10 minutes. */
  async beginSignIn(attempt: SignInAttempt, now: Date): Promise<string> {
    const id = newSecret('');
    await this.pool.query(`DELETE FROM identity.sign_in_attempts WHERE expires_at < $1`, [now]);
    await this.pool.query(
      `INSERT INTO identity.sign_in_attempts (id_hash, provider, state, nonce, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [hashOf(id), attempt.provider, attempt.state, attempt.nonce, attempt.codeVerifier, attempt.returnTo, new Date(now.getTime() + 10 * 60_000)],
    );
    return id;
  }

  /** The attempt of this cookie, used once (deleted); null when unknown or expired. */
  async takeSignIn(id: string, now: Date): Promise<SignInAttempt | null> {
    const { rows } = await this.pool.query<{ provider: string; state: string; nonce: string; code_verifier: string; return_to: string; expires_at: Date }>(
      `DELETE FROM identity.sign_in_attempts WHERE id_hash = $1 RETURNING provider, state, nonce, code_verifier, return_to, expires_at`,
      [hashOf(id)],
    );
    const r = rows[0];
    if (!r || r.expires_at <= now) return null;
    return { provider: r.provider, state: r.state, nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to };
  }

  /** Opens a session; returns the id for the session cookie. */
  async open(session: Omit<Session, 'csrfToken' | 'expiresAt'>, now: Date): Promise<{ id: string; session: Session }> {
    const id = newSecret('');
    const full: Session = { ...session, csrfToken: newSecret(''), expiresAt: new Date(now.getTime() + this.ttlMs) };
    await this.pool.query(`DELETE FROM identity.sessions WHERE expires_at < $1`, [now]);
    await this.pool.query(
      `INSERT INTO identity.sessions (id_hash, actor, name, provider, id_token, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [hashOf(id), JSON.stringify(full.actor), full.name, full.provider, full.idToken, full.csrfToken, now, full.expiresAt],
    );
    return { id, session: full };
  }

  async find(id: string, now: Date): Promise<Session | null> {
    const { rows } = await this.pool.query<{ actor: Actor; name: string | null; provider: string; id_token: string | null; csrf_token: string; expires_at: Date }>(
      `SELECT actor, name, provider, id_token, csrf_token, expires_at FROM identity.sessions WHERE id_hash = $1 AND expires_at > $2`,
      [hashOf(id), now],
    );
    const r = rows[0];
    return r ? { actor: r.actor, name: r.name ?? r.actor.id, provider: r.provider, idToken: r.id_token, csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
  }

  /** Ends a session; returns it (for the provider's logout), or null when there was none. */
  async end(id: string): Promise<Session | null> {
    const { rows } = await this.pool.query<{ actor: Actor; name: string | null; provider: string; id_token: string | null; csrf_token: string; expires_at: Date }>(
      `DELETE FROM identity.sessions WHERE id_hash = $1 RETURNING actor, name, provider, id_token, csrf_token, expires_at`,
      [hashOf(id)],
    );
    const r = rows[0];
    return r ? { actor: r.actor, name: r.name ?? r.actor.id, provider: r.provider, idToken: r.id_token, csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
  }
}
