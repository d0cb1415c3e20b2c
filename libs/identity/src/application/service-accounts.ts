import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { ForbiddenError, NotFoundError, IllegalStateError, ValidationError } from '@ta/core';
import type { OrganisationIdentity } from '@ta/directory';
import type { Actor } from '@ta/platform';
import { hashOf, newSecret, sameHash } from './secrets';

/** What service accounts ask the directory (`DirectoryIdentities` answers). */
export interface OrganisationDirectory {
  identityOf(organisationId: string): Promise<OrganisationIdentity | null>;
}

export interface ServiceAccount {
  readonly clientId: string;
  readonly organisation: string;
  readonly role: 'donor' | 'authority';
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
  readonly lastUsedAt: string | null;
  readonly uses: number;
}

export interface ServiceAccountUse {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string | null;
}

/** The prefixes of a service account's secret and of its access tokens. */
export const CLIENT_SECRET_PREFIX = 'ta_sas_';
export const ACCESS_TOKEN_PREFIX = 'ta_sat_';
/** An access token's lifetime: one hour (the client asks for another with its credentials). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** The actor id of a service account: never a person's (`<provider>:<sub>`). */
export const serviceActorId = (clientId: string) => `service-account:${clientId}`;

/**
 * Client credentials for organisations' systems, issued by the platform (for deployments whose
 * identity provider issues none): a donor's or authority's system gets a client id and secret
 * for its organisation, exchanges them for an access token (the client_credentials grant,
 * POST /auth/token) and acts as its organisation, with that organisation's rights and no more
 * (the actor is a donor or authority of that organisation, so the access policy and the
 * directory's identity check apply as to its people). Revoking an account ends its tokens at
 * once. Every call it makes is recorded for its organisation and the Secretariat.
 */
export class ServiceAccounts {
  constructor(
    private readonly pool: Pool,
    private readonly directory: OrganisationDirectory,
  ) {}

  /** Secretariat for any verified provider organisation; a donor or authority for its own. */
  async create(actor: Actor, input: { name: string; organisation?: string | undefined }, now: Date): Promise<{ account: ServiceAccount; clientSecret: string }> {
    this.mayManage(actor);
    const organisation = actor.role === 'secretariat' ? input.organisation : actor.organisation;
    if (!organisation) throw new ValidationError('service_account.organisation_required', 'The Secretariat names the organisation the account acts for', [{ path: 'organisation', message: 'required' }]);
    if (actor.role !== 'secretariat' && input.organisation !== undefined && input.organisation !== actor.organisation) {
      throw new ForbiddenError('access.not_own_organisation', 'A service account is for your own organisation only');
    }
    const identity = await this.directory.identityOf(organisation);
    if (!identity) throw new ForbiddenError('access.organisation_unknown', `The organisation ${organisation} is not in the directory`, { organisation });
    if (identity.status !== 'verified') throw new ForbiddenError('access.organisation_not_verified', `The organisation ${identity.organisationId} is ${identity.status}`, { organisation: identity.organisationId });
    const role = identity.kind === 'national_authority' ? 'authority' : 'donor';
    const clientId = `sa-${randomBytes(8).toString('hex')}`;
    const clientSecret = newSecret(CLIENT_SECRET_PREFIX);
    await this.pool.query(
      `INSERT INTO identity.service_accounts (client_id, organisation_id, role, name, secret_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [clientId, identity.organisationId, role, input.name, hashOf(clientSecret), actor.id, now],
    );
    return { account: (await this.get(clientId))!, clientSecret };
  }

  /** The Secretariat's: every account (or one organisation's); a donor's or authority's: its organisation's. */
  async list(actor: Actor, organisation?: string): Promise<ServiceAccount[]> {
    this.mayManage(actor);
    const only = actor.role === 'secretariat' ? organisation : actor.organisation;
    const { rows } = await this.pool.query<Row>(`${SELECT} ${only ? 'WHERE a.organisation_id = $1' : ''} ORDER BY a.created_at, a.client_id`, only ? [only] : []);
    return rows.map(toAccount);
  }

  async revoke(actor: Actor, clientId: string, now: Date): Promise<ServiceAccount> {
    const account = await this.visible(actor, clientId);
    if (account.revokedAt) throw new IllegalStateError('service_account.revoked', `The service account ${clientId} is already revoked`);
    await this.pool.query(`UPDATE identity.service_accounts SET revoked_at = $2, revoked_by = $3 WHERE client_id = $1`, [clientId, now, actor.id]);
    await this.pool.query(`DELETE FROM identity.service_tokens WHERE client_id = $1`, [clientId]);
    return (await this.get(clientId))!;
  }

  async uses(actor: Actor, clientId: string, limit = 100): Promise<{ account: ServiceAccount; uses: ServiceAccountUse[] }> {
    const account = await this.visible(actor, clientId);
    const { rows } = await this.pool.query<{ at: Date; method: string; path: string; request_id: string | null }>(
      `SELECT at, method, path, request_id FROM identity.service_account_uses WHERE client_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [clientId, limit],
    );
    return { account, uses: rows.map((r) => ({ at: r.at.toISOString(), method: r.method, path: r.path, requestId: r.request_id })) };
  }

