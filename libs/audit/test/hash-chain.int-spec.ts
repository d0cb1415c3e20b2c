import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { AppendNotifier, DurableConsumer, eventHash, ExpectedVersion, PostgresEventStore, postgresConsumerLog, type PostgresEventStoreHandle } from '@ta/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { GENESIS_HASH, verifyLog } from '../src';
import { AWKWARD, appendSampleLog, newEvent, openAuditedStore, sealEverything } from './audit-test-kit';

let db: TestDatabase;
let es: PostgresEventStoreHandle;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 10 });
  es = await openAuditedStore(db.pool);
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

describe('a database made by the previous release', () => {
  const schemaOf = async (pool: Pool) =>
    (
      await pool.query<{ what: string }>(
        `SELECT format('%s.%s %s %s %s %s', table_schema, table_name, column_name, data_type, is_nullable, coalesce(column_default, '')) AS what
           FROM information_schema.columns WHERE table_schema IN ('event_store', 'audit')
         UNION ALL SELECT format('%s %s', conrelid::regclass, pg_get_constraintdef(oid)) FROM pg_constraint
          WHERE connamespace IN ('event_store'::regnamespace, 'audit'::regnamespace)
         UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname IN ('event_store', 'audit')
         UNION ALL SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace = 'event_store'::regnamespace
         ORDER BY 1`,
      )
    ).rows.map((r) => r.what);

  it('upgrades to the schema of a new one, keeps its events and seals, and its chains go on', async () => {
    const old = await createTestDatabase({ poolSize: 4 });
    const fresh = await createTestDatabase({ poolSize: 2 });
    try {
      await old.pool.query(readFileSync(join(__dirname, '../../event-store/test/fixtures/previous-release.sql'), 'utf8'));
      // The old release's functions and tables, not migrated yet (no openPostgresEventStore).
      const notifier = new AppendNotifier(old.pool);
      const store = new PostgresEventStore(old.pool, notifier, { groupCommit: false });
      const before: PostgresEventStoreHandle = {
        store,
        notifier,
        consumer: (o) => new DurableConsumer(old.pool, postgresConsumerLog(store), notifier, o),
        close: () => notifier.close(),
      };
      // Its seals table was the event store's: this sealer writes there through a view.
      await old.pool.query('CREATE SCHEMA audit');
      await old.pool.query('CREATE VIEW audit.seals AS SELECT * FROM event_store.seals');
      // It had no witnessed stream heads (migration 005): this sealer writes them to a table dropped before the upgrade.
      await old.pool.query('CREATE TABLE event_store.stream_heads (stream_id text PRIMARY KEY, position bigint NOT NULL, hash bytea NOT NULL, witnessed_at timestamptz NOT NULL DEFAULT now())');
      await appendSampleLog(before);
      await sealEverything(old.pool, before);
      await old.pool.query('DROP VIEW audit.seals; DROP SCHEMA audit; DROP TABLE event_store.stream_heads');
      await before.close();
      expect(Number((await old.pool.query('SELECT count(*) FROM event_store.seals')).rows[0].count)).toBeGreaterThan(0);

      const upgraded = await openAuditedStore(old.pool);
      try {
        await upgraded.store.append('request-after-upgrade', [newEvent('RequestSubmitted', AWKWARD)], ExpectedVersion.noStream);
        await sealEverything(old.pool, upgraded);
        expect(await verifyLog(old.pool)).toMatchObject({ ok: true, brokenLinks: 0 });
      } finally {
        await upgraded.close();
      }
      const made = await openAuditedStore(fresh.pool);
      await made.close();
      expect(await schemaOf(old.pool)).toEqual(await schemaOf(fresh.pool));
    } finally {
      await old.drop();
      await fresh.drop();
    }
  });
});
