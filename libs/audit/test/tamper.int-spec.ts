import { type PostgresEventStoreHandle } from '@ta/event-store';
import { toIntegrationEvent } from '@ta/contracts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { AUDIT_SEALS_STREAM, parseExternalSeals, verifyLog, type BrokenLink } from '../src';
import { appendSampleLog, eventAt, recomputeChain, sealEverything, openAuditedStore } from './audit-test-kit';

let db: TestDatabase;
let es: PostgresEventStoreHandle;

/** A fresh log of 12 events in three streams, sealed in blocks of 4 (its seals sealed too). */
beforeEach(async () => {
  db = await createTestDatabase({ poolSize: 8 });
  es = await openAuditedStore(db.pool);
  await appendSampleLog(es);
  await sealEverything(db.pool, es);
});
afterEach(async () => {
  await es.close();
  await db.drop();
});

const sql = (text: string, params: unknown[] = []) => db.pool.query(text, params);

async function firstBroken(): Promise<BrokenLink> {
  const report = await verifyLog(db.pool);
  expect(report.ok).toBe(false);
  return report.firstBroken!;
}

/** The seals as a donor kept them from ta.audit.seals. */
async function publishedSeals(): Promise<string> {
  const stored = await es.store.readStream(AUDIT_SEALS_STREAM);
  return JSON.stringify(stored.map((e) => toIntegrationEvent(e)!.value));
}

describe('verification of an untouched log', () => {
  it('verifies every chain and seal', async () => {
    const report = await verifyLog(db.pool);
    const total = Number((await sql('SELECT count(*) FROM event_store.events')).rows[0].count);
    expect(report).toMatchObject({ ok: true, checkedEvents: total, checkedStreams: 4, brokenLinks: 0, problems: [] });
    expect(report.checkedSeals).toBeGreaterThanOrEqual(3);
    expect(report.firstBroken).toBeUndefined();
  });
});

describe('tampering directly in PostgreSQL is found and named', () => {
  it("an event's data edited", async () => {
    const target = await eventAt(db.pool, 'request-a', 3);
    await sql(`UPDATE event_store.events SET data = jsonb_set(data, '{n}', '33') WHERE event_id = $1`, [target.id]);
    expect(await firstBroken()).toMatchObject({ kind: 'hash_mismatch', streamId: 'request-a', streamPosition: 3, eventId: target.id, globalPosition: Number(target.g) });
  });

  it("an event's metadata edited (who did it)", async () => {
    const target = await eventAt(db.pool, 'offer-b', 2);
    await sql(`UPDATE event_store.events SET metadata = jsonb_set(metadata, '{actorId}', '"someone-else"') WHERE event_id = $1`, [target.id]);
    expect(await firstBroken()).toMatchObject({ kind: 'hash_mismatch', streamId: 'offer-b', streamPosition: 2, eventId: target.id });
  });

  it('an event deleted', async () => {
    const next = await eventAt(db.pool, 'engagement-c', 3);
    await sql(`DELETE FROM event_store.events WHERE stream_id = 'engagement-c' AND stream_position = 2`);
    expect(await firstBroken()).toMatchObject({ kind: 'missing_position', streamId: 'engagement-c', streamPosition: 2, eventId: next.id });
  });

  it("a stream's last event deleted: the seal names the hole", async () => {
    const gone = await eventAt(db.pool, 'offer-b', 3);
    await sql(`DELETE FROM event_store.events WHERE event_id = $1`, [gone.id]);
    const link = await firstBroken();
    expect(link).toMatchObject({ kind: 'seal_root_mismatch' });
    expect(link.message).toMatch(/missing \(deleted\)/);
  });

  it('an event inserted with a made-up hash', async () => {
    await sql(
      `INSERT INTO event_store.events (commit_order, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, hash)
       SELECT max(commit_order) + 1, '00000000-0000-4000-8000-000000000001', 'request-a', 6, 'RequestClosed', 1, '{}', '{}', sha256('forged')
         FROM event_store.events`,
    );
    expect(await firstBroken()).toMatchObject({ kind: 'hash_mismatch', streamId: 'request-a', streamPosition: 6, eventId: '00000000-0000-4000-8000-000000000001' });
  });

  it('an event inserted into a sealed block, with its chain hash computed correctly', async () => {
    const sealed = await eventAt(db.pool, 'request-a', 2);
    await sql(
      `INSERT INTO event_store.events (commit_order, global_position, event_id, stream_id, stream_position, event_type, schema_version, data, metadata, recorded_at, hash)
       OVERRIDING SYSTEM VALUE
       SELECT $1::bigint, 1000000, '00000000-0000-4000-8000-000000000002', 'forged-x', 1, 'RequestClosed', 1, '{}', '{}', now(),
              event_store.event_hash(decode(repeat('00', 32), 'hex'), 'forged-x', 1, '00000000-0000-4000-8000-000000000002', 'RequestClosed', 1, '{}', '{}', now())`,
      [sealed.c],
    );
    const link = await firstBroken();
    expect(link).toMatchObject({ kind: 'seal_root_mismatch', streamId: 'forged-x', eventId: '00000000-0000-4000-8000-000000000002', sealNo: 1 });
  });

  it("two events' stream positions swapped", async () => {
    const second = await eventAt(db.pool, 'request-a', 2);
    const third = await eventAt(db.pool, 'request-a', 3);
    await sql(`UPDATE event_store.events SET stream_position = 1000 WHERE event_id = $1`, [second.id]);
    await sql(`UPDATE event_store.events SET stream_position = 2 WHERE event_id = $1`, [third.id]);
    await sql(`UPDATE event_store.events SET stream_position = 3 WHERE event_id = $1`, [second.id]);
    const link = await firstBroken();
    expect(link).toMatchObject({ kind: 'reordered', streamId: 'request-a', streamPosition: 3, eventId: second.id });
    expect(link.message).toContain(`before position 2 (event ${third.id}`);
  });

  it('two events of different streams swapped in the all-stream order', async () => {
    const a = await eventAt(db.pool, 'request-a', 1);
    const b = await eventAt(db.pool, 'offer-b', 1);
    await sql(`ALTER TABLE event_store.events ALTER COLUMN global_position SET GENERATED BY DEFAULT`);
    await sql(`UPDATE event_store.events SET commit_order = -1, global_position = -1 WHERE event_id = $1`, [a.id]);
    await sql(`UPDATE event_store.events SET commit_order = $2, global_position = $3 WHERE event_id = $1`, [b.id, a.c, a.g]);
    await sql(`UPDATE event_store.events SET commit_order = $2, global_position = $3 WHERE event_id = $1`, [a.id, b.c, b.g]);
    const link = await firstBroken();
    expect(link).toMatchObject({ kind: 'seal_root_mismatch', sealNo: 1, eventId: b.id });
    expect(link.message).toMatch(/reordered/);
  });

  it('an event edited by someone who also recomputed its stream chain: the seal names it', async () => {
    const target = await eventAt(db.pool, 'request-a', 2);
    await sql(`UPDATE event_store.events SET data = '{"n": 22}' WHERE event_id = $1`, [target.id]);
    await recomputeChain(db.pool, 'request-a', 2);
    const link = await firstBroken();
    expect(link).toMatchObject({ kind: 'seal_root_mismatch', streamId: 'request-a', streamPosition: 2, eventId: target.id });
  });

  it('a seal row edited', async () => {
    await sql(`UPDATE audit.seals SET merkle_root = sha256('x') WHERE seal_no = 2`);
    const report = await verifyLog(db.pool);
    expect(report.problems.map((p) => [p.kind, p.sealNo])).toEqual(
      expect.arrayContaining([
        ['seal_hash_mismatch', 2],
        ['seal_root_mismatch', 2],
        ['seal_event_mismatch', 2],
      ]),
    );
  });
});

