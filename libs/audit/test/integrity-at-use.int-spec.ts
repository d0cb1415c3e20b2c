import { IntegrityError } from '@ta/core';
import { integrityAlarms, openPostgresEventStore, ExpectedVersion, PostgresEventStore, type PostgresEventStoreHandle, type StreamBreak } from '@ta/event-store';
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { auditMigrations } from '../src';
import { appendSampleLog, eventAt, newEvent, recomputeChain, sealEverything } from './audit-test-kit';

// Integrity checked where data is used (docs/audit.md, "Checked at use"): each fault made
// directly in PostgreSQL is refused at the next read of its stream, with the first broken link,
// an alarm row and a line for the log. Each test is bounded (jest's timeout below).
jest.setTimeout(30_000);

let db: TestDatabase;
let es: PostgresEventStoreHandle;
let heard: StreamBreak[];

/** The sample log (request-a 1..5, offer-b 1..3, engagement-c 1..4), followed by the sealer (the witness of stream heads). */
beforeEach(async () => {
  db = await createTestDatabase({ poolSize: 8 });
  heard = [];
  es = await openPostgresEventStore(db.pool, { integrity: { onBreak: (b) => heard.push(b) } });
  await runMigrations(db.pool, auditMigrations);
  await appendSampleLog(es);
  await sealEverything(db.pool, es);
});
afterEach(async () => {
  await es.close();
  await db.drop();
});

const sql = (text: string, params: unknown[] = []) => db.pool.query(text, params);

/** The refusal of a stream read, with its alarm (stored and heard). */
async function refusal(streamId: string): Promise<{ error: IntegrityError; alarm: StreamBreak }> {
  const error = await es.store.readStream(streamId).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntegrityError);
  const e = error as IntegrityError;
  expect(e.code).toBe('integrity.chain_broken');
  expect(heard.at(-1)?.streamId).toBe(streamId);
  const stored = (await integrityAlarms.list(db.pool)).filter((a) => a.streamId === streamId);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ kind: heard.at(-1)!.kind, streamPosition: heard.at(-1)!.streamPosition, times: 1 });
  return { error: e, alarm: heard.at(-1)! };
}

