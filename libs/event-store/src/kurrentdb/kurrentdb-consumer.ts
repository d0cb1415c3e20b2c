import type { Pool, PoolClient } from 'pg';
import { LOG_START, type EventStore, type LogPosition } from '../event-store.port';
import type { ConsumerStatus, DurableConsumerOptions, TransactionRunner } from '../postgres/durable-consumer';

/** Something that calls back after appends (KurrentDbEventStore, or the PostgreSQL AppendNotifier). */
export interface AppendWaker {
  onAppended(callback: () => void): () => void;
}

/** Events counted by `status()`: one read of the log, not a scan to its end. */
export const KURRENTDB_LAG_COUNT_LIMIT = 10_000;
const WOKEN_RETRY_MS = 20;

/**
 * A named, durable all-stream consumer whose log is not in PostgreSQL (KurrentDB), with its
 * checkpoint in PostgreSQL (`event_store_kurrentdb.consumers`), the same options as the
 * PostgreSQL `DurableConsumer` and the same guarantees for the handler's PostgreSQL writes:
 * - each batch is read from the log after the checkpoint, then, in ONE PostgreSQL
 *   transaction, the checkpoint row is locked and checked, the handler writes, the
 *   checkpoint moves: nothing lost, nothing applied twice, even on SIGKILL;
 * - at most one active instance per name (session advisory lock on its own connection);
 * - woken after appends (`AppendWaker`), polling as fallback.
 * What it cannot give: the handler's appends to KurrentDB are not part of that transaction
 * (docs/event-store.md). It only uses the port's `readAll`, so it works on any adapter whose
 * `readAll` never skips an event.
 */
export class KurrentDbConsumer<Tx = PoolClient> {
  private running = false;
  private client: PoolClient | null = null;
  private wake: (() => void) | null = null;
  private woken = false;
  /** When an unserved wake-up arrived (0: none). */
  private wokenAt = 0;
  private unsubscribe: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private active = false;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly options: DurableConsumerOptions<Tx>,
    private readonly waker?: AppendWaker,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.waker?.onAppended(() => this.poke()) ?? null;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.loop;
  }

  private poke(): void {
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
        const readAt = Date.now();
        const n = await this.processBatch();
        const poll = this.options.pollIntervalMs ?? 1000;
        if (n > 0) {
          if (this.wokenAt <= readAt) this.wokenAt = 0; // that wake-up is served; a later one is not
        } else if (!this.woken) {
          // Woken, yet nothing to read: the new events are not readable here yet (a replica
          // behind its leader; on the PostgreSQL log, an older transaction holding the read
          // horizon). Look again shortly, for at most one poll interval after the wake-up.
          await this.sleep(this.wokenAt > 0 && Date.now() - this.wokenAt < poll ? WOKEN_RETRY_MS : poll);
        }
      } catch (e) {
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
      `kurrentdb-consumer:${this.options.name}`,
    ]);
    if (!rows[0]!.locked) {
      client.release();
      return;
    }
    client.on('error', () => undefined);
    await client.query('INSERT INTO event_store_kurrentdb.consumers(name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [this.options.name]);
    this.client = client;
    this.active = true;
  }

  private releaseClient(): void {
    const client = this.client;
    this.client = null;
    this.active = false;
    // Destroying the connection ends the session, which frees the advisory lock.
    client?.release(true);
  }

  /** Read after the checkpoint (from the log), then handle and move the checkpoint in one PostgreSQL transaction. */
  private async processBatch(): Promise<number> {
    const client = this.client;
    if (!client) throw new Error(`consumer ${this.options.name} does not hold its lock`);
    const checkpoint = await readCheckpoint(client, this.options.name);
    const events = await this.store.readAll({ after: checkpoint, limit: this.options.batchSize ?? 500 });
    if (events.length === 0) return 0;
    const last = events[events.length - 1]!.logPosition;
    const name = this.options.name;
    const runner = this.options.transaction ?? (ownTransaction(client) as unknown as TransactionRunner<Tx>);
    await runner(async (tx, sql) => {
      // The row lock also fences a second instance that lost its advisory lock unnoticed.
      const rows = await sql(
        'SELECT commit_position::text AS c, prepare_position::text AS p FROM event_store_kurrentdb.consumers WHERE name = $1 FOR UPDATE',
        [name],
      );
      if (rows[0]?.c !== checkpoint.commit || Number(rows[0]?.p) !== checkpoint.position) {
        throw new Error(`consumer ${name}: checkpoint moved under us`);
      }
      await this.options.handle(events, tx);
      await sql('UPDATE event_store_kurrentdb.consumers SET commit_position = $2, prepare_position = $3, updated_at = now() WHERE name = $1', [
        name,
        last.commit,
        last.position,
      ]);
    });
    this.options.afterCommit?.();
    return events.length;
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

  /** Checkpoint from PostgreSQL; head and lag from one read of the log (up to KURRENTDB_LAG_COUNT_LIMIT events). */
  async status(): Promise<ConsumerStatus> {
    const { rows } = await this.pool.query<{ c: string; p: string; updated_at: Date | null }>(
      'SELECT commit_position::text AS c, prepare_position::text AS p, updated_at FROM event_store_kurrentdb.consumers WHERE name = $1',
      [this.options.name],
    );
    const checkpoint = rows.length === 0 ? LOG_START : { commit: rows[0]!.c, position: Number(rows[0]!.p) };
    const behind = await this.store.readAll({ after: checkpoint, limit: KURRENTDB_LAG_COUNT_LIMIT });
    return {
      name: this.options.name,
      active: this.active,
      checkpoint,
      head: behind.at(-1)?.logPosition ?? checkpoint,
      lagEvents: behind.length,
      updatedAt: rows[0]?.updated_at ?? null,
    };
  }
}

async function readCheckpoint(client: PoolClient, name: string): Promise<LogPosition> {
  const { rows } = await client.query<{ c: string; p: string }>(
    'SELECT commit_position::text AS c, prepare_position::text AS p FROM event_store_kurrentdb.consumers WHERE name = $1',
    [name],
  );
  return rows.length === 0 ? LOG_START : { commit: rows[0]!.c, position: Number(rows[0]!.p) };
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
