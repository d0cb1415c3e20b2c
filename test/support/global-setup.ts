import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../libs/postgres/src/embedded';
import { findFreeKafkaPort, startKafka, type KafkaBroker } from './kafka-broker';

/**
 * Real services for the whole test run.
 * PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set (CI points it at the machine's
 * server); otherwise an embedded PostgreSQL under .data/test-postgres. Each test file then
 * creates its own database (test/support/database.ts), so files can run in parallel.
 * Kafka: TEST_KAFKA_BROKERS or KAFKA_BROKERS when set; otherwise ONE real broker
 * (infra/kafka/kafka.sh) for the whole run, started here beside PostgreSQL, its address
 * exported to the workers as TEST_KAFKA_BROKERS. Test files isolate themselves with their
 * own topic prefix. TEST_KAFKA=off starts none (tests needing it then fail loudly).
 */
export default async function globalSetup(): Promise<void> {
  const kafka = startSharedKafka();
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    const handle = await startEmbeddedPostgres({
      dataDir: join(__dirname, '..', '..', '.data', 'test-postgres', 'data'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
      database: 'postgres',
    });
    adminUrl = handle.connectionString;
    (globalThis as { __embeddedPg?: typeof handle }).__embeddedPg = handle;
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.end();
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  await kafka;
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
