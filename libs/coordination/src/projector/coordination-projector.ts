import type { DataSource, EntityManager } from 'typeorm';
import type { DurableConsumer, PostgresEventStoreHandle } from '@ta/event-store';
import { projectable } from '../read-models/case-event';
import { sqlOf, typeormTransaction } from './data-source';
import { projectBatch } from './writing/apply-batch';
import { tablesFor } from './writing/read-model-tables';

/** The durable consumer's name: its checkpoint is where every coordination read model stands. */
export const COORDINATION_CONSUMER = 'coordination';

/**
 * The projector: ONE durable consumer for all coordination read models. Each batch (up to
 * `batchSize` events) is applied to every read model and the checkpoint is moved, in one
 * TypeORM transaction: a crash at any point (SIGKILL included) loses nothing and applies
 * nothing twice. At most one instance is active across processes (the consumer's lock).
 */
export function createCoordinationProjector(
  eventStore: PostgresEventStoreHandle,
  dataSource: DataSource,
  options: { batchSize?: number; pollIntervalMs?: number; onError?: (e: unknown) => void; name?: string } = {},
): DurableConsumer<EntityManager> {
  const tables = tablesFor(dataSource);
  return eventStore.consumer<EntityManager>({
    name: options.name ?? COORDINATION_CONSUMER,
    batchSize: options.batchSize ?? 2000,
    transaction: typeormTransaction(dataSource),
    handle: (events, manager) => projectBatch(sqlOf(manager), tables, projectable(events)),
    // Woken by the append notifier; the poll only covers a lost wake-up or a read horizon held
    // by a transaction that is not an append (nobody notifies when it ends): keep it short.
    pollIntervalMs: options.pollIntervalMs ?? 100,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
