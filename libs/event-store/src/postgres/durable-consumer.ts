import type { Pool, PoolClient } from 'pg';
import { LOG_START, type LogPosition, type RecordedEvent } from '../event-store.port';
import type { AppendNotifier } from './append-notifier';
import type { PostgresEventStore } from './postgres-event-store';

/**
 * Handles one batch inside the consumer's transaction: whatever it writes with `tx`
 * commits together with the new checkpoint, or not at all.
 */
export type BatchHandler<Tx = PoolClient> = (events: readonly RecordedEvent[], tx: Tx) => Promise<void>;

/** Runs SQL inside a transaction: the checkpoint is read and moved through it. */
export type SqlInTransaction = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * Opens a transaction on another client (a TypeORM EntityManager, say), gives `work` the
 * handler's transaction object and a way to run SQL in it, and commits when `work` resolves.
 */
export type TransactionRunner<Tx> = (work: (tx: Tx, sql: SqlInTransaction) => Promise<void>) => Promise<void>;

export interface DurableConsumerOptions<Tx = PoolClient> {
  readonly name: string;
  readonly handle: BatchHandler<Tx>;
  /** Default: a transaction on the consumer's own pg connection, `tx` being that client. */
  readonly transaction?: TransactionRunner<Tx>;
  readonly batchSize?: number;
  /** Fallback when a notification is lost. */
  readonly pollIntervalMs?: number;
  /** How often a standby instance tries to take over the consumer's lock. */
  readonly standbyRetryMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Called after each committed batch (e.g. to wake other consumers when the handler appended). */
  readonly afterCommit?: () => void;
}

export interface ConsumerStatus {
  readonly name: string;
  readonly active: boolean;
  readonly checkpoint: LogPosition;
  readonly head: LogPosition;
  /** Events committed after the checkpoint (counted up to 1,000,000). */
  readonly lagEvents: number;
  readonly updatedAt: Date | null;
}

/**
 * A named, durable all-stream consumer on PostgreSQL.
 * - Checkpoint and the handler's writes commit in one transaction: nothing lost, nothing
 *   applied twice, even on SIGKILL.
 * - At most one active instance per name, across processes: a session advisory lock held
 *   on the consumer's own connection (released by the server if the process dies); other
 *   instances wait on standby.
 * - Woken by the append notifier (LISTEN/NOTIFY), polling as fallback.
 */
const HELD_BACK_RETRY_MS = 20;

