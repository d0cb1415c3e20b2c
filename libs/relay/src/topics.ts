import type { Admin } from 'kafkajs';
import { TOPICS, topicName } from '@ta/contracts';
import type { RelayConfig } from './relay.config';

/**
 * Creates the platform's topics that do not exist yet, with the configured partitions,
 * replication factor, min.insync.replicas and retention. Existing topics are left as they
 * are (adding partitions moves keys to other partitions and breaks order per case during the
 * move: an operator's decision, not the platform's); a different partition count is logged.
 */
export async function ensureTopics(admin: Admin, config: RelayConfig, log: (line: string) => void): Promise<string[]> {
  const wanted = TOPICS.map((t) => topicName(t.name, config.topicPrefix));
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    const configEntries = [
      { name: 'retention.ms', value: String(config.retentionMs) },
      { name: 'cleanup.policy', value: 'delete' },
      ...(config.minInsyncReplicas !== undefined ? [{ name: 'min.insync.replicas', value: String(config.minInsyncReplicas) }] : []),
    ];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: config.partitions, replicationFactor: config.replicationFactor, configEntries })),
      });
    } catch (e) {
      // Another relay instance may have created them a moment ago.
      const now = new Set(await admin.listTopics());
      if (missing.some((t) => !now.has(t))) throw e;
    }
    log(`created topics ${missing.join(', ')} (${config.partitions} partitions, replication factor ${config.replicationFactor})`);
  }
  const meta = await admin.fetchTopicMetadata({ topics: wanted });
  for (const t of meta.topics) {
    if (t.partitions.length !== config.partitions) {
      log(`topic ${t.name} has ${t.partitions.length} partitions, KAFKA_TOPIC_PARTITIONS says ${config.partitions}: left as it is`);
    }
  }
  return wanted;
}
