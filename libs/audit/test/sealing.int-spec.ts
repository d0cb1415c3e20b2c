import { randomUUID } from 'node:crypto';
import { ContractValidator, toIntegrationEvent, type LogSealedV1 } from '@ta/contracts';
import { ExpectedVersion, type PostgresEventStoreHandle } from '@ta/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { AUDIT_SEALS_STREAM, LogSealer, compareLogPoints, sealRepository, verifyLog } from '../src';
import { appendSampleLog, newEvent, sealEverything, openAuditedStore } from './audit-test-kit';

let db: TestDatabase;
let es: PostgresEventStoreHandle;

beforeEach(async () => {
  db = await createTestDatabase({ poolSize: 30 });
  es = await openAuditedStore(db.pool);
});
afterEach(async () => {
  await es.close();
  await db.drop();
});

const eventCount = async () => Number((await db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);

describe('the sealer', () => {
  it('publishes each seal as a LogSealed event that maps to a valid integration event on ta.audit.seals, keyed by a constant', async () => {
    await appendSampleLog(es);
    await sealEverything(db.pool, es);
    const sealEvents = await es.store.readStream(AUDIT_SEALS_STREAM);
    const seals = await sealRepository.all(db.pool);
    expect(sealEvents.length).toBe(seals.length);
    expect(seals.length).toBeGreaterThanOrEqual(3);
    const validator = new ContractValidator();
    sealEvents.forEach((e, i) => {
      const m = toIntegrationEvent(e)!;
      expect(m).toMatchObject({ topic: 'ta.audit.seals', key: 'log' });
      expect(validator.validate(m.value, { topic: 'ta.audit.seals', headers: { type: 'LogSealed', schemaVersion: '1' } })).toEqual({ ok: true, errors: [] });
      const v = m.value as LogSealedV1;
      expect(v.subject).toEqual({ kind: 'log', id: AUDIT_SEALS_STREAM, version: i + 1 });
      expect(v.data).toMatchObject({ scheme: 'ta-log-seal/1', sealNo: i + 1, sealHash: seals[i]!.sealHash.toString('hex'), merkleRoot: seals[i]!.merkleRoot.toString('hex') });
      expect(v.data.previousSealHash).toBe(i === 0 ? '0'.repeat(64) : seals[i - 1]!.sealHash.toString('hex'));
    });
    // One seal after the other: no gap, no overlap, every event up to the last seal sealed once.
    for (let i = 1; i < seals.length; i++) expect(compareLogPoints(seals[i - 1]!.last, seals[i]!.first)).toBeLessThan(0);
    const sealed = Number(
      (await db.pool.query('SELECT count(*) FROM event_store.events WHERE (commit_order, global_position) <= ($1::bigint, $2::bigint)', [seals.at(-1)!.last.commitOrder, seals.at(-1)!.last.globalPosition]))
        .rows[0].count,
    );
    expect(seals.reduce((n, s) => n + s.eventCount, 0)).toBe(sealed);
  });

  it('seals full blocks by count, and a partial block only once it is old enough', async () => {
    let now = new Date();
    const sealer = new LogSealer(db.pool, es, { blockSize: 5, maxAgeMs: 60_000, pollIntervalMs: 50, tickMs: 60_000, clock: () => now });
    await appendSampleLog(es); // 12 events
    sealer.start();
    try {
      await waitFor(async () => (await sealer.status()).lagEvents === 0 && (await sealRepository.all(db.pool)).length === 2);
      expect((await sealRepository.all(db.pool)).map((s) => s.eventCount)).toEqual([5, 5]);
      expect(await sealer.sealDue()).toBe(0); // 2 events + 2 seal events, all young
      now = new Date(Date.now() + 61_000);
      expect(await sealer.sealDue()).toBe(1);
      expect((await sealRepository.all(db.pool)).map((s) => s.eventCount)).toEqual([5, 5, 4]);
      expect(await sealer.sealDue()).toBe(0); // only a LogSealed left: no seal of seals
    } finally {
      await sealer.stop();
    }
    expect(await verifyLog(db.pool)).toMatchObject({ ok: true, checkedSeals: 3, unsealedEvents: 1 });
  });

  it('seals a log written by many concurrent writers, never skipping a late commit', async () => {
    const sealer = new LogSealer(db.pool, es, { blockSize: 7, maxAgeMs: 0, pollIntervalMs: 20, tickMs: 60_000 });
    sealer.start();
    try {
      await Promise.all(
        Array.from({ length: 12 }, async (_, w) => {
          const stream = `request-${w}-${randomUUID()}`;
          for (let i = 0; i < 15; i++) await es.store.append(stream, [newEvent('RequestTriaged', { i })], ExpectedVersion.exact(i));
        }),
      );
      await waitFor(async () => (await sealer.status()).lagEvents === 0);
    } finally {
      await sealer.stop();
    }
    const report = await verifyLog(db.pool);
    expect(report).toMatchObject({ ok: true, checkedEvents: await eventCount() });
    expect(report.checkedSeals).toBeGreaterThanOrEqual(180 / 7);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
