import { Pool } from 'pg';
import { startDonorConsumer } from './donor-consumer';

/**
 * A donor's own system following the platform: KAFKA_BROKERS, DONOR_DATABASE_URL (its own
 * PostgreSQL), optional DONOR_GROUP_ID and KAFKA_TOPIC_PREFIX. Prints what it did every 10 s.
 */
async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const url = process.env.DONOR_DATABASE_URL;
  if (brokers.length === 0 || !url) {
    console.error('set KAFKA_BROKERS (host:port,...) and DONOR_DATABASE_URL (postgres://...)');
    process.exit(2);
  }
  const pool = new Pool({ connectionString: url, max: 4 });
  const log = (line: string) => console.log(`${new Date().toISOString()} [donor] ${line}`);
  const consumer = await startDonorConsumer({
    brokers,
    pool,
    groupId: process.env.DONOR_GROUP_ID ?? 'donor-example',
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '',
    log,
  });
  const timer = setInterval(() => log(`applied ${consumer.stats.applied}, duplicates dropped ${consumer.stats.duplicates}, rejected ${consumer.stats.rejected}`), 10_000);
  const stop = async () => {
    clearInterval(timer);
    await consumer.stop();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
