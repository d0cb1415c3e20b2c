import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/postgres/src/embedded';
import { findFreeKafkaPort, startKafka, type KafkaBroker } from './kafka-broker';

/**
 * Real services for the whole test run.
 * PostgreSQL: one cluster per jest worker: TEST_DATABASE_URL or DATABASE_URL when set (CI
 * points it at the machine's server) for the first, embedded PostgreSQL clusters under
 * .data/test-postgres-<n> for the others (all of them when neither is set). Each test file
 * then creates its own database on its worker's cluster (test/support/database.ts), so files
 * can run in parallel without sharing a read horizon.
 * Kafka: TEST_KAFKA_BROKERS or KAFKA_BROKERS when set; otherwise ONE real broker
 * (infra/kafka/kafka.sh) for the whole run, started here beside PostgreSQL, its address
 * exported to the workers as TEST_KAFKA_BROKERS. Test files isolate themselves with their
 * own topic prefix. TEST_KAFKA=off starts none (tests needing it then fail loudly).
 */
export default async function globalSetup(globalConfig: { maxWorkers?: number }): Promise<void> {
  const kafka = startSharedKafka();
  // One PostgreSQL cluster per jest worker. The event store reads the log below the oldest
  // transaction still running, and transaction ids are the cluster's, not a database's: on a
  // shared cluster, a long transaction of one test file (a rebuild, a held row lock) held back
  // the consumers of the file running beside it, and a timing test there failed under load.
  const clusters = Math.max(1, globalConfig.maxWorkers ?? 1);
  const urls: string[] = [];
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) urls.push(given);
  const handles: Array<{ stop(): Promise<void> }> = [];
  const basePort = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330);
  try {
    for (let i = urls.length; i < clusters; i++) {
      const handle = await startEmbeddedPostgres({
        dataDir: join(__dirname, '..', '..', '.data', `test-postgres-${i}`, 'data'),
        port: basePort + i,
        database: 'postgres',
      });
      handles.push(handle);
      urls.push(handle.connectionString);
    }
    for (const url of urls) {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.end();
    }
    await kafka;
  } catch (e) {
    // jest runs no teardown after a failed set-up: stop what was started (a cluster's port
    // taken, say), or the broker and the clusters outlive the run.
    await kafka.catch(() => undefined);
    await Promise.all([...handles.map((h) => h.stop()), (globalThis as { __kafka?: KafkaBroker }).__kafka?.stop({ deleteData: true })]);
    throw e;
  }
  (globalThis as { __embeddedPg?: typeof handles }).__embeddedPg = handles;
  process.env.TEST_ADMIN_DATABASE_URLS = urls.join(' ');
}

async function startSharedKafka(): Promise<void> {
  const given = process.env.TEST_KAFKA_BROKERS || process.env.KAFKA_BROKERS;
  if (given) {
    process.env.TEST_KAFKA_BROKERS = given;
    return;
  }
  if (process.env.TEST_KAFKA === 'off') return;
  const broker = await startKafka({ port: await findFreeKafkaPort() });
  (globalThis as { __kafka?: KafkaBroker }).__kafka = broker;
  process.env.TEST_KAFKA_BROKERS = broker.brokers.join(',');
}
