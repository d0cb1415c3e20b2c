export * from './event-store.port';
export { LIMITS as APPEND_LIMITS, validateAppend } from './append-validation';
export { PostgresEventStore, compareLogPositions } from './postgres/postgres-event-store';
export { AppendNotifier, APPEND_CHANNEL } from './postgres/append-notifier';
export { DurableConsumer, consumerStatus, type BatchHandler, type ConsumerStatus, type DurableConsumerOptions, type SqlInTransaction, type TransactionRunner } from './postgres/durable-consumer';
export { openPostgresEventStore, type PostgresEventStoreHandle } from './postgres/open-postgres-event-store';
export { eventStoreMigrations } from './postgres/schema';
