import { createHash } from 'node:crypto';

/** Every hash here is SHA-256: 32 bytes. */
export const HASH_BYTES = 32;
/** The "previous hash" of a stream's first event, and the previous seal hash of seal 1. */
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);

/**
 * What an event's hash covers, as read back from PostgreSQL. `data` and `metadata` are the
 * stored jsonb values rendered by PostgreSQL (`data::text`): its canonical text (keys sorted,
 * fixed spacing, numbers as stored), the same bytes at every read.
 */
export interface HashedEventFields {
  readonly streamId: string;
  readonly streamPosition: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataText: string;
  readonly metadataText: string;
  /** recorded_at in whole microseconds since 1970-01-01T00:00:00Z. */
  readonly recordedAtMicros: bigint;
}

/**
 * The event's hash, chained to its predecessor in the stream. Exactly the bytes that
 * the event store's `event_hash` (libs/event-store/migrations/functions/event-hash.sql) hashes:
 *
 *   SHA-256( prev (32) || u32 len || stream_id || i64 stream_position || event_id (16)
 *         || u32 len || type || i32 schema_version || u32 len || data::text
 *         || u32 len || metadata::text || i64 recorded_at microseconds )
 *
 * Integers big-endian, strings UTF-8, `len` their byte length.
 */
export function eventHash(prev: Uint8Array, e: HashedEventFields): Buffer {
  return createHash('sha256')
    .update(prev)
    .update(text(e.streamId))
    .update(i64(e.streamPosition))
    .update(uuidBytes(e.eventId))
    .update(text(e.type))
    .update(i32(e.schemaVersion))
    .update(text(e.dataText))
    .update(text(e.metadataText))
    .update(i64(e.recordedAtMicros))
    .digest();
}

export function sha256(...parts: readonly Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** u32 byte length, then the UTF-8 bytes. */
export function text(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
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

function uuidBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a UUID: ${id}`);
  return Buffer.from(hex, 'hex');
}
