import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '@ta/platform';
import type { DeliveryFrequency, NotificationKind, PersonChannel } from '../domain';

type Db = Pool | PoolClient;

/** What a person is told and how: their own choices; null where they follow the deployment's default. */
export interface Preferences {
  readonly channels: readonly PersonChannel[] | null;
  readonly mutedKinds: readonly NotificationKind[] | null;
  readonly digest: DeliveryFrequency | null;
}

/** The deployment's defaults, set by the Secretariat: what a person who has not chosen gets. */
export interface NotificationDefaults {
  readonly channels: readonly PersonChannel[];
  readonly mutedKinds: readonly NotificationKind[];
  readonly digest: DeliveryFrequency;
}

/** A person's entry: where and in which language they are written to, and their choices. */
export interface RecipientEntry extends Preferences {
  readonly email: string;
  readonly language: string;
}

/** Registers or updates a person in the recipients registry (operators and tests; a person keeps their own with `saveOwnEntry`). */
export async function upsertRecipient(
  db: Db,
  r: {
    subject: string;
    role: Actor['role'];
    country?: string;
    organisation?: string;
    email: string;
    language: string;
    mutedKinds?: readonly string[];
    channels?: readonly PersonChannel[];
    digest?: DeliveryFrequency;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO notify.recipients(subject, role, country, organisation, email, language, muted_kinds, channels, digest, unsubscribe_token)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (subject) DO UPDATE SET role = EXCLUDED.role, country = EXCLUDED.country, organisation = EXCLUDED.organisation,
       email = EXCLUDED.email, language = EXCLUDED.language, muted_kinds = EXCLUDED.muted_kinds, channels = EXCLUDED.channels,
       digest = EXCLUDED.digest, updated_at = now(),
       next_digest_at = CASE WHEN recipients.digest IS NOT DISTINCT FROM EXCLUDED.digest THEN recipients.next_digest_at END`,
    [r.subject, r.role, r.country ?? null, r.organisation ?? null, r.email, r.language, r.mutedKinds ?? null, r.channels ?? null, r.digest ?? null, randomBytes(24).toString('base64url')],
  );
}

/** The person's own entry, from their identity (the token's subject, role, country, organisation): created or replaced. */
export async function saveOwnEntry(db: Db, actor: Actor, entry: RecipientEntry): Promise<void> {
  await upsertRecipient(db, {
    subject: actor.id,
    role: actor.role,
    ...(actor.country ? { country: actor.country } : {}),
    ...(actor.organisation ? { organisation: actor.organisation } : {}),
    email: entry.email,
    language: entry.language,
    ...(entry.mutedKinds ? { mutedKinds: entry.mutedKinds } : {}),
    ...(entry.channels ? { channels: entry.channels } : {}),
    ...(entry.digest ? { digest: entry.digest } : {}),
  });
}

export async function ownEntry(db: Db, subject: string): Promise<RecipientEntry | null> {
  const { rows } = await db.query<{ email: string; language: string; channels: PersonChannel[] | null; muted_kinds: NotificationKind[] | null; digest: DeliveryFrequency | null }>(
    'SELECT email, language, channels, muted_kinds, digest FROM notify.recipients WHERE subject = $1',
    [subject],
  );
  const r = rows[0];
  return r ? { email: r.email, language: r.language, channels: r.channels, mutedKinds: r.muted_kinds, digest: r.digest } : null;
}

/** Removes the person from the registry: no more e-mail (what was already queued for them is not sent). */
export async function removeOwnEntry(db: Db, subject: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM notify.recipients WHERE subject = $1', [subject]);
  return (rowCount ?? 0) > 0;
}

export async function notificationDefaults(db: Db): Promise<NotificationDefaults> {
  const { rows } = await db.query<{ channels: PersonChannel[]; muted_kinds: NotificationKind[]; digest: DeliveryFrequency }>('SELECT channels, muted_kinds, digest FROM notify.defaults');
  const d = rows[0]!;
  return { channels: d.channels, mutedKinds: d.muted_kinds, digest: d.digest };
}

export async function setNotificationDefaults(db: Db, defaults: NotificationDefaults, by: string): Promise<void> {
  await db.query('UPDATE notify.defaults SET channels = $1, muted_kinds = $2, digest = $3, updated_at = now(), updated_by = $4', [defaults.channels, defaults.mutedKinds, defaults.digest, by]);
}

/** Mutes one kind for the person the unsubscribe token belongs to (from the default's muted kinds if they had not chosen); false when the token is unknown. */
export async function unsubscribe(db: Db, token: string, kind: NotificationKind): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE notify.recipients r SET muted_kinds = array_append(array_remove(coalesce(r.muted_kinds, d.muted_kinds), $2), $2), updated_at = now()
       FROM notify.defaults d WHERE r.unsubscribe_token = $1`,
    [token, kind],
  );
  return (rowCount ?? 0) > 0;
}
