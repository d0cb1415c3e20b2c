import type { Pool, PoolClient } from 'pg';
import { Kafka, logLevel, Partitioners, type Admin, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { CONTENT_TYPE, ContractValidator, HEADERS, toIntegrationEvent, topicName, type OutgoingMessage } from '@ta/contracts';
import type { ConsumerStatus, DurableConsumer, PostgresEventStoreHandle, RecordedEvent, TransactionRunner } from '@ta/event-store';
import { withTransaction } from '@ta/postgres';
import type { RelayConfig } from './relay.config';
import { RequestRestrictions } from './request-restrictions';
import { ensureTopics } from './topics';

export interface KafkaRelayOptions {
  readonly log?: (line: string) => void;
  /** Called after the broker acknowledged a batch (before its checkpoint commits): metrics, benchmarks. */
  readonly onPublished?: (events: readonly RecordedEvent[], messages: readonly OutgoingMessage[]) => void;
  /** Backoff while the broker is unreachable: first and longest wait (ms). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  readonly pollIntervalMs?: number;
}

/** Largest sum of value sizes per produce call: stays well below the broker's 1 MiB request/batch limits. */
const MAX_SEND_BYTES = 512 * 1024;

const LEVELS = { nothing: logLevel.NOTHING, error: logLevel.ERROR, warn: logLevel.WARN, info: logLevel.INFO, debug: logLevel.DEBUG } as const;

/**
 * Publishes the event store to Kafka: a durable event-store consumer whose batch handler
 * maps each event through the contracts (knowing whether its request is restricted:
 * `RequestRestrictions`), validates it, sends the batch (idempotent
 * producer, acks=all) and only then lets the checkpoint commit. At least once: a crash
 * after the broker's ack and before the commit sends that batch again; consumers dedupe
 * by event id. While the broker is down it backs off and probes the broker OUTSIDE any
 * database transaction, so the relay never holds the event store's read horizon while
 * waiting (an open writing transaction would stall every other consumer).
 */
export class KafkaRelay {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumer: DurableConsumer<PoolClient>;
  private readonly validator = new ContractValidator();
  private readonly restrictions: RequestRestrictions;
  private readonly log: (line: string) => void;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private started = false;
  private stopped = false;
  private startup: Promise<void> | null = null;
  private failures = 0;
  private wakeSleep: (() => void) | null = null;
  private producerConnected = false;

  constructor(
    private readonly pool: Pool,
    eventStore: PostgresEventStoreHandle,
    readonly config: RelayConfig,
    private readonly options: KafkaRelayOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
    this.initialBackoff = options.backoff?.initialMs ?? 200;
    this.maxBackoff = options.backoff?.maxMs ?? 5000;
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: [...config.brokers],
      logLevel: LEVELS[config.kafkaLogLevel],
      connectionTimeout: 3000,
      // Below PostgreSQL's idle_in_transaction_session_timeout (30 s): a hung broker fails the batch, not the session.
      requestTimeout: 10_000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner, // murmur2, like the Java client
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    this.admin = this.kafka.admin({ retry: { retries: 0 } });
    this.restrictions = new RequestRestrictions(eventStore.store);
    this.consumer = eventStore.consumer<PoolClient>({
      name: config.consumerName,
      batchSize: config.batchSize,
      handle: (events, tx) => this.publish(events, tx),
      transaction: this.transactionAfterBrokerAnswers(),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      onError: (e) => {
        if (!this.stopped) this.log(`relay batch failed (will retry): ${message(e)}`);
      },
    });
  }

  get name(): string {
    return this.config.consumerName;
  }

  /** Topic names as published (with the prefix). */
  topic(base: string): string {
    return topicName(base, this.config.topicPrefix);
  }

  /** Connects, creates the topics (retrying with backoff while the broker is down), then follows the event store. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.startup = this.connectAndFollow();
  }

  /** Resolves once the topics exist and the consumer runs (tests, the standalone relay). */
  async ready(): Promise<void> {
    await this.startup;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeSleep?.();
    await this.startup?.catch(() => undefined);
    await this.consumer.stop();
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }

  /** Running from `start()` to `stop()`, also while it waits for the broker (then with a `detail`). */
  async status(): Promise<ConsumerStatus> {
    const status = await this.consumer.status();
    const running = this.started && !this.stopped;
    return this.consumer.isRunning || !running ? status : { ...status, running, detail: `waiting for Kafka at ${this.config.brokers.join(',')}` };
  }

  private async connectAndFollow(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.admin.connect();
        const topics = await ensureTopics(this.admin, this.config, this.log);
        await this.producer.connect();
        this.producerConnected = true;
        this.log(`publishing to ${topics.join(', ')} on ${this.config.brokers.join(',')}`);
        this.consumer.start();
        return;
      } catch (e) {
        if (attempt === 0) this.log(`Kafka not reachable at ${this.config.brokers.join(',')} (${message(e)}): retrying with backoff`);
        await this.sleep(this.backoffMs(attempt));
      }
    }
  }

  /**
   * The batch handler, inside the consumer's transaction `tx`: find out which requests are
   * restricted, map, validate, send in order, return only after the broker's acks.
   */
  private async publish(events: readonly RecordedEvent[], tx: PoolClient): Promise<void> {
    const contexts = await this.restrictions.contexts(events, tx);
    const messages: OutgoingMessage[] = [];
    for (const [i, e] of events.entries()) {
      const m = toIntegrationEvent(e, contexts[i]!);
      if (!m) continue;
      this.validator.assertValid(m.value, { topic: m.topic });
      messages.push(m);
    }
    if (messages.length > 0) {
      try {
        if (!this.producerConnected) {
          await this.producer.connect();
          this.producerConnected = true;
        }
        for (const chunk of chunks(messages.map((m) => ({ m, json: JSON.stringify(m.value) })))) {
          await this.producer.sendBatch({ acks: -1, topicMessages: this.toTopicMessages(chunk) });
        }
      } catch (e) {
        this.failures++;
        throw e;
      }
    }
    if (this.failures > 0) {
      this.log(`Kafka answers again: publishing resumed after ${this.failures} failed attempt(s)`);
      this.failures = 0;
    }
    this.options.onPublished?.(events, messages);
  }

  private toTopicMessages(messages: readonly Serialized[]): TopicMessages[] {
    const byTopic = new Map<string, Message[]>();
    for (const { m, json } of messages) {
      const topic = this.topic(m.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({
        key: m.key,
        value: json,
        headers: {
          [HEADERS.eventId]: m.value.eventId,
          [HEADERS.eventType]: m.value.type,
          [HEADERS.schemaVersion]: String(m.value.schemaVersion),
          [HEADERS.correlationId]: m.value.correlationId,
          [HEADERS.contentType]: CONTENT_TYPE,
        },
      });
      byTopic.set(topic, list);
    }
    return [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
  }

  /**
   * The consumer's transaction, opened only when the broker is believed up: after a failed
   * send, wait (exponential backoff) and probe the broker with a metadata request first.
   */
  private transactionAfterBrokerAnswers(): TransactionRunner<PoolClient> {
    return async (work) => {
      for (let attempt = 0; this.failures > 0; attempt++) {
        if (this.stopped) throw new Error('relay stopping');
        await this.sleep(this.backoffMs(this.failures + attempt - 1));
        try {
          await this.admin.connect();
          await this.admin.describeCluster();
          break;
        } catch {
          // still down
        }
      }
      if (this.stopped) throw new Error('relay stopping');
      await withTransaction(this.pool, (client) => work(client, async (sql, params) => (await client.query(sql, params)).rows));
    };
  }

  private backoffMs(attempt: number): number {
    const base = Math.min(this.maxBackoff, this.initialBackoff * 2 ** Math.min(attempt, 20));
    return base / 2 + Math.random() * (base / 2);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeSleep = null;
        resolve();
      }, ms);
      this.wakeSleep = () => {
        clearTimeout(timer);
        this.wakeSleep = null;
        resolve();
      };
    });
  }
}

interface Serialized {
  readonly m: OutgoingMessage;
  readonly json: string;
}

function* chunks(messages: readonly Serialized[]): Generator<Serialized[]> {
  let chunk: Serialized[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = m.json.length;
    if (chunk.length > 0 && bytes + size > MAX_SEND_BYTES) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
