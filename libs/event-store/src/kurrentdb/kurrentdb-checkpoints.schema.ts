import { join } from 'node:path';
import { sqlMigrationSet } from '@ta/postgres';

/**
 * Checkpoints of consumers reading the all-stream from KurrentDB, kept in PostgreSQL so that
 * a consumer's checkpoint commits in the same transaction as its writes to PostgreSQL
 * (read models, idempotency keys...). Its own schema, apart from `event_store.consumers`:
 * a KurrentDB deployment needs none of the PostgreSQL event tables, and a consumer's
 * KurrentDB position is never confused with a PostgreSQL one.
 * `commit_position` is numeric(20): KurrentDB positions are unsigned 64-bit.
 */
export const kurrentDbCheckpointMigrations = sqlMigrationSet('event_store_kurrentdb', join(__dirname, '..', '..', 'migrations', 'kurrentdb'));
