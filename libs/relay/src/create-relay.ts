import type { Infrastructure } from '@ta/platform';
import { KafkaRelay, type KafkaRelayOptions } from './kafka-relay';
import { loadRelayConfig } from './relay.config';

/**
 * The relay for this process's infrastructure, registered with its consumers (started by
 * `startAll`, lag on `/health/consumers`); null when no Kafka brokers are configured.
 */
export function createRelay(infra: Infrastructure, options: KafkaRelayOptions = {}): KafkaRelay | null {
  if (infra.config.kafkaBrokers.length === 0) return null;
  const relay = new KafkaRelay(infra.pool, infra.eventStore, loadRelayConfig(infra.config.kafkaBrokers, infra.config.env), options);
  return infra.consumers.register(relay);
}
