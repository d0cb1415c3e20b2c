import { randomUUID } from 'node:crypto';
import { ExpectedVersion, eventStoreMigrations, openPostgresEventStore, type PostgresEventStoreHandle } from '@ta/event-store';
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { GENESIS_HASH, eventHash, verifyLog } from '../src';
import { AWKWARD, appendSampleLog, newEvent } from './audit-test-kit';

let db: TestDatabase;
let es: PostgresEventStoreHandle;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 10 });
  es = await openPostgresEventStore(db.pool);
});
afterAll(async () => {
  await es.close();
  await db.drop();
});

describe('the hash chain written by event_store.append', () => {
  it('is recomputed outside the database from the stored fields, JSON PostgreSQL renders its own way included', async () => {
    const stream = `request-${randomUUID()}`;
    await es.store.append(stream, [newEvent('RequestSubmitted', AWKWARD)], ExpectedVersion.noStream);
    await es.store.append(stream, [newEvent('RequestTriaged', { ...AWKWARD, n: 2 }), newEvent('RequestTriaged', [AWKWARD, 3])], ExpectedVersion.exact(1));
    const { rows } = await db.pool.query<{ id: string; pos: string; type: string; data: string; metadata: string; us: string; hash: Buffer; in_sql: Buffer }>(
      `SELECT event_id::text AS id, stream_position::text AS pos, event_type AS type, data::text AS data, metadata::text AS metadata,
              (extract(epoch FROM recorded_at) * 1000000)::bigint::text AS us, hash,
              event_store.event_hash(coalesce(lag(hash) OVER w, decode(repeat('00', 32), 'hex')), stream_id, stream_position, event_id,
                                     event_type, schema_version, data, metadata, recorded_at) AS in_sql
         FROM event_store.events WHERE stream_id = $1 WINDOW w AS (ORDER BY stream_position) ORDER BY stream_position`,
      [stream],
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]!.data).toContain('1500000000000000000000'); // 1.5e21 as PostgreSQL renders it
    let prev: Buffer = GENESIS_HASH;
    for (const r of rows) {
      const computed = eventHash(prev, {
        streamId: stream,
        streamPosition: BigInt(r.pos),
        eventId: r.id,
        type: r.type,
        schemaVersion: 1,
        dataText: r.data,
        metadataText: r.metadata,
        recordedAtMicros: BigInt(r.us),
      });
      expect(computed.toString('hex')).toBe(r.hash.toString('hex'));
      expect(r.in_sql.toString('hex')).toBe(r.hash.toString('hex'));
      prev = r.hash;
    }
  });

  it('does not make appends to different streams wait for each other', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await es.store.appendWith(client, 'stream-held', [newEvent('Held', {})], ExpectedVersion.any);
      // stream-held's lock is held until COMMIT; another stream appends meanwhile.
      const other = es.store.append('stream-free', [newEvent('Free', {})], ExpectedVersion.any);
      const sameStream = es.store.append('stream-held', [newEvent('Held', {})], ExpectedVersion.any);
      const winner = await Promise.race([other.then(() => 'other'), sameStream.then(() => 'same'), new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
      expect(winner).toBe('other');
      await client.query('COMMIT');
      expect((await sameStream).version).toBe(2);
    } finally {
      client.release();
    }
  });

  it("a writer that saw a stream's last event conflicts after that event was deleted behind its back", async () => {
    // The version is the last stored position: the hole shows as a concurrency conflict for
    // anyone who read the stream before the deletion. (A deleted event that was sealed is
    // named by the verifier through its seal: tamper.int-spec.ts.)
    await es.store.append('stream-cut', [newEvent('A', {}), newEvent('B', {})], ExpectedVersion.noStream);
    await db.pool.query(`DELETE FROM event_store.events WHERE stream_id = 'stream-cut' AND stream_position = 2`);
    await expect(es.store.append('stream-cut', [newEvent('C', {})], ExpectedVersion.exact(2))).rejects.toMatchObject({
      code: 'event_store.wrong_expected_version',
      extra: { streamId: 'stream-cut', expected: '2', actual: 1 },
    });
  });
});

describe('migration 002-hash-chain', () => {
  it('hashes the events stored before it, and new appends continue their chains', async () => {
    const old = await createTestDatabase({ poolSize: 4 });
    try {
      await runMigrations(old.pool, { name: eventStoreMigrations.name, migrations: eventStoreMigrations.migrations.filter((m) => m.id === '001-events') });
      const oldAppend = (stream: string, expectedKind: string, expected: number | null, events: unknown[]) =>
        old.pool.query('SELECT * FROM event_store.append($1, $2, $3, $4::jsonb)', [stream, expectedKind, expected, JSON.stringify(events)]);
      const e = (type: string, data: unknown) => {
        const x = newEvent(type, data);
        return { id: x.id, type: x.type, schemaVersion: 1, data: x.data, metadata: x.metadata };
      };
      await oldAppend('request-old', 'no_stream', null, [e('RequestSubmitted', AWKWARD), e('RequestTriaged', { n: 2 })]);
      await oldAppend('offer-old', 'no_stream', null, [e('OfferRegistered', { n: 1 })]);
      await oldAppend('request-old', 'exact', 2, [e('RequestMatched', { n: 3 })]);

      const migrated = await openPostgresEventStore(old.pool);
      try {
        expect((await old.pool.query('SELECT count(*) FROM event_store.events WHERE hash IS NULL')).rows[0].count).toBe('0');
        await appendSampleLog(migrated);
        await migrated.store.append('request-old', [newEvent('RequestDelivered', {})], ExpectedVersion.exact(3));
        expect(await verifyLog(old.pool)).toMatchObject({ ok: true, checkedEvents: 4 + 12 + 1 });
      } finally {
        await migrated.close();
      }
    } finally {
      await old.drop();
    }
  });
});