describe('against seals kept outside the platform', () => {
  it('a clean log matches them', async () => {
    const external = parseExternalSeals(await publishedSeals());
    expect(external.length).toBeGreaterThanOrEqual(3);
    expect(await verifyLog(db.pool, { externalSeals: external })).toMatchObject({ ok: true, externalSealsChecked: external.length });
  });

  it('a history rewritten with every hash and every seal recomputed verifies on its own, but not against the published seals', async () => {
    const kept = parseExternalSeals(await publishedSeals());
    const target = await eventAt(db.pool, 'offer-b', 1);
    await sql(`UPDATE event_store.events SET data = '{"n": 1, "amount": 1000000}' WHERE event_id = $1`, [target.id]);
    await recomputeChain(db.pool, 'offer-b');
    // ... and every seal: drop them and their events, rewind the sealer, seal again.
    await sql(`DELETE FROM audit.seals`);
    await sql(`DELETE FROM event_store.events WHERE stream_id = $1`, [AUDIT_SEALS_STREAM]);
    await sql(`UPDATE event_store.consumers SET commit_order = 0, global_position = 0 WHERE name = 'audit-sealer'`);
    await sealEverything(db.pool, es);

    expect((await verifyLog(db.pool)).ok).toBe(true);
    const report = await verifyLog(db.pool, { externalSeals: kept });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ kind: 'external_seal_mismatch', sealNo: 1 });
  });

  it('a truncated history (last events and their seals removed) is missing published seals', async () => {
    const kept = parseExternalSeals(await publishedSeals());
    const lastNo = Math.max(...kept.map((s) => s.sealNo));
    const last = kept.find((s) => s.sealNo === lastNo)!;
    const previous = kept.find((s) => s.sealNo === lastNo - 1)!;
    // Remove everything after the second-to-last seal, its own LogSealed included, and tidy up.
    await sql(`DELETE FROM event_store.events WHERE (commit_order, global_position) > ($1::bigint, $2::bigint)`, [previous.last.commitOrder, previous.last.globalPosition]);
    await sql(`DELETE FROM audit.seals WHERE seal_no >= $1`, [lastNo]);
    const report = await verifyLog(db.pool, { externalSeals: kept });
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'external_seal_missing', sealNo: last.sealNo }));
  });
});
