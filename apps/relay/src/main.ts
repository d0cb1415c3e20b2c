import 'reflect-metadata';
import { loadConfig, openInfrastructure } from '@ta/platform';
import { createRelay } from '@ta/relay';

/**
 * The relay as its own process: follows the event store and publishes to Kafka. Several
 * can run (and the API may run one too): the durable consumer keeps exactly one active per
 * name, the others stand by. Needs DATABASE_URL (the API's database) and KAFKA_BROKERS.
 */
async function main(): Promise<void> {
  const log = (line: string) => console.log(`${new Date().toISOString()} [relay] ${line}`);
  const config = loadConfig();
  if (config.kafkaBrokers.length === 0) {
    console.error('KAFKA_BROKERS is not set (comma-separated host:port list): nothing to publish to');
    process.exit(2);
  }
  const infra = await openInfrastructure(config, { log, poolSize: 4 });
  log(`event store on ${infra.databaseDescription}`);
  const relay = createRelay(infra, { log })!;
  infra.consumers.startAll();

  const report = setInterval(() => {
    relay
      .status()
      .then((s) => log(`${s.active ? 'active' : 'standby'}, ${s.lagEvents} event(s) behind`))
      .catch(() => undefined);
  }, 60_000);
  report.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: stopping`);
    clearInterval(report);
    await infra.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
