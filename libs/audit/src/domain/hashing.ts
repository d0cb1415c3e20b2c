import { createHash } from 'node:crypto';

/** Every hash here is SHA-256: 32 bytes. */
export const HASH_BYTES = 32;
/**
 * The "previous hash" of a stream's first event, and the previous seal hash of seal 1. (The event
 * hash itself is the event store's: `eventHash` in @ta/event-store.)
 */
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);

export function sha256(...parts: readonly Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function i64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

export function i32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}
