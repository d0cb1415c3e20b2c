import type { Pool } from 'pg';
import type { EventStore, LogPosition } from '../event-store.port';
import type { ConsumerLog } from '../postgres/durable-consumer';

/** Events counted by `status()`: one read of the log, not a scan to its end. */
export const KURRENTDB_LAG_COUNT_LIMIT = 10_000;

/**
 * A log that is not in PostgreSQL (KurrentDB) for a `DurableConsumer`, its checkpoint kept in
 * PostgreSQL (`event_store_kurrentdb.consumers`): the same guarantees for the handler's
 * PostgreSQL writes (checkpoint and writes in one transaction, one active instance per name).
 * What it cannot give: the handler's appends to KurrentDB are not part of that transaction
 * (docs/event-store.md). It only uses the port's `readAll`, so it works on any adapter whose
 * `readAll` never skips an event.
 */
export function kurrentDbConsumerLog(store: EventStore): ConsumerLog {
  return {
    lockPrefix: 'kurrentdb-consumer:',
    checkpoints: { table: 'event_store_kurrentdb.consumers', commit: 'commit_position', position: 'prepare_position' },
    read: (_client, after, limit) => store.readAll({ after, limit }),
    // Woken, yet nothing to read: the new events are not readable here yet (a replica behind
    // its leader). Look again shortly, for at most one poll interval after the wake-up.
    expectsMore: (_client, _after, wokenAgoMs, pollIntervalMs) => Promise.resolve(wokenAgoMs !== null && wokenAgoMs < pollIntervalMs),
    async lag(_pool: Pool, checkpoint: LogPosition) {
      const behind = await store.readAll({ after: checkpoint, limit: KURRENTDB_LAG_COUNT_LIMIT });
      return { head: behind.at(-1)?.logPosition ?? checkpoint, lagEvents: behind.length };
    },
  };
}
