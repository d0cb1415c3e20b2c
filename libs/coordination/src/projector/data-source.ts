import { DataSource, type EntityManager } from 'typeorm';
import { CONNECTION_TIMEOUT_MS } from '@ta/postgres';
import type { TransactionRunner } from '@ta/event-store';
import { COORDINATION_ENTITIES } from '../read-models/read-models';
import type { Sql } from '../sql';

/**
 * The coordination context's TypeORM DataSource: the read-model entities on the platform's
 * PostgreSQL. The schema comes from `coordinationMigrations`, never from `synchronize`.
 */
export function createCoordinationDataSource(connectionString: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: connectionString,
    entities: COORDINATION_ENTITIES,
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: 'ta-coordination',
      // As for every platform connection: an abandoned transaction must not hold back readers.
      options: '-c idle_in_transaction_session_timeout=30000',
      // ...and a server that does not answer fails a query in bounded time (an outage: 503).
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    },
  });
}

/** A TypeORM transaction that the durable consumer also moves its checkpoint in. */
export function typeormTransaction(dataSource: DataSource): TransactionRunner<EntityManager> {
  return (work) => dataSource.transaction((manager) => work(manager, sqlOf(manager)));
}

export function sqlOf(manager: EntityManager): Sql {
  return (sql, params) => manager.query(sql, params ?? []);
}
