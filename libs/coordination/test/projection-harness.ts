import type { DataSource } from 'typeorm';
import { ExpectedVersion, openPostgresEventStore, type AppendResult, type PostgresEventStoreHandle } from '@ta/event-store';
import { runMigrations } from '@ta/postgres';
import { coordinationMigrations, createCoordinationDataSource, createCoordinationProjector, waitForPosition } from '@ta/coordination';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { toNewEvent, type Fixture } from './case-fixtures';

/** A fresh database with the event store, the coordination tables and a running projector. */
export interface ProjectionHarness {
  readonly db: TestDatabase;
  readonly es: PostgresEventStoreHandle;
  readonly dataSource: DataSource;
  /** Appends each fixture to its stream, in order; returns the last result. */
  append(fixtures: readonly Fixture[]): Promise<AppendResult>;
  /** Appends, then waits until the projector has applied them. */
  project(fixtures: readonly Fixture[]): Promise<AppendResult>;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function projectionHarness(options: { projector?: boolean } = {}): Promise<ProjectionHarness> {
  const db = await createTestDatabase({ poolSize: 8 });
  const es = await openPostgresEventStore(db.pool);
  await runMigrations(db.pool, coordinationMigrations);
  const dataSource = await createCoordinationDataSource(db.url, { poolSize: 3 }).initialize();
  const projector = options.projector === false ? null : createCoordinationProjector(es, dataSource, { pollIntervalMs: 50 });
  projector?.start();
  const append = async (fixtures: readonly Fixture[]) => {
    let last: AppendResult | undefined;
    for (const x of fixtures) last = await es.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any);
    return last!;
  };
  return {
    db,
    es,
    dataSource,
    append,
    async project(fixtures) {
      const last = await append(fixtures);
      await waitForPosition(es.store, last.lastGlobalPosition, { timeoutMs: 10_000 });
      return last;
    },
    async rows(sql, params) {
      return (await db.pool.query(sql, params)).rows;
    },
    async close() {
      await projector?.stop();
      await es.close();
      await dataSource.destroy();
      await db.drop();
    },
  };
}
