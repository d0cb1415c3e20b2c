import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { SealedPersonalData } from '../domain';

/**
 * Crypto-shredding of personal data (docs/audit.md, "Erasure"): personal data goes into events
 * encrypted (AES-256-GCM) with a key of its own data subject, kept in
 * `case_personal_data.subject_keys` and nowhere else. Erasure destroys the key: the ciphertext
 * stays in the hash-chained event (the chain still verifies) but can never be read again.
 * The subject id is the cipher's associated data, so a sealed value moved to another subject
 * does not open.
 */

type Db = Pool | PoolClient;

export function isSealed(value: unknown): value is SealedPersonalData {
  return typeof value === 'object' && value !== null && 'sealed' in value;
}

/** The data subject whose key seals a request's contact person. */
export const contactPersonSubject = (requestId: string): string => `contact-person:${requestId}`;

/** What opening a stored value gives. */
export type Opened<T> = { readonly kind: 'value'; readonly value: T } | { readonly kind: 'erased'; readonly erasedAt: string };

export const personalDataVault = {
  /** Inside the caller's transaction: the subject's key (made on first use), then the value sealed with it. */
  async seal(tx: PoolClient, subject: string, value: unknown): Promise<SealedPersonalData> {
    const { rows } = await tx.query<{ key: Buffer | null }>(
      `INSERT INTO case_personal_data.subject_keys (subject, key) VALUES ($1, $2)
       ON CONFLICT (subject) DO UPDATE SET subject = EXCLUDED.subject
       RETURNING key`,
      [subject, randomBytes(32)],
    );
    const key = rows[0]!.key;
    if (!key) throw new Error(`personal data of ${subject} was erased: nothing is stored for it again`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(subject, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return { sealed: { v: 1, alg: 'A256GCM', iv: iv.toString('base64'), data: data.toString('base64') } };
  },

  /**
   * A stored value opened: sealed values with the subject's key, values stored in clear before
   * sealing existed as they are, unless the subject was erased since.
   */
  async open<T>(db: Db, subject: string, stored: T | SealedPersonalData): Promise<Opened<T>> {
    const { rows } = await db.query<{ key: Buffer | null; erased_at: Date | null }>('SELECT key, erased_at FROM case_personal_data.subject_keys WHERE subject = $1', [subject]);
    const row = rows[0];
    if (row?.erased_at) return { kind: 'erased', erasedAt: row.erased_at.toISOString() };
    if (!isSealed(stored)) return { kind: 'value', value: stored };
    if (!row?.key) throw new Error(`no key for the sealed personal data of ${subject}`);
    const raw = Buffer.from(stored.sealed.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', row.key, Buffer.from(stored.sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(subject, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
    return { kind: 'value', value: JSON.parse(text) as T };
  },

  /**
   * Inside the caller's transaction: destroys the subject's key (or, for data stored in clear
   * before sealing existed, leaves a tombstone). Answers when it was erased, and whether by this call.
   */
  async erase(tx: PoolClient, subject: string): Promise<{ erasedAt: string; now: boolean }> {
    const { rows } = await tx.query<{ erased_at: Date; now: boolean }>(
      `INSERT INTO case_personal_data.subject_keys AS k (subject, key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET key = NULL, erased_at = coalesce(k.erased_at, now())
       RETURNING erased_at, (xmax = 0 OR erased_at = now()) AS now`,
      [subject],
    );
    return { erasedAt: rows[0]!.erased_at.toISOString(), now: rows[0]!.now };
  },
};