describe('stream reads check the chain where the events are used', () => {
  it('an untouched log reads as before, with no alarm', async () => {
    expect((await es.store.readStream('request-a')).map((e) => e.streamPosition)).toEqual([1, 2, 3, 4, 5]);
    expect((await es.store.readStream('request-a', { from: 3 })).map((e) => e.streamPosition)).toEqual([3, 4, 5]);
    expect(await es.store.readStream('no-such-stream')).toEqual([]);
    expect(heard).toEqual([]);
    expect(await integrityAlarms.list(db.pool)).toEqual([]);
  });

  it('a checked read gives the events exactly as an unchecked one (awkward JSON, the recording time)', async () => {
    // The check hashes the jsonb text PostgreSQL sent, then parses it: the events must not differ.
    const unchecked = new PostgresEventStore(db.pool, undefined, { groupCommit: false, integrity: { check: false } });
    for (const stream of ['request-a', 'offer-b', 'engagement-c']) {
      expect(await es.store.readStream(stream)).toEqual(await unchecked.readStream(stream));
    }
    expect((await es.store.readStream('request-a'))[0]!.data).toMatchObject({ emoji: '🙂', quote: 'she said "no"\n\ttab\\slash/\u0001' });
    expect(heard).toEqual([]);
  });

  it("an event's data edited: hash_mismatch at that position", async () => {
    const target = await eventAt(db.pool, 'request-a', 3);
    await sql(`UPDATE event_store.events SET data = jsonb_set(data, '{n}', '33') WHERE event_id = $1`, [target.id]);
    const { error, alarm } = await refusal('request-a');
    expect(alarm).toMatchObject({ kind: 'hash_mismatch', streamPosition: 3, eventId: target.id });
    expect(error.extra).toEqual({ streamId: 'request-a', brokenLink: { kind: 'hash_mismatch', streamPosition: 3 } });
    // The other streams are served as before.
    expect(await es.store.readStream('offer-b')).toHaveLength(3);
  });

  it('an event deleted in the middle: missing_position, and a command on the stream is refused by the check, not by a version conflict', async () => {
    const next = await eventAt(db.pool, 'engagement-c', 3);
    await sql(`DELETE FROM event_store.events WHERE stream_id = 'engagement-c' AND stream_position = 2`);
    const { alarm } = await refusal('engagement-c');
    expect(alarm).toMatchObject({ kind: 'missing_position', streamPosition: 2, eventId: next.id });
    // A command loads inside its transaction: the same refusal, before anything is appended.
    const client = await db.pool.connect();
    try {
      await expect(es.store.readStreamWith(client, 'engagement-c')).rejects.toMatchObject({ code: 'integrity.chain_broken' });
    } finally {
      client.release();
    }
    // Inside a transaction the alarm is stored without being waited for.
    for (let i = 0; i < 100 && (await integrityAlarms.list(db.pool))[0]?.times !== 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await integrityAlarms.list(db.pool))[0]).toMatchObject({ streamId: 'engagement-c', times: 2 });
  });

  it("two streams' payloads swapped: each stream refuses its own first event, neither serves the other's data", async () => {
    const a = await eventAt(db.pool, 'request-a', 1);
    const b = await eventAt(db.pool, 'offer-b', 1);
    await sql(
      `UPDATE event_store.events x SET data = y.data FROM (SELECT event_id, data FROM event_store.events WHERE event_id IN ($1, $2)) y
        WHERE x.event_id IN ($1, $2) AND y.event_id <> x.event_id`,
      [a.id, b.id],
    );
    expect((await refusal('request-a')).alarm).toMatchObject({ kind: 'hash_mismatch', streamPosition: 1, eventId: a.id });
    expect((await refusal('offer-b')).alarm).toMatchObject({ kind: 'hash_mismatch', streamPosition: 1, eventId: b.id });
  });

  it("two events' stream positions swapped: hash_mismatch at the first of them", async () => {
    const second = await eventAt(db.pool, 'request-a', 2);
    const third = await eventAt(db.pool, 'request-a', 3);
    await sql(`UPDATE event_store.events SET stream_position = 1000 WHERE event_id = $1`, [second.id]);
    await sql(`UPDATE event_store.events SET stream_position = 2 WHERE event_id = $1`, [third.id]);
    await sql(`UPDATE event_store.events SET stream_position = 3 WHERE event_id = $1`, [second.id]);
    expect((await refusal('request-a')).alarm).toMatchObject({ kind: 'hash_mismatch', streamPosition: 2, eventId: third.id });
  });

  it("a stream's last events deleted after the sealer witnessed them: missing_tail, where the chain alone sees nothing", async () => {
    await sql(`DELETE FROM event_store.events WHERE stream_id = 'offer-b' AND stream_position >= 2`);
    const { alarm } = await refusal('offer-b');
    expect(alarm).toMatchObject({ kind: 'missing_tail', streamPosition: 2, eventId: null });
    expect(alarm.message).toContain('positions 2-3 are missing');
    // Even an append that expects the shortened stream is refused: no one writes over the hole unnoticed.
    const client = await db.pool.connect();
    try {
      await expect(es.store.readStreamWith(client, 'offer-b')).rejects.toBeInstanceOf(IntegrityError);
    } finally {
      client.release();
    }
  });

  it('every event of a stream deleted: the stream does not pass for a new one', async () => {
    await sql(`DELETE FROM event_store.events WHERE stream_id = 'engagement-c'`);
    expect((await refusal('engagement-c')).alarm).toMatchObject({ kind: 'missing_tail', streamPosition: 1 });
  });

  it('the last event rewritten with its chain recomputed: the witnessed head no longer matches', async () => {
    const last = await eventAt(db.pool, 'request-a', 5);
    await sql(`UPDATE event_store.events SET data = '{"n": 55}' WHERE event_id = $1`, [last.id]);
    await recomputeChain(db.pool, 'request-a', 5);
    expect((await refusal('request-a')).alarm).toMatchObject({ kind: 'head_mismatch', streamPosition: 5, eventId: last.id });
  });

  it('appends after the witnessed head read as intact; the witness moves on with the sealer', async () => {
    await es.store.append('offer-b', [newEvent('CapacityCommitted', { n: 4 })], ExpectedVersion.exact(3));
    expect(await es.store.readStream('offer-b')).toHaveLength(4);
    await sealEverything(db.pool, es);
    await sql(`DELETE FROM event_store.events WHERE stream_id = 'offer-b' AND stream_position = 4`);
    expect((await refusal('offer-b')).alarm).toMatchObject({ kind: 'missing_tail', streamPosition: 4 });
  });

  it('with the check off (INTEGRITY_CHECK=off, to measure its cost) the same edit is served: the check is what refuses', async () => {
    await sql(`UPDATE event_store.events SET data = '{"n": 99}' WHERE stream_id = 'request-a' AND stream_position = 2`);
    const unchecked = await openPostgresEventStore(db.pool, { integrity: { check: false } });
    try {
      expect((await unchecked.store.readStream('request-a'))[1]!.data).toEqual({ n: 99 });
    } finally {
      await unchecked.close();
    }
    await expect(es.store.readStream('request-a')).rejects.toBeInstanceOf(IntegrityError);
  });
});
