import type { Pool, PoolClient } from 'pg';
import { isPlatformError, type PlatformError } from '@ta/core';
import type { ConsumerStatus, DurableConsumer, PostgresEventStoreHandle, RecordedEvent } from '@ta/event-store';
import { withTransaction } from '@ta/postgres';
import type { CommandContext, CommandExecutor } from '@ta/platform';
import { expireOfferCommand, expiryDueAt, expiryScheduleChange, isIsoDate } from '../domain';
import { specFor } from './case-commands';

export const OFFER_EXPIRY_CONSUMER = 'case-offer-expiry';

export interface OfferExpirySchedulerOptions {
  /** The time the scheduler compares due times with and stamps `ExpireOffer` with (tests move it). */
  readonly clock?: () => Date;
  /** How often due offers are looked for (ms). Due times are whole days: a minute is plenty. */
  readonly pollIntervalMs?: number;
  /** Offers expired per transaction, at most. */
  readonly batchSize?: number;
  readonly log?: (line: string) => void;
}

/** What one look for due offers did. */
export interface ExpiryRun {
  /** Offers expired now (an OfferExpired event appended for each). */
  readonly expired: readonly string[];
  /** Rows dropped without an event: the offer had ended already (expired, withdrawn), or another rule refused (logged). */
  readonly dropped: readonly string[];
  /** Rows moved to a later due time: the offer's stream knows of an extension the schedule has not seen yet. */
  readonly rescheduled: readonly string[];
}

const ACTOR = { id: 'process:offer-expiry', role: 'system' } as const;

/**
 * Expires offers once their availability window has passed (docs/architecture.md, "Offer expiry").
 * Two parts, one consumer for the process:
 * - the schedule, `case_process.offer_expiries`: a durable event-store consumer keeps one row per
 *   open offer with its due time (`expiryScheduleChange`), written in the same transaction as
 *   its checkpoint, so the schedule is exactly the events' and survives restarts;
 * - the poller: every `pollIntervalMs`, in one transaction, it locks the due rows (`SKIP LOCKED`:
 *   several processes share the work), sends `ExpireOffer` for each through the command executor
 *   (the offer stream's expected version) and deletes the row. The event and the deletion commit
 *   together: a crash before the commit leaves neither, so the next look fires once. Even a row
 *   that came back (a restored backup, a lagging schedule) cannot fire twice: the offer decider
 *   refuses a second expiry (`offer.expired`), and the row is then dropped.
 */
export class OfferExpiryScheduler {
  private readonly consumer: DurableConsumer<PoolClient>;
  private readonly clock: () => Date;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<unknown> = Promise.resolve();
  private lastError: { message: string; at: Date } | undefined;
  private dueInBatch = false;

  constructor(
    private readonly pool: Pool,
    private readonly eventStore: PostgresEventStoreHandle,
    private readonly executor: CommandExecutor,
    private readonly options: OfferExpirySchedulerOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.consumer = eventStore.consumer<PoolClient>({
      name: OFFER_EXPIRY_CONSUMER,
      batchSize: 500,
      handle: async (events, tx) => {
        const earliest = await applyToSchedule(events, tx);
        if (earliest !== null && Date.parse(earliest) <= this.clock().getTime()) this.dueInBatch = true;
      },
      // an offer registered (or extended) with its window already over is due now, not at the next tick
      afterCommit: () => {
        if (this.dueInBatch) this.pollSoon();
        this.dueInBatch = false;
      },
      onError: (e) => this.log(`offer expiry schedule: ${e instanceof Error ? e.message : String(e)}`),
    });
  }

  start(): void {
    this.consumer.start();
    if (this.timer) return;
    this.timer = setInterval(() => this.pollSoon(), this.options.pollIntervalMs ?? 60_000);
    this.timer.unref();
    this.pollSoon();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    await this.consumer.stop();
  }