export class DurableConsumer<Tx = PoolClient> {
  private running = false;
  private client: PoolClient | null = null;
  private wake: (() => void) | null = null;
  private woken = false;
  private unsubscribe: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private active = false;
  /** The checkpoint this instance last read or wrote; re-read when another writer moved it (a rebuild). */
  private known: LogPosition | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly notifier: AppendNotifier | undefined,
    private readonly options: DurableConsumerOptions<Tx>,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.notifier?.onAppended(() => this.poke()) ?? null;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    this.unsubscribe?.();
    await this.loop;
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.active) {
          await this.acquire();
          if (!this.active) {
            await this.sleep(this.options.standbyRetryMs ?? 1000);
            continue;
          }
        }
        this.woken = false;
        const n = await this.processBatch();
        if (n === 0 && !this.woken) {
          // Events committed but still behind the read horizon (an older transaction is
          // running somewhere on the server) will not send another notification: look again
          // shortly instead of waiting a whole poll interval.
          const heldBack = await this.hasEventsBehindHorizon();
          await this.sleep(heldBack ? HELD_BACK_RETRY_MS : (this.options.pollIntervalMs ?? 1000));
        }
      } catch (e) {
        this.known = null;
        // Another writer (a rebuild's swap) moved the checkpoint: read it again and go on.
        if (e instanceof CheckpointMoved) continue;
        this.options.onError?.(e);
        this.releaseClient();
        await this.sleep(500);
      }
    }
    this.releaseClient();
  }

  private async acquire(): Promise<void> {
    const client = await this.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
      `consumer:${this.options.name}`,
    ]);
    if (!rows[0]!.locked) {
      client.release();
      return;
    }
    client.on('error', () => undefined);
    await client.query('INSERT INTO event_store.consumers(name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [this.options.name]);
    this.client = client;
    this.active = true;
  }

  private releaseClient(): void {
    const client = this.client;
    this.client = null;
    this.active = false;
    this.known = null;
    // Destroying the connection ends the session, which frees the advisory lock.
    client?.release(true);
  }

  /** One batch: read after the checkpoint, handle, move the checkpoint, in one transaction. */
  private async processBatch(): Promise<number> {
    const client = this.client;
    if (!client) throw new Error(`consumer ${this.options.name} does not hold its lock`);
    const checkpoint = this.known ?? (this.known = await this.readCheckpoint(client));
    const events = await this.store.readAllWith(client, { after: checkpoint, limit: this.options.batchSize ?? 500 });
    if (events.length === 0) return 0;
    const last = events[events.length - 1]!.logPosition;
    const name = this.options.name;
    const runner = this.options.transaction ?? (ownTransaction(client) as unknown as TransactionRunner<Tx>);
    await runner(async (tx, sql) => {
      // The row lock also fences a second instance that lost its advisory lock unnoticed.
      const rows = await sql('SELECT commit_order::text AS c, global_position::text AS p FROM event_store.consumers WHERE name = $1 FOR UPDATE', [name]);
      if (rows[0]?.c !== checkpoint.commit || Number(rows[0]?.p) !== checkpoint.position) {
        this.known = null;
        throw new CheckpointMoved(name);
      }
      await this.options.handle(events, tx);
      await sql('UPDATE event_store.consumers SET commit_order = $2, global_position = $3, updated_at = now() WHERE name = $1', [
        name,
        last.commit,
        last.position,
      ]);
    });
    this.known = last;
    this.options.afterCommit?.();
    return events.length;
  }

  private async hasEventsBehindHorizon(): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    const checkpoint = this.known ?? (await this.readCheckpoint(client));
    const { rows } = await client.query(
      'SELECT 1 FROM event_store.events WHERE (commit_order, global_position) > ($1::bigint, $2::bigint) LIMIT 1',
      [checkpoint.commit, checkpoint.position],
    );
    return rows.length > 0;
  }

  private async readCheckpoint(client: PoolClient): Promise<LogPosition> {
    const { rows } = await client.query<{ commit_order: string; global_position: string }>(
      'SELECT commit_order, global_position FROM event_store.consumers WHERE name = $1',
      [this.options.name],
    );
    return rows.length === 0 ? LOG_START : { commit: rows[0]!.commit_order, position: Number(rows[0]!.global_position) };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  async status(): Promise<ConsumerStatus> {
    return consumerStatus(this.pool, this.options.name, this.active);
  }
}

class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`consumer ${name}: checkpoint moved under us`);
  }
}

function ownTransaction(client: PoolClient): TransactionRunner<PoolClient> {
  return async (work) => {
    await client.query('BEGIN');
    try {
      await work(client, async (sql, params) => (await client.query(sql, params)).rows);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  };
}

export async function consumerStatus(pool: Pool, name: string, active: boolean): Promise<ConsumerStatus> {
  const { rows } = await pool.query<{ commit_order: string; global_position: string; updated_at: Date }>(
    'SELECT commit_order, global_position, updated_at FROM event_store.consumers WHERE name = $1',
    [name],
  );
  const checkpoint = rows.length === 0 ? LOG_START : { commit: rows[0]!.commit_order, position: Number(rows[0]!.global_position) };
  const lag = await pool.query<{ lag: string; commit_order: string | null; global_position: string | null }>(
    `WITH after AS (
       SELECT commit_order, global_position FROM event_store.events
        WHERE (commit_order, global_position) > ($1::bigint, $2::bigint)
        ORDER BY commit_order, global_position LIMIT 1000000)
     SELECT count(*) AS lag,
            (SELECT commit_order FROM after ORDER BY commit_order DESC, global_position DESC LIMIT 1) AS commit_order,
            (SELECT global_position FROM after ORDER BY commit_order DESC, global_position DESC LIMIT 1) AS global_position
       FROM after`,
    [checkpoint.commit, checkpoint.position],
  );
  const l = lag.rows[0]!;
  const head = l.commit_order === null ? checkpoint : { commit: l.commit_order, position: Number(l.global_position) };
  return { name, active, checkpoint, head, lagEvents: Number(l.lag), updatedAt: rows[0]?.updated_at ?? null };
}
