import { envInt } from '@ta/platform';

/** How the relay reaches Kafka and shapes its topics. From the environment by `loadRelayConfig`. */
export interface RelayConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prepended to every topic name (environments or tests sharing a cluster). Default empty. */
  readonly topicPrefix: string;
  /** Partitions of each topic when the relay creates it (KAFKA_TOPIC_PARTITIONS, default 3). */
  readonly partitions: number;
  /** Replication factor when the relay creates a topic (KAFKA_REPLICATION_FACTOR, default 1; 3 on a cluster). */
  readonly replicationFactor: number;
  /** min.insync.replicas of created topics (KAFKA_MIN_INSYNC_REPLICAS); unset: the broker's default. */
  readonly minInsyncReplicas: number | undefined;
  /** retention.ms of created topics (KAFKA_TOPIC_RETENTION_MS; default -1: keep forever). */
  readonly retentionMs: number;
  /** The durable consumer's name (its checkpoint). */
  readonly consumerName: string;
  /** Events read per batch (one transaction, one or more sends). */
  readonly batchSize: number;
  /** kafkajs's own log level: nothing, error, warn, info, debug (KAFKA_LOG_LEVEL, default nothing). */
  readonly kafkaLogLevel: 'nothing' | 'error' | 'warn' | 'info' | 'debug';
}

export function loadRelayConfig(brokers: readonly string[], env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const level = (env.KAFKA_LOG_LEVEL ?? 'nothing').toLowerCase();
  if (!['nothing', 'error', 'warn', 'info', 'debug'].includes(level)) throw new Error(`KAFKA_LOG_LEVEL must be nothing|error|warn|info|debug, got "${level}"`);
  const retention = env.KAFKA_TOPIC_RETENTION_MS;
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID || 'ta-platform-relay',
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    partitions: envInt(env, 'KAFKA_TOPIC_PARTITIONS', 3),
    replicationFactor: envInt(env, 'KAFKA_REPLICATION_FACTOR', 1),
    minInsyncReplicas: env.KAFKA_MIN_INSYNC_REPLICAS ? envInt(env, 'KAFKA_MIN_INSYNC_REPLICAS', 1) : undefined,
    retentionMs: retention === undefined || retention === '' ? -1 : Number(retention),
    consumerName: env.KAFKA_RELAY_CONSUMER || 'kafka-relay',
    batchSize: envInt(env, 'KAFKA_RELAY_BATCH_SIZE', 500),
    kafkaLogLevel: level as RelayConfig['kafkaLogLevel'],
  };
}
