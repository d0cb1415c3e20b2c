import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@ta/postgres';
import { compareLogPositions, laterAnnounced, LOG_START, type LogPosition, type RecordedEvent } from '../event-store.port';
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
  /**
   * After a read that did not fill a batch, the next read waits for a wake-up (or a retry), and
   * comes no sooner than this after the last one (default 10 ms): a consumer caught up with a
   * busy log reads about every 10 ms, not at every append. 0: at every wake-up.
   */
  readonly minReadGapMs?: number;
  /** Fallback when a notification is lost. */
  readonly pollIntervalMs?: number;
  /** How often a standby instance tries to take over the consumer's lock. */
  readonly standbyRetryMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Called after each committed batch (e.g. to wake other consumers when the handler appended). */
  readonly afterCommit?: () => void;
  /**
   * Called after a read that did not fill a batch, once its batch (if any) is committed: every
   * event readable at `readAt` (epoch ms, taken before the read) is handled. What acts on time
   * (a reminder falling due) can wait for this, so as not to act on an event whose undoing is
   * already in the log but not yet read (the notifier's reminders after a downtime).
   */
  readonly onCaughtUp?: (readAt: number) => void;
}

export interface ConsumerStatus {
  readonly name: string;
  /** Started and not stopped in this process: its loop runs (active, or on standby). */
  readonly running: boolean;
  /** Holds the consumer's lock in this process (false: on standby, or not running). */
  readonly active: boolean;
  readonly checkpoint: LogPosition;
  readonly head: LogPosition;
  /** Events committed after the checkpoint, counted up to a limit (1,000,000 on PostgreSQL, `KURRENTDB_LAG_COUNT_LIMIT` on KurrentDB). */
  readonly lagEvents: number;
  readonly updatedAt: Date | null;
  /** The last failure of a batch in this process and when it happened, if any since the last successful batch. */
  readonly lastError?: { readonly message: string; readonly at: Date };
  /** Why a running consumer does not read yet (the relay waiting for Kafka, say). */
  readonly detail?: string;
}

/**
 * Something that calls back after appends (the PostgreSQL AppendNotifier, the KurrentDB store),
 * with the last appended event's position when it knows it (null: read to find out).
 */
export interface AppendWaker {
  onAppended(callback: (upTo?: LogPosition | null) => void): () => void;
}

/**
 * Where a durable consumer reads the log, and the PostgreSQL table and lock that go with it:
 * the log in PostgreSQL (`postgresConsumerLog`), or elsewhere with the checkpoint still in
 * PostgreSQL (`kurrentDbConsumerLog`). The consumer itself is one class for both.
 */
export interface ConsumerLog {
  /** Prefix of the consumer's session advisory-lock key (the name follows). */
  readonly lockPrefix: string;
  /** The checkpoint table (`name`, the two position columns, `updated_at`). */
  readonly checkpoints: { readonly table: string; readonly commit: string; readonly position: string };
  /** Events after `after`, in log order; `client` is the consumer's own connection. */
  read(client: PoolClient, after: LogPosition, limit: number): Promise<RecordedEvent[]>;
  /**
   * Nothing came although no new wake-up did either: are events known to be on their way (look
   * again in 20 ms) rather than none (wait a poll interval)? `wokenAgoMs`: since the last
   * wake-up not yet served by a batch, or null.
   */
  expectsMore(client: PoolClient, after: LogPosition, wokenAgoMs: number | null, pollIntervalMs: number): Promise<boolean>;
  /** The head of the log and the number of events after `checkpoint`. */
  lag(pool: Pool, checkpoint: LogPosition): Promise<{ head: LogPosition; lagEvents: number }>;
}

/** The PostgreSQL event store as a consumer's log: read on the consumer's connection, below the read horizon. */
export function postgresConsumerLog(store: PostgresEventStore): ConsumerLog {
  // What the last read found after its last event (or after where it started, if it found
  // none): whether committed events are waiting behind the read horizon. Asked right after that
  // read, `expectsMore` answers from it instead of asking the database again.
  let lastRead: { after: LogPosition; behind: boolean } | null = null;
  return {
    lockPrefix: 'consumer:',
    checkpoints: { table: 'event_store.consumers', commit: 'commit_order', position: 'global_position' },
    async read(client, after, limit) {
      const { events, behind } = await store.readAllBehind(client, { after, limit });
      lastRead = events.length < limit ? { after: events.at(-1)?.logPosition ?? after, behind } : null;
      return events;
    },
    // Committed events still behind the read horizon (an older transaction, anywhere on the
    // server, is running) will not send another notification: look again shortly.
    // The ORDER BY keeps the planner on the primary key's index: without it, the generic plan of
    // `LIMIT 1` scans the table from its start for a row that is at its end (1.5 ms a probe on a
    // log of some 10,000 events, growing with the log; docs/benchmarks.md, bench:http).
    async expectsMore(client, after) {
      const known = lastRead;
      lastRead = null;
      if (known && known.after.commit === after.commit && known.after.position === after.position) return known.behind;
      const { rows } = await client.query({
        name: 'event_store_consumer_expects_more',
        text: `SELECT 1 FROM event_store.events WHERE (commit_order, global_position) > ($1::bigint, $2::bigint)
                ORDER BY commit_order, global_position LIMIT 1`,
        values: [after.commit, after.position],
      });
      return rows.length > 0;
    },
    async lag(pool, checkpoint) {
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
      return { head: l.commit_order === null ? checkpoint : { commit: l.commit_order, position: Number(l.global_position) }, lagEvents: Number(l.lag) };
    },
  };
}

