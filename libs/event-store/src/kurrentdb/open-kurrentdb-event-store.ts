import type { Pool, PoolClient } from 'pg';
import { runMigrations } from '@ta/postgres';
import { DurableConsumer, type DurableConsumerOptions } from '../postgres/durable-consumer';
import { kurrentDbCheckpointMigrations } from './kurrentdb-checkpoints.schema';
import { kurrentDbConsumerLog } from './kurrentdb-consumer';
import { KurrentDbEventStore } from './kurrentdb-event-store';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://admin:changeit@host:2113?tls=true`; `kurrentdb://localhost:2113?tls=false` for an insecure node. */
  readonly connectionString: string;
  /** PostgreSQL for consumers' checkpoints; without it `consumer()` is unavailable. */
  readonly checkpointPool?: Pool;
}

export interface KurrentDbEventStoreHandle {
  readonly store: KurrentDbEventStore;
  consumer<Tx = PoolClient>(options: DurableConsumerOptions<Tx>): DurableConsumer<Tx>;
  close(): Promise<void>;
}

/**
 * Connects to KurrentDB and checks, with one read of `$all`, that the server answers and
 * the credentials may read the all-stream (by default only `$admins` may). With a
 * checkpoint pool, migrates the consumers' checkpoint table. The client package (gRPC and a
 * native bridge) is loaded here, on first use, never by merely importing `@ta/event-store`.
 */
export async function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStoreHandle> {
  const { KurrentDBClient } = await import('@kurrent/kurrentdb-client');
  const client = KurrentDBClient.connectionString(options.connectionString);
  const store = new KurrentDbEventStore(client);
  try {
    await store.headPosition();
  } catch (e) {
    await client.dispose().catch(() => undefined);
    throw new Error(`KurrentDB at ${redact(options.connectionString)} cannot be read: ${(e as Error).message}`, { cause: e });
  }
  const pool = options.checkpointPool;
  if (pool) await runMigrations(pool, kurrentDbCheckpointMigrations);
  const consumers: Array<{ stop(): Promise<void> }> = [];
  return {
    store,
    consumer<Tx = PoolClient>(consumerOptions: DurableConsumerOptions<Tx>) {
      if (!pool) throw new Error('KurrentDB consumers keep their checkpoints in PostgreSQL: open the store with a checkpointPool');
      const c = new DurableConsumer<Tx>(pool, kurrentDbConsumerLog(store), store, consumerOptions);
      consumers.push(c);
      return c;
    },
    async close() {
      await Promise.all(consumers.map((c) => c.stop()));
      await store.close();
      await client.dispose();
    },
  };
}

/** The connection string without its password, for messages. */
export function redact(connectionString: string): string {
  return connectionString.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