  /**
   * The schedule consumer's status (lag, lock), running while the poller is too; a failing look
   * for due offers shows as its detail (readiness prints it) and, when the consumer has none, its
   * last error.
   */
  async status(): Promise<ConsumerStatus> {
    const status = await this.consumer.status();
    const running = status.running && this.timer !== null;
    if (!this.lastError) return { ...status, running };
    const detail = `looking for due offers failed at ${this.lastError.at.toISOString()}: ${this.lastError.message}`;
    return { ...status, running, detail, lastError: status.lastError ?? this.lastError };
  }

  private pollSoon(): void {
    if (!this.timer) return;
    this.polling = this.polling.then(() =>
      this.expireDue().then(
        () => (this.lastError = undefined),
        (e: unknown) => {
          this.lastError = { message: e instanceof Error ? e.message : String(e), at: new Date() };
          this.log(`offer expiry: ${this.lastError.message} (will retry)`);
        },
      ),
    );
  }

  /** Expires the offers due at the clock's time; returns what it did. Safe to call from several processes at once. */
  async expireDue(): Promise<ExpiryRun> {
    const now = this.clock();
    const run = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ offer_id: string }>(
        'SELECT offer_id FROM case_process.offer_expiries WHERE due_at <= $1 ORDER BY due_at, offer_id LIMIT $2 FOR UPDATE SKIP LOCKED',
        [now, this.options.batchSize ?? 100],
      );
      const result: { expired: string[]; dropped: string[]; rescheduled: string[] } = { expired: [], dropped: [], rescheduled: [] };
      for (const { offer_id: offerId } of rows) {
        const outcome = await this.expireOne(tx, offerId, now);
        result[outcome].push(offerId);
      }
      return result;
    });
    if (run.expired.length > 0) this.eventStore.store.notifyAppended();
    return run;
  }

  private async expireOne(tx: PoolClient, offerId: string, now: Date): Promise<keyof ExpiryRun> {
    const command = expireOfferCommand(offerId, now.toISOString());
    const ctx: CommandContext = { actor: ACTOR };
    await tx.query('SAVEPOINT expire_offer');
    try {
      await this.executor.executeWithin(tx, specFor(command, ACTOR), ctx);
      await tx.query('DELETE FROM case_process.offer_expiries WHERE offer_id = $1', [offerId]);
      return 'expired';
    } catch (e) {
      await tx.query('ROLLBACK TO SAVEPOINT expire_offer');
      // A lost race on the offer stream, a database error: the row stays, the next look retries.
      if (!isPlatformError(e) || e.kind === 'concurrency') throw e;
      return this.refused(tx, offerId, command, e);
    }
  }

  private async refused(tx: PoolClient, offerId: string, command: object, e: PlatformError): Promise<keyof ExpiryRun> {
    const to = e.extra['to'];
    if (e.code === 'offer.window_not_ended' && isIsoDate(to)) {
      await tx.query('UPDATE case_process.offer_expiries SET due_at = $2, updated_at = now() WHERE offer_id = $1', [offerId, expiryDueAt(to)]);
      return 'rescheduled';
    }
    if (e.code !== 'offer.expired' && e.code !== 'offer.withdrawn') this.log(`offer expiry: ${JSON.stringify(command)} refused (${e.code}: ${e.message}); dropped from the schedule`);
    await tx.query('DELETE FROM case_process.offer_expiries WHERE offer_id = $1', [offerId]);
    return 'dropped';
  }
}

/** The schedule follows the offers' events, inside the consumer's batch transaction. Returns the earliest due time it wrote, if any. */
async function applyToSchedule(events: readonly RecordedEvent[], tx: PoolClient): Promise<string | null> {
  let earliest: string | null = null;
  for (const event of events) {
    const change = expiryScheduleChange(event);
    if (!change) continue;
    if (change.kind === 'schedule') {
      await tx.query(
        `INSERT INTO case_process.offer_expiries(offer_id, due_at) VALUES ($1, $2)
         ON CONFLICT (offer_id) DO UPDATE SET due_at = EXCLUDED.due_at, updated_at = now()`,
        [change.offerId, change.dueAt],
      );
      if (earliest === null || change.dueAt < earliest) earliest = change.dueAt;
    } else {
      await tx.query('DELETE FROM case_process.offer_expiries WHERE offer_id = $1', [change.offerId]);
    }
  }
  return earliest;
}
