import type { Pool } from 'pg';
import { collect, expectFaithful, expectNoPersonalData, hasAll, storedCaseEvents } from '../../kafka/kafka-test-kit';

/**
 * Everything the platform stored for its cases reached Kafka, faithfully (contracts, keys,
 * order per case) and without personal data.
 */
export async function expectPublished(pool: Pool, brokers: string[], prefix: string): Promise<void> {
  const stored = await storedCaseEvents(pool);
  expect(stored.length).toBeGreaterThan(20);
  const got = await collect(brokers, prefix, hasAll(stored), 60_000);
  expectFaithful(got, stored, prefix);
  expectNoPersonalData(got);
}