/** The first retry when events are on their way; doubled at each empty look, up to the poll interval. */
const SOON_RETRY_MS = 20;

/** The shortest time between two reads of a consumer that is caught up (see `minReadGapMs`). */
const MIN_READ_GAP_MS = 10;

const DEFAULT_BATCH_SIZE = 500;

/**
 * A named, durable all-stream consumer, its checkpoint in PostgreSQL.
 * - Checkpoint and the handler's writes commit in one transaction: nothing lost, nothing
 *   applied twice, even on SIGKILL (the checkpoint row is locked and checked in it, which also
 *   fences an instance that lost its advisory lock unnoticed).
 * - At most one active instance per name, across processes: a session advisory lock held
 *   on the consumer's own connection (released by the server if the process dies); other
 *   instances wait on standby.
 * - Woken after appends (`AppendWaker`: LISTEN/NOTIFY for PostgreSQL), polling as fallback.
 * The log it reads is a `ConsumerLog`: the PostgreSQL event store, or KurrentDB.
 */
export class DurableConsumer<Tx = PoolClient> {
  private running = false;
  /** The next "events are on their way" retry (see SOON_RETRY_MS). */
  private retryMs = SOON_RETRY_MS;
  private client: PoolClient | null = null;
  private wake: (() => void) | null = null;
  /** Ends the current `pause` (a stop). */
  private unpause: (() => void) | null = null;
  private woken = false;
  /**
   * How far the wake-ups since the last read said the log is committed: the latest position
   * announced, or null when one came without a position (see AppendNotifier).
   */
  private wokenUpTo: LogPosition | null = LOG_START;
  /** When a wake-up not yet served by a batch arrived (0: none). */
  private wokenAt = 0;
  private unsubscribe: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private active = false;
  /** The checkpoint this instance last read or wrote; re-read when another writer moved it (a rebuild). */
  private known: LogPosition | null = null;
  private lastError: { message: string; at: Date } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly log: ConsumerLog,
    private readonly waker: AppendWaker | undefined,
    private readonly options: DurableConsumerOptions<Tx>,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  /** Started and not stopped: the loop runs (holding the lock, or on standby). */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.waker?.onAppended((upTo) => this.wakeUp(upTo ?? null)) ?? null;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke(null);
    this.unpause?.();
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.loop;
  }

  /** An append was committed (up to `upTo`, if known): read, unless this consumer has read past it already. */
  private wakeUp(upTo: LogPosition | null): void {
    if (upTo !== null && this.known !== null && compareLogPositions(upTo, this.known) <= 0) return;
    this.poke(upTo);
  }

  /** Read again (`upTo`: as far as this wake-up knows the log committed; null: unknown, or a stop). */
  private poke(upTo: LogPosition | null): void {
    this.wokenUpTo = laterAnnounced(this.wokenUpTo, upTo);
    this.woken = true;
    this.wokenAt = Date.now();
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
        this.wokenUpTo = LOG_START;
        const readAt = Date.now();
        const n = await this.processBatch();
        this.lastError = undefined;
        // The wake-ups that came during this batch announced events it has read: served.
        if (this.woken && this.wokenUpTo !== null && this.known !== null && compareLogPositions(this.wokenUpTo, this.known) <= 0) this.woken = false;
        if (n > 0) {
          if (this.wokenAt <= readAt) this.wokenAt = 0; // that wake-up is served; a later one is not
          this.retryMs = SOON_RETRY_MS;
        }
        if (n >= (this.options.batchSize ?? DEFAULT_BATCH_SIZE)) continue; // a full batch: more is waiting
        this.options.onCaughtUp?.(readAt);
        // Caught up with what could be read. Woken meanwhile: read again, but not sooner than
        // the gap after this read: under load, one larger batch instead of many small or empty
        // ones (each a read, a transaction and a checkpoint write).
        if (!this.woken) {
          // No new wake-up: events may still be on their way (behind the read horizon, on a
          // replica behind its leader): look again shortly if so, instead of waiting a whole
          // poll interval; less and less often while they stay away (a long transaction
          // elsewhere can hold the horizon for seconds).
          const poll = this.options.pollIntervalMs ?? 1000;
          const soon = await this.log.expectsMore(this.client!, this.known!, this.wokenAt > 0 ? Date.now() - this.wokenAt : null, poll);
          if (soon) {
            await this.sleep(Math.min(this.retryMs, poll), true);
            this.retryMs = Math.min(this.retryMs * 2, poll);
          } else {
            await this.sleep(poll, true);
          }
        }
        await this.pause(readAt + (this.options.minReadGapMs ?? MIN_READ_GAP_MS) - Date.now());
      } catch (e) {
        this.known = null;
        // Another writer (a rebuild's swap) moved the checkpoint: read it again and go on.
        if (e instanceof CheckpointMoved) continue;
        this.lastError = { message: e instanceof Error ? e.message : String(e), at: new Date() };
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
      `${this.log.lockPrefix}${this.options.name}`,
    ]);
    if (!rows[0]!.locked) {
      client.release();
      return;
    }
    client.on('error', () => undefined);
    await client.query(`INSERT INTO ${this.log.checkpoints.table}(name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [this.options.name]);
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
    const events = await this.log.read(client, checkpoint, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    if (events.length === 0) return 0;
    const last = events[events.length - 1]!.logPosition;
    const name = this.options.name;
    const { table, commit, position } = this.log.checkpoints;
    const runner = this.options.transaction ?? (ownTransaction(client) as unknown as TransactionRunner<Tx>);
    await runner(async (tx, sql) => {
      const rows = await sql(`SELECT ${commit}::text AS c, ${position}::text AS p FROM ${table} WHERE name = $1 FOR UPDATE`, [name]);
      if (rows[0]?.c !== checkpoint.commit || Number(rows[0]?.p) !== checkpoint.position) {
        this.known = null;
        throw new CheckpointMoved(name);
      }
      await this.options.handle(events, tx);
      await sql(`UPDATE ${table} SET ${commit} = $2, ${position} = $3, updated_at = now() WHERE name = $1`, [name, last.commit, last.position]);
    });
    this.known = last;
    this.options.afterCommit?.();
    return events.length;
  }

  private async readCheckpoint(client: PoolClient): Promise<LogPosition> {
    return (await checkpointOf(client, this.log, this.options.name)).position;
  }

  /**
   * Waits `ms`, or until poked. Not at all once stopped, nor, with `unlessWoken`, when a poke
   * came since the batch began: a wake-up (or a stop) that arrived while the loop was between
   * its empty read and this sleep, with no sleep yet to cut short, is not lost.
   */
  private sleep(ms: number, unlessWoken = false): Promise<void> {
    if (!this.running || (unlessWoken && this.woken)) return Promise.resolve();
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

  /** Waits `ms` (nothing if not positive), cut short by a stop but not by a wake-up. */
  private pause(ms: number): Promise<void> {
    if (!this.running || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.unpause = null;
        resolve();
      }
      this.unpause = done;
    });
  }

  async status(): Promise<ConsumerStatus> {
    const status = await statusOf(this.pool, this.log, this.options.name, this.running, this.active);
    return this.lastError ? { ...status, lastError: this.lastError } : status;
  }
}

class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`consumer ${name}: checkpoint moved under us`);
  }
}

function ownTransaction(client: PoolClient): TransactionRunner<PoolClient> {
  return (work) => inTransaction(client, (tx) => work(tx, async (sql, params) => (await tx.query(sql, params)).rows));
}

async function checkpointOf(db: Pool | PoolClient, log: ConsumerLog, name: string): Promise<{ position: LogPosition; updatedAt: Date | null }> {
  const { table, commit, position } = log.checkpoints;
  const { rows } = await db.query<{ c: string; p: string; updated_at: Date }>(
    `SELECT ${commit}::text AS c, ${position}::text AS p, updated_at FROM ${table} WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? { position: { commit: row.c, position: Number(row.p) }, updatedAt: row.updated_at } : { position: LOG_START, updatedAt: null };
}

async function statusOf(pool: Pool, log: ConsumerLog, name: string, running: boolean, active: boolean): Promise<ConsumerStatus> {
  const { position: checkpoint, updatedAt } = await checkpointOf(pool, log, name);
  const { head, lagEvents } = await log.lag(pool, checkpoint);
  return { name, running, active, checkpoint, head, lagEvents, updatedAt };
}
