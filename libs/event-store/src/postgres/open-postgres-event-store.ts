import type { Pool, PoolClient } from 'pg';
import { runMigrations } from '@ta/postgres';
import { AppendNotifier } from './append-notifier';
import { DurableConsumer, postgresConsumerLog, type DurableConsumerOptions } from './durable-consumer';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { eventStoreMigrations } from './schema';

export interface PostgresEventStoreHandle {
  readonly store: PostgresEventStore;
  readonly notifier: AppendNotifier;
  consumer<Tx = PoolClient>(options: DurableConsumerOptions<Tx>): DurableConsumer<Tx>;
  close(): Promise<void>;
}

/** Migrates the schema (idempotent, concurrency-safe) and wires the store and its notifier. */
export async function openPostgresEventStore(pool: Pool, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStoreHandle> {
  await runMigrations(pool, eventStoreMigrations);
  await pool.query('SELECT event_store.ensure_commit_order_monotonic()');
  const notifier = new AppendNotifier(pool);
  const store = new PostgresEventStore(pool, notifier, options);
  const consumers: Array<{ stop(): Promise<void> }> = [];
  return {
    store,
    notifier,
    consumer<Tx = PoolClient>(options: DurableConsumerOptions<Tx>) {
      const c = new DurableConsumer<Tx>(pool, postgresConsumerLog(store), notifier, options);
      consumers.push(c);
      return c;
    },
    async close() {
      await Promise.all(consumers.map((c) => c.stop()));
      await notifier.close();
    },
  };
}
