export * from './event-store.port';
export { LIMITS as APPEND_LIMITS, validateAppend } from './append-validation';
export { eventHash, type HashedEventFields } from './event-hash';
export { PostgresEventStore, translateAppendError, type CompactEvent, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export type { GroupCommitOptions } from './postgres/group-commit';
export { AppendNotifier, APPEND_CHANNEL } from './postgres/append-notifier';
export {
  DurableConsumer,
  postgresConsumerLog,
  type AppendWaker,
  type BatchHandler,
  type ConsumerLog,
  type ConsumerStatus,
  type DurableConsumerOptions,
  type SqlInTransaction,
  type TransactionRunner,
} from './postgres/durable-consumer';
export { openPostgresEventStore, type PostgresEventStoreHandle } from './postgres/open-postgres-event-store';
export { eventStoreMigrations } from './postgres/schema';
export { checkpoints, countEvents, eventAt, logCuts, readCanonicalPage, readHashedRange, type CanonicalEvent, type HashedEvent, type RowQuery } from './postgres/log-access';
export { logRows, type LogRowsSpec } from './postgres/log-rows';
export { integrityAlarms, streamHeads, firstBreak, type IntegrityAlarm, type StreamBreak } from './postgres/stream-integrity';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
export { kurrentDbConsumerLog, KURRENTDB_LAG_COUNT_LIMIT } from './kurrentdb/kurrentdb-consumer';
export { kurrentDbCheckpointMigrations } from './kurrentdb/kurrentdb-checkpoints.schema';
export { openKurrentDbEventStore, type KurrentDbEventStoreHandle, type KurrentDbEventStoreOptions } from './kurrentdb/open-kurrentdb-event-store';
