import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@ta/postgres';
import {
  checkpoints,
  ExpectedVersion,
  streamHeads,
  type ConsumerStatus,
  type DurableConsumer,
  type LogPosition,
  type PostgresEventStoreHandle,
} from '@ta/event-store';
import {
  AUDIT_SEALS_STREAM,
  LOG_SEALED_SCHEMA_VERSION,
  blocksToSeal,
  logSealed,
  makeSeal,
  type LogPoint,
  type Seal,
  type SealPolicy,
} from '../domain';
import { sealRepository } from './seal.repository';

export interface LogSealerOptions extends SealPolicy {
  /** The durable consumer's name (its checkpoint). */
  readonly consumerName?: string;
  /** The consumer's polling fallback (ms). */
  readonly pollIntervalMs?: number;
  /** How often a partial block's age is checked (ms). */
  readonly tickMs?: number;
  readonly clock?: () => Date;
  readonly log?: (line: string) => void;
}

export const SEALER_CONSUMER = 'audit-sealer';

/**
 * Seals the all-stream in blocks (docs/audit.md). A durable event-store consumer: for a
 * batch after which a seal may be due (counted in memory: the unsealed events are read back
 * only then, not at every batch) it seals, in the batch's transaction and with its checkpoint,
 * every full block of unsealed events (and the rest when it is old enough), writing each seal to
 * `audit.seals` and appending a LogSealed event to the `audit-seals` stream (which the
 * Kafka relay publishes on `ta.audit.seals`). Every batch also records its streams' witnessed
 * heads (`streamHeads`), which stream reads check (docs/audit.md, "Checked at use"). A timer seals a partial block that has grown
 * old while no event arrived. Seal n+1 always starts right after seal n: no gap, no overlap.
 */
export class LogSealer {
  private readonly consumer: DurableConsumer<PoolClient>;
  private readonly clock: () => Date;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> = Promise.resolve();
  private sealedInBatch = false;
  /**
   * What this process knows of the unsealed events up to the checkpoint, so that a batch reads
   * them back only when a seal may be due: how many (an upper bound: a retried batch counts
   * twice) and when the first was recorded. `null`: not known (at start, after the timer sealed).
   */
  private pending: { count: number; oldest: Date | null } | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly eventStore: PostgresEventStoreHandle,
    private readonly options: LogSealerOptions,
  ) {
    if (!Number.isInteger(options.blockSize) || options.blockSize < 1) throw new Error('blockSize must be a positive integer');
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.consumer = eventStore.consumer<PoolClient>({
      name: this.name,
      batchSize: Math.min(options.blockSize, 10_000),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      handle: async (events, tx) => {
        // The sealer is the log's trusted follower: the heads it has seen are what a stream read
        // must still reach (a deleted tail shows at the next use, not only at the next seal).
        await streamHeads.witness(tx, events);
        const pending = this.pending && { count: this.pending.count + events.length, oldest: this.pending.oldest ?? events[0]!.recordedAt };
        const due = !pending || pending.count >= options.blockSize || this.clock().getTime() - pending.oldest!.getTime() >= options.maxAgeMs;
        if (!due) {
          this.pending = pending;
          return;
        }
        const result = await this.sealThrough(tx, point(events[events.length - 1]!.logPosition));
        this.sealedInBatch = result.sealed > 0;
        this.pending = result.left;
      },
      // Wake the relay once the LogSealed events are committed.
      afterCommit: () => {
        if (this.sealedInBatch) eventStore.store.notifyAppended();
        this.sealedInBatch = false;
      },
      onError: (e) => this.log(`sealing failed (will retry): ${e instanceof Error ? e.message : String(e)}`),
    });
  }

  get name(): string {
    return this.options.consumerName ?? SEALER_CONSUMER;
  }

  start(): void {
    this.consumer.start();
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.ticking = this.sealDue().catch((e: unknown) => this.log(`time-based sealing failed: ${e instanceof Error ? e.message : String(e)}`));
    }, this.options.tickMs ?? Math.max(1000, Math.min(10_000, this.options.maxAgeMs / 4)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.consumer.stop();
  }

  status(): Promise<ConsumerStatus> {
    return this.consumer.status();
  }

  /**
   * Seals what is due among the events the consumer has already passed (a partial block that
   * is old enough). Serialised with the consumer's batches by the lock on its checkpoint row.
   * Returns the number of seals written.
   */
  async sealDue(): Promise<number> {
    const n = await withTransaction(this.pool, async (client) => {
      const checkpoint = await checkpoints.read(client, this.name, { forUpdate: true });
      return checkpoint && checkpoint.position !== 0 ? (await this.sealThrough(client, point(checkpoint))).sealed : 0;
    });
    if (n > 0) {
      this.pending = null; // the consumer's next batch counts again
      this.eventStore.store.notifyAppended();
    }
    return n;
  }

  /**
   * Inside the caller's transaction: seal what is due among the events up to `upTo`. Returns the
   * number of seals written and the events left unsealed up to `upTo`.
   */
  private async sealThrough(tx: PoolClient, upTo: LogPoint): Promise<{ sealed: number; left: { count: number; oldest: Date | null } }> {
    let previous: Seal | null = await sealRepository.last(tx);
    const after = previous?.last ?? { commitOrder: '0', globalPosition: '0' };
    const now = this.clock();
    const unsealed = await sealRepository.unsealed(tx, after, upTo);
    const blocks = blocksToSeal(unsealed, this.options, now);
    const rest = unsealed.slice(blocks.reduce((n, b) => n + b.length, 0));
    for (const block of blocks) {
      const { seal, leaves } = makeSeal(previous, block);
      await sealRepository.insert(tx, seal, leaves, now);
      const event = logSealed(seal, now);
      const id = randomUUID();
      await this.eventStore.store.appendWith(
        tx,
        AUDIT_SEALS_STREAM,
        [
          {
            id,
            type: event.type,
            schemaVersion: LOG_SEALED_SCHEMA_VERSION,
            data: event.data,
            metadata: { actorId: this.name, actorRole: 'system', correlationId: id, causationId: null, occurredAt: now.toISOString() },
          },
        ],
        ExpectedVersion.exact(seal.sealNo - 1),
      );
      previous = seal;
    }
    if (blocks.length > 0) this.log(`sealed ${blocks.length} block(s), up to seal ${previous!.sealNo}`);
    return { sealed: blocks.length, left: { count: rest.length, oldest: rest[0]?.recordedAt ?? null } };
  }
}

function point(p: LogPosition): LogPoint {
  return { commitOrder: p.commit, globalPosition: String(p.position) };
}
