import type { ProcessDefinition } from '@ta/platform';
import { createRelay } from '@ta/relay';

/**
 * The relay as its own process: follows the event store and publishes to Kafka. Several can
 * run (and the API may run one too): the durable consumer keeps exactly one active per name,
 * the others stand by. Needs DATABASE_URL (the API's database) and KAFKA_BROKERS.
 */
export const relayProcess: ProcessDefinition = {
  name: 'relay',
  poolSize: 4,
  checkConfig(config) {
    if (config.kafkaBrokers.length === 0) throw new Error('KAFKA_BROKERS is not set (comma-separated host:port list): nothing to publish to');
  },
  async compose(infra, log) {
    const relay = createRelay(infra, { log })!;
    const report = setInterval(() => {
      relay
        .status()
        .then((s) => log(`${s.active ? 'active' : 'standby'}, ${s.lagEvents} event(s) behind`))
        .catch(() => undefined);
    }, 60_000);
    report.unref();
    return { started: [`event store on ${infra.databaseDescription}`], close: async () => clearInterval(report) };
  },
};