  /** The client_credentials grant: an access token for a live account whose secret matches; null otherwise. */
  async issueToken(clientId: string, clientSecret: string, now: Date): Promise<{ accessToken: string; expiresIn: number } | null> {
    const { rows } = await this.pool.query<{ secret_hash: string; revoked_at: Date | null }>(`SELECT secret_hash, revoked_at FROM identity.service_accounts WHERE client_id = $1`, [clientId]);
    const r = rows[0];
    // hash anyway, so that an unknown client takes as long as a wrong secret
    const given = hashOf(clientSecret);
    if (!r || r.revoked_at || !sameHash(given, r.secret_hash)) return null;
    const accessToken = newSecret(ACCESS_TOKEN_PREFIX);
    await this.pool.query(`DELETE FROM identity.service_tokens WHERE client_id = $1 AND expires_at < $2`, [clientId, now]);
    await this.pool.query(`INSERT INTO identity.service_tokens (token_hash, client_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)`, [
      hashOf(accessToken),
      clientId,
      now,
      new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000),
    ]);
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
  }

  /** The actor of a live access token, its use recorded; null for an unknown, expired or revoked one. */
  async actorOf(token: string, use: { method: string; path: string; requestId: string | undefined }, now: Date): Promise<Actor | null> {
    const { rows } = await this.pool.query<{ client_id: string; organisation_id: string; role: 'donor' | 'authority' }>(
      `SELECT a.client_id, a.organisation_id, a.role FROM identity.service_tokens t JOIN identity.service_accounts a USING (client_id)
        WHERE t.token_hash = $1 AND t.expires_at > $2 AND a.revoked_at IS NULL`,
      [hashOf(token), now],
    );
    const r = rows[0];
    if (!r) return null;
    await this.pool.query(`INSERT INTO identity.service_account_uses (client_id, at, method, path, request_id) VALUES ($1, $2, $3, $4, $5)`, [
      r.client_id,
      now,
      use.method,
      use.path.slice(0, 500),
      use.requestId ?? null,
    ]);
    return { id: serviceActorId(r.client_id), role: r.role, organisation: r.organisation_id };
  }

  private mayManage(actor: Actor): void {
    if (actor.id.startsWith('service-account:')) throw new ForbiddenError('access.service_account_not_allowed', 'A service account cannot manage service accounts');
    if (actor.role !== 'secretariat' && actor.role !== 'donor' && actor.role !== 'authority') {
      throw new ForbiddenError('access.role_not_allowed', `Service accounts are not managed in the ${actor.role} role`, { role: actor.role });
    }
  }

  /** An account the actor may see: the Secretariat's all, an organisation's its own; another's is not found (its existence is not told). */
  private async visible(actor: Actor, clientId: string): Promise<ServiceAccount> {
    this.mayManage(actor);
    const account = await this.get(clientId);
    if (!account || (actor.role !== 'secretariat' && account.organisation !== actor.organisation)) {
      throw new NotFoundError('service_account.not_found', `No service account ${clientId}`);
    }
    return account;
  }

  private async get(clientId: string): Promise<ServiceAccount | null> {
    const { rows } = await this.pool.query<Row>(`${SELECT} WHERE a.client_id = $1`, [clientId]);
    return rows[0] ? toAccount(rows[0]) : null;
  }
}

interface Row {
  client_id: string;
  organisation_id: string;
  role: 'donor' | 'authority';
  name: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
  uses: string;
}

const SELECT = `SELECT a.client_id, a.organisation_id, a.role, a.name, a.created_by, a.created_at, a.revoked_at, a.revoked_by,
  (SELECT max(u.at) FROM identity.service_account_uses u WHERE u.client_id = a.client_id) AS last_used_at,
  (SELECT count(*) FROM identity.service_account_uses u WHERE u.client_id = a.client_id) AS uses
  FROM identity.service_accounts a`;

function toAccount(r: Row): ServiceAccount {
  return {
    clientId: r.client_id,
    organisation: r.organisation_id,
    role: r.role,
    name: r.name,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    revokedBy: r.revoked_by,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    uses: Number(r.uses),
  };
}
