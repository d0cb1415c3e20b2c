// @ta/relay: publishes the event store to Kafka through the contracts (@ta/contracts).
export { KafkaRelay, type KafkaRelayOptions } from './kafka-relay';
export { loadRelayConfig, type RelayConfig } from './relay.config';
export { ensureTopics } from './topics';
export { createRelay } from './create-relay';
