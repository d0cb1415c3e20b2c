import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { ExpectedVersion, openPostgresEventStore, type NewEvent, type PostgresEventStoreHandle } from '@ta/event-store';
import { runMigrations } from '@ta/postgres';
import { auditMigrations, LogSealer, type LogSealerOptions } from '../src';

/** The event store and the audit's own table, on `pool`. */
export async function openAuditedStore(pool: Pool): Promise<PostgresEventStoreHandle> {
  const es = await openPostgresEventStore(pool);
  await runMigrations(pool, auditMigrations);
  return es;
}

export function newEvent(type: string, data: unknown): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actorId: 'fp-ke', actorRole: 'state', correlationId: randomUUID(), causationId: null, occurredAt: '2026-03-01T09:30:00Z' },
  };
}

/** JSON whose text PostgreSQL renders its own way: key order, spacing, numbers, escapes, non-ASCII. */
export const AWKWARD = {
  zeta: 1,
  a: { nested: [1.5, 1.5e21, -0, 0.1, 100], 'ключ': 'Ελληνικά 中文 العربية', empty: {} },
  quote: 'she said "no"\n\ttab\\slash/\u0001',
  emoji: '🙂',
  long_key_first_by_length_not_alphabet: true,
  b: null,
};

/**
 * A small log: three streams appended to in turns (one batch of three events among them),
 * 12 events in all: request-a 1..5, offer-b 1..3, engagement-c 1..4. Their data is not the
 * case's: no Kafka relay may run on this log (it would refuse them).
 */
export async function appendSampleLog(es: PostgresEventStoreHandle): Promise<void> {
  const s = es.store;
  await s.append('request-a', [newEvent('RequestSubmitted', { n: 1, ...AWKWARD })], ExpectedVersion.noStream);
  await s.append('offer-b', [newEvent('OfferRegistered', { n: 1 })], ExpectedVersion.noStream);
  await s.append('request-a', [newEvent('RequestTriaged', { n: 2 })], ExpectedVersion.exact(1));
  await s.append('engagement-c', [newEvent('EngagementProposed', { n: 1 }), newEvent('EngagementAccepted', { n: 2 }), newEvent('EngagementAccepted', { n: 3 })], ExpectedVersion.noStream);
  await s.append('request-a', [newEvent('RequestMatched', { n: 3 })], ExpectedVersion.exact(2));
  await s.append('offer-b', [newEvent('CapacityCommitted', { n: 2 })], ExpectedVersion.exact(1));
  await s.append('request-a', [newEvent('RequestDeliveryStarted', { n: 4 })], ExpectedVersion.exact(3));
  await s.append('engagement-c', [newEvent('EngagementActivated', { n: 4 })], ExpectedVersion.exact(3));
  await s.append('offer-b', [newEvent('CapacityReleased', { n: 3 })], ExpectedVersion.exact(2));
  await s.append('request-a', [newEvent('RequestDelivered', { n: 5 })], ExpectedVersion.exact(4));
}

/**
 * Runs a sealer until it has caught up with the log (its own LogSealed events included), then
 * seals the partial rest and stops it. While catching up it seals full blocks only, so that where
 * blocks begin and end does not depend on how the consumer's batches happened to fall (a batch
 * can come short while another database on the server holds the read horizon back).
 */
export async function sealEverything(pool: Pool, es: PostgresEventStoreHandle, options: Partial<LogSealerOptions> = {}): Promise<void> {
  let now = new Date();
  const sealer = new LogSealer(pool, es, { blockSize: 4, maxAgeMs: 3_600_000, pollIntervalMs: 50, tickMs: 60_000, clock: () => now, ...options });
  const caughtUp = async () => {
    const deadline = Date.now() + 15_000;
    let quiet = 0;
    while (quiet < 3) {
      if (Date.now() > deadline) throw new Error('the sealer did not catch up');
      const s = await sealer.status();
      quiet = s.active && s.lagEvents === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  sealer.start();
  try {
    await caughtUp();
    now = new Date(Date.now() + 7_200_000); // the partial rest is now old enough
    await sealer.sealDue();
    await caughtUp();
  } finally {
    await sealer.stop();
  }
}

/** What a DBA who knows the scheme does after editing an event: recompute the stream's chain from `from` on. */
export async function recomputeChain(pool: Pool, streamId: string, from = 1): Promise<void> {
  const { rows } = await pool.query<{ max: string }>('SELECT max(stream_position)::text AS max FROM event_store.events WHERE stream_id = $1', [streamId]);
  for (let p = from; p <= Number(rows[0]!.max); p++) {
    await pool.query(
      `UPDATE event_store.events e SET hash = event_store.event_hash(
         coalesce((SELECT hash FROM event_store.events WHERE stream_id = $1 AND stream_position = $2 - 1), decode(repeat('00', 32), 'hex')),
         e.stream_id, e.stream_position, e.event_id, e.event_type, e.schema_version, e.data, e.metadata, e.recorded_at)
       WHERE e.stream_id = $1 AND e.stream_position = $2`,
      [streamId, p],
    );
  }
}

export async function eventAt(pool: Pool, streamId: string, position: number): Promise<{ id: string; c: string; g: string }> {
  const { rows } = await pool.query<{ id: string; c: string; g: string }>(
    'SELECT event_id::text AS id, commit_order::text AS c, global_position::text AS g FROM event_store.events WHERE stream_id = $1 AND stream_position = $2',
    [streamId, position],
  );
  if (!rows[0]) throw new Error(`no event at ${streamId}/${position}`);
  return rows[0];
}
