import { createHash } from 'node:crypto';
import { eventHash } from './event-hash';

const GENESIS = Buffer.alloc(32);

describe('the event hash', () => {
  const fields = {
    streamId: 'request-1',
    streamPosition: 1n,
    eventId: '0b0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f11',
    type: 'RequestSubmitted',
    schemaVersion: 1,
    dataText: '{"a": 1}',
    metadataText: '{"actorId": "x"}',
    recordedAtMicros: 1_772_357_400_123_456n,
  };

  it('is SHA-256 over the canonical bytes: length-prefixed UTF-8 strings, big-endian integers, the id as 16 bytes', () => {
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const str = (s: string) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s, 'utf8')]);
    const i64 = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(n);
      return b;
    };
    const e = { ...fields, streamId: 'request-é', dataText: '{"name": "Zoë ☃"}' };
    const bytes = Buffer.concat([
      GENESIS,
      str(e.streamId),
      i64(e.streamPosition),
      Buffer.from('0b0c1e8e3d5e4a549a578d2f0e3b7f11', 'hex'),
      str(e.type),
      Buffer.from([0, 0, 0, 1]),
      str(e.dataText),
      str(e.metadataText),
      i64(e.recordedAtMicros),
    ]);
    expect(eventHash(GENESIS, e)).toEqual(createHash('sha256').update(bytes).digest());
  });

  it('chains to the previous hash and covers every field', () => {
    const base = eventHash(GENESIS, fields);
    expect(eventHash(Buffer.alloc(32, 1), fields)).not.toEqual(base);
    for (const change of [
      { streamId: 'request-2' },
      { streamPosition: 2n },
      { eventId: '0b0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f12' },
      { type: 'RequestClosed' },
      { schemaVersion: 2 },
      { dataText: '{"a": 2}' },
      { metadataText: '{"actorId": "y"}' },
      { recordedAtMicros: fields.recordedAtMicros + 1n },
    ]) {
      expect(eventHash(GENESIS, { ...fields, ...change })).not.toEqual(base);
    }
  });

  it('length-prefixes strings, so moving bytes from one field to the next changes the hash', () => {
    expect(eventHash(GENESIS, { ...fields, type: 'AB', dataText: 'C' })).not.toEqual(eventHash(GENESIS, { ...fields, type: 'A', dataText: 'BC' }));
  });

  it('refuses an event id that is not a UUID', () => {
    expect(() => eventHash(GENESIS, { ...fields, eventId: 'not-a-uuid' })).toThrow('not a UUID');
  });
});
