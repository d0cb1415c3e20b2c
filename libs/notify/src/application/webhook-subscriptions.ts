import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { NotificationKind } from '../domain';
import type { SecretBox } from './secret-box';

type Db = Pool | PoolClient;

export interface WebhookSubscription {
  readonly id: string;
  readonly organisation: string;
  readonly kinds: readonly NotificationKind[];
  readonly url: string;
  readonly createdAt: string;
}

/** A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Adds a webhook subscription for an organisation; returns its id. The secret is sealed when the deployment has a key (`box`). */
export async function subscribeWebhook(
  db: Db,
  s: { organisation: string; kinds: readonly NotificationKind[]; url: string; secret: string; createdBy?: string },
  box: SecretBox | null = null,
): Promise<string> {
  const id = randomBytes(12).toString('hex');
  await db.query('INSERT INTO notify.webhook_subscriptions(id, organisation, kinds, url, secret, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    s.organisation,
    s.kinds,
    s.url,
    box ? box.seal(s.secret) : s.secret,
    s.createdBy ?? null,
  ]);
  return id;
}

/** Subscriptions, of one organisation or all; never their secrets. */
export async function webhookSubscriptions(db: Db, organisation?: string): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<{ id: string; organisation: string; kinds: NotificationKind[]; url: string; created_at: Date }>(
    'SELECT id, organisation, kinds, url, created_at FROM notify.webhook_subscriptions WHERE ($1::text IS NULL OR organisation = $1) ORDER BY created_at, id',
    [organisation ?? null],
  );
  return rows.map((r) => ({ id: r.id, organisation: r.organisation, kinds: r.kinds, url: r.url, createdAt: r.created_at.toISOString() }));
}

export async function webhookSubscription(db: Db, id: string): Promise<WebhookSubscription | null> {
  return (await webhookSubscriptions(db)).find((s) => s.id === id) ?? null;
}

/** Removes a subscription: its pending deliveries are not sent (the dispatcher finds it gone). */
export async function unsubscribeWebhook(db: Db, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM notify.webhook_subscriptions WHERE id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

export interface DeadDelivery {
  readonly id: string;
  readonly kind: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly data: unknown;
}

/** A subscription's dead-lettered deliveries (for the subscriber to see), oldest first. */
export async function deadDeliveries(db: Db, subscriptionId: string): Promise<DeadDelivery[]> {
  const { rows } = await db.query<{ id: string; kind: string; attempts: number; last_error: string | null; created_at: Date; payload: unknown }>(
    "SELECT id, kind, attempts, last_error, created_at, payload FROM notify.outbox WHERE channel = 'webhook' AND target = $1 AND status = 'dead' ORDER BY created_at, id LIMIT 1000",
    [subscriptionId],
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at.toISOString(), data: r.payload }));
}

/** Sends a subscription's dead-lettered deliveries again (all, or those `ids`), with their delivery ids; returns how many. */
export async function replayDead(db: Db, subscriptionId: string, now: Date = new Date(), ids?: readonly string[]): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE notify.outbox SET status = 'pending', attempts = 0, created_at = $2, next_attempt_at = $2
      WHERE channel = 'webhook' AND target = $1 AND status = 'dead' AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))`,
    [subscriptionId, now, ids ?? null],
  );
  return rowCount ?? 0;
}
