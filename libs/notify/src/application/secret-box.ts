import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/**
 * Webhook secrets sealed at rest: AES-256-GCM with the deployment's key (NOTIFY_SECRETS_KEY,
 * 32 bytes in base64), a fresh 12-byte nonce per secret, stored as `enc:v1:<base64url nonce|tag|ciphertext>`.
 * The platform must read the secret back to sign each delivery, so it is encrypted, not hashed.
 * A value without the prefix (stored before, or where the deployment has no key) is read as it is.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('NOTIFY_SECRETS_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
  }

  open(stored: string): string {
    return openSecret(stored, this);
  }

  /** @internal */
  decrypt(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** Whether a stored secret is sealed. */
export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** A stored secret in the clear: opened with the box when sealed (no box: an error), as it is otherwise. */
export function openSecret(stored: string, box: SecretBox | null): string {
  if (!isSealed(stored)) return stored;
  if (!box) throw new Error('a webhook secret is sealed and NOTIFY_SECRETS_KEY is not set');
  return box.decrypt(Buffer.from(stored.slice(PREFIX.length), 'base64url'));
}
