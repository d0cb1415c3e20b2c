import { createHash } from 'node:crypto';

/**
 * What an event's hash covers, as read back from PostgreSQL. `dataText` and `metadataText` are
 * the stored jsonb values as PostgreSQL renders them (`data::text`, which is also how it sends a
 * jsonb column): its canonical text (keys sorted, fixed spacing, numbers as stored), the same
 * bytes at every read.
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

const UUID_HEX = /^[0-9a-fA-F]{32}$/;

/**
 * The event's hash, chained to its predecessor in the stream (docs/audit.md, "The hash chain of
 * a stream"). Exactly the bytes that `event_store.event_hash`
 * (libs/event-store/migrations/functions/event-hash.sql), which `append` stores, hashes:
 *
 *   SHA-256( prev (32) || u32 len || stream_id || i64 stream_position || event_id (16)
 *         || u32 len || type || i32 schema_version || u32 len || data::text
 *         || u32 len || metadata::text || i64 recorded_at microseconds )
 *
 * Integers big-endian, strings UTF-8, `len` their byte length. The checked stream read and the
 * audit's verifier both recompute it here, from what PostgreSQL returned.
 */
export function eventHash(prev: Uint8Array, e: HashedEventFields): Buffer {
  const hex = e.eventId.replace(/-/g, '');
  if (!UUID_HEX.test(hex)) throw new Error(`not a UUID: ${e.eventId}`);
  const strings = [e.streamId, e.type, e.dataText, e.metadataText].map((s) => Buffer.byteLength(s, 'utf8'));
  // One buffer, one update: an event is hashed at every checked read.
  const b = Buffer.allocUnsafe(prev.length + 8 + 16 + 4 + 8 + strings.reduce((sum, n) => sum + 4 + n, 0));
  let at = 0;
  const text = (s: string, bytes: number) => {
    at = b.writeUInt32BE(bytes, at);
    at += b.write(s, at, bytes, 'utf8');
  };
  b.set(prev, at);
  at += prev.length;
  text(e.streamId, strings[0]!);
  at = b.writeBigInt64BE(e.streamPosition, at);
  at += b.write(hex, at, 16, 'hex');
  text(e.type, strings[1]!);
  at = b.writeInt32BE(e.schemaVersion, at);
  text(e.dataText, strings[2]!);
  text(e.metadataText, strings[3]!);
  b.writeBigInt64BE(e.recordedAtMicros, at);
  return createHash('sha256').update(b).digest();
}
