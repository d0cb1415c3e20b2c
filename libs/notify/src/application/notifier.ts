import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import type { Transporter } from 'nodemailer';
import { mayKnowRequest, type RequestAccessFacts } from '@ta/case';
import type { ConsumerStatus, DurableConsumer, PostgresEventStoreHandle, RecordedEvent } from '@ta/event-store';
import type { Actor } from '@ta/platform';
import { sqlMigrationSet, withTransaction, type MigrationSet } from '@ta/postgres';
import {
  DEFAULT_REMINDER_SETTINGS,
  DELIVERY_HEADER,
  evolveFacts,
  nextDigestAt,
  notificationsFor,
  offerReminderChanges,
  reminderChanges,
  renderDigest,
  renderEmail,
  requestIdOf,
  retryDelayMs,
  SIGNATURE_HEADER,
  signPayload,
  type Audience,
  type CaseFacts,
  type DeliveryFrequency,
  type DigestFrequency,
  type NotificationIntent,
  type NotificationItem,
  type NotificationKind,
  type OfferFacts,
  type ReminderChange,
  type ReminderSettings,
} from '../domain';
import { openSecret, type SecretBox } from './secret-box';
import { standardWebhookHeaders } from './standard-webhooks';
import { postWebhook } from './webhook-target';

/** The notifier's tables, schema `notify` (libs/notify/migrations/). */
export const notifyMigrations: MigrationSet = sqlMigrationSet('notify', join(__dirname, '..', '..', 'migrations'));

export const NOTIFIER_CONSUMER = 'notify';

export interface NotifierOptions {
  /** The web app's address, links in messages start with it (e.g. https://ta.example.org/app). */
  readonly webBaseUrl: string;
  /** E-mail: a nodemailer transport and the sender; without it no e-mail is queued. */
  readonly email?: { readonly transport: Transporter; readonly from: string } | null;
  readonly clock?: () => Date;
  /** How often the outbox is looked at for due deliveries (ms). */
  readonly pollIntervalMs?: number;
  /** Deliveries attempted per look, at most (sent concurrently). */
  readonly batchSize?: number;
  /** Retry policy: first wait, longest wait, and the age after which a delivery is dead-lettered (ms). */
  readonly retry?: { readonly baseMs?: number; readonly maxMs?: number; readonly deadAfterMs?: number };
  /** A webhook receiver has this long to answer (ms). */
  readonly webhookTimeoutMs?: number;
  /** Development only: webhooks to private and loopback addresses, and over plain http (NOTIFY_WEBHOOK_ALLOW_PRIVATE=on). */
  readonly allowPrivateWebhookTargets?: boolean;
  /** Opens sealed webhook secrets (NOTIFY_SECRETS_KEY). */
  readonly secrets?: SecretBox | null;
  /** The gap threshold and the offers' notice (days). */
  readonly reminders?: Partial<ReminderSettings>;
  readonly log?: (line: string) => void;
}

interface OutboxRow {
  readonly id: string;
  readonly channel: 'email' | 'webhook';
  readonly target: string;
  readonly kind: NotificationKind | 'digest';
  readonly payload: NotificationPayload | DigestPayload;
  readonly attempts: number;
  readonly created_at: Date;
}

/** What a delivery says (the webhook body's `data`): ids, the kind and a link; nothing of the case's texts. */
export interface NotificationPayload {
  readonly kind: NotificationKind;
  readonly eventId: string;
  readonly occurredAt: string;
  /** The request the item belongs to; null for an offer. */
  readonly requestId: string | null;
  readonly item: NotificationItem;
}

/** A digest's outbox row: the notifications held for it, in the order they came. */
export interface DigestPayload {
  readonly kind: 'digest';
  readonly frequency: DigestFrequency;
  readonly entries: readonly NotificationPayload[];
}

/** What one look at the outbox did. */
export interface DispatchRun {
  readonly sent: number;
  readonly retried: number;
  readonly dead: number;
}

/**
 * Tells people what needs them (docs/architecture.md, "Notifications"). Two parts, one consumer:
 * - fan-out: a durable event-store consumer folds the case's events into the facts it needs
 *   (`notify.items`) and writes one outbox row per notification and target (`notify.outbox`),
 *   in the transaction that moves its checkpoint: a crash loses none and a replayed batch
 *   writes the same ids again (ON CONFLICT DO NOTHING). Who is addressed is decided here, with
 *   the access policy's rule (`mayKnowRequest`): nobody is told of a restricted request they
 *   may not know.
 * - dispatch: every `pollIntervalMs`, due rows are locked (`SKIP LOCKED`), sent (e-mail by SMTP,
 *   webhooks signed), and marked sent, or retried later with exponential backoff and jitter,
 *   or dead-lettered after `deadAfterMs`, in that transaction. A crash after a send and before
 *   the commit sends that row again (at least once) with the same id: the webhook's delivery id,
 *   the e-mail's Message-ID, for receivers to de-duplicate.
 * Receivers are called from the dispatcher only, with a timeout: a slow or absent receiver
 * delays its own deliveries, never the event flow or the API.
 */
export class Notifier {
  private readonly consumer: DurableConsumer<PoolClient>;
  private readonly clock: () => Date;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private dispatching: Promise<unknown> = Promise.resolve();
  private lastError: { message: string; at: Date } | undefined;
  private queued = false;
  /** When (epoch ms) the consumer last read the log to its end; null until it has, in this process. */
  private caughtUpAt: number | null = null;

  constructor(
    private readonly pool: Pool,
    eventStore: PostgresEventStoreHandle,
    private readonly options: NotifierOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.consumer = eventStore.consumer<PoolClient>({
      name: NOTIFIER_CONSUMER,
      // Small batches: the batch's transaction writes (outbox, facts, reminders) from its first
      // event on, and the event store's read horizon waits for every writing transaction, so a
      // long batch here held back the projector (lag p50 423 ms at 200 batches, 25 ms at 20).
      batchSize: 20,
      handle: async (events, tx) => {
        if ((await this.fanOut(events, tx)) > 0) this.queued = true;
      },
      afterCommit: () => {
        if (this.queued) this.dispatchSoon();
        this.queued = false;
      },
      onCaughtUp: (readAt) => {
        this.caughtUpAt = readAt;
      },
      onError: (e) => this.log(`notifier: ${e instanceof Error ? e.message : String(e)}`),
    });
  }

  start(): void {
    this.consumer.start();
    if (this.timer) return;
    this.timer = setInterval(() => this.dispatchSoon(), this.options.pollIntervalMs ?? 5_000);
    this.timer.unref();
    this.dispatchSoon();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.dispatching;
    await this.consumer.stop();
  }

  async status(): Promise<ConsumerStatus> {
    const status = await this.consumer.status();
    const running = status.running && this.timer !== null;
    if (!this.lastError) return { ...status, running };
    const detail = `sending notifications failed at ${this.lastError.at.toISOString()}: ${this.lastError.message}`;
    return { ...status, running, detail, lastError: status.lastError ?? this.lastError };
  }

  private dispatchSoon(): void {
    if (!this.timer) return;
    this.dispatching = this.dispatching.then(() =>
      this.fireDueReminders()
        .then(() => this.composeDigests())
        .then(() => this.dispatchDue())
        .then(
          () => (this.lastError = undefined),
          (e: unknown) => {
            this.lastError = { message: e instanceof Error ? e.message : String(e), at: new Date() };
            this.log(`notifier: ${this.lastError.message} (will retry)`);
          },
        ),
    );
  }

  /** Writes the batch's notifications into the outbox; returns how many rows it wrote. */
  private async fanOut(events: readonly RecordedEvent[], tx: PoolClient): Promise<number> {
    let written = 0;
    // The batch's requests' facts read in one query and the changed ones written in one
    // statement at the end (same transaction), not a read per request and a write per event.
    const ids = [...new Set(events.map(requestIdOf).filter((id): id is string => id !== null))];
    // (A batch of offer events only has no request: its offers are followed all the same.)
    const facts = new Map<string, CaseFacts | null>(ids.map((id) => [id, null]));
    if (ids.length > 0) {
      for (const r of (await tx.query<{ id: string; facts: CaseFacts }>('SELECT id, facts FROM notify.items WHERE id = ANY($1::text[])', [ids])).rows) facts.set(r.id, r.facts);
    }
    const changed = new Set<string>();
    for (const event of events) {
      if (event.type.startsWith('Offer')) {
        await this.followOffer(event, tx);
        continue;
      }
      const requestId = requestIdOf(event);
      if (requestId === null) continue;
      const after = evolveFacts(facts.get(requestId) ?? null, event);
      if (after) {
        facts.set(requestId, JSON.parse(JSON.stringify(after)) as CaseFacts); // as it will read back from its jsonb column
        changed.add(requestId);
      }
      const now = facts.get(requestId) ?? null;
      for (const intent of notificationsFor(event, now)) {
        written += await this.address(intent, { id: event.id, occurredAt: event.recordedAt.toISOString() }, accessFacts(now!), tx);
      }
      for (const change of reminderChanges(event, now, this.reminderSettings)) await this.applyReminderChange(change, tx);
    }
    if (changed.size > 0) {
      const rows = [...changed];
      await tx.query(
        'INSERT INTO notify.items(id, facts) SELECT * FROM unnest($1::text[], $2::jsonb[]) ON CONFLICT (id) DO UPDATE SET facts = EXCLUDED.facts',
        [rows, rows.map((id) => JSON.stringify(facts.get(id)))],
      );
    }
    return written;
  }

  private get reminderSettings(): ReminderSettings {
    return { ...DEFAULT_REMINDER_SETTINGS, ...this.options.reminders };
  }

  /** An offer's event: its provider kept, its "about to expire" reminder (re)scheduled or cancelled. */
  private async followOffer(event: RecordedEvent, tx: PoolClient): Promise<void> {
    if (!OFFER_EVENTS_FOLLOWED.has(event.type)) return;
    const d = event.data as Record<string, unknown>;
    const offerId = String(d['offerId']);
    if (event.type === 'OfferRegistered') {
      await tx.query('INSERT INTO notify.offers(offer_id, provider_id) VALUES ($1, $2) ON CONFLICT (offer_id) DO UPDATE SET provider_id = EXCLUDED.provider_id', [offerId, String(d['providerId'])]);
    }
    let offer: OfferFacts | null = null;
    if (event.type === 'OfferExtended') {
      // only an extension needs the provider the registration named
      const { rows } = await tx.query<{ provider_id: string }>('SELECT provider_id FROM notify.offers WHERE offer_id = $1', [offerId]);
      offer = rows[0] ? { offerId, providerId: rows[0].provider_id } : null;
    }
    for (const change of offerReminderChanges(event, offer, this.clock(), this.reminderSettings)) await this.applyReminderChange(change, tx);
  }

  private async applyReminderChange(change: ReminderChange, tx: PoolClient): Promise<void> {
    if (change.kind === 'schedule') {
      const { key, dueAt, intent } = change.reminder;
      await tx.query(
        `INSERT INTO notify.reminders(key, kind, request_id, item, audiences, due_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO UPDATE SET due_at = EXCLUDED.due_at, audiences = EXCLUDED.audiences`,
        [key, intent.kind, intent.requestId, intent.item, JSON.stringify(intent.audiences), dueAt],
      );
      if (Date.parse(dueAt) <= this.clock().getTime()) this.queued = true;
    } else if (change.kind === 'cancel') await tx.query('DELETE FROM notify.reminders WHERE key = $1', [change.key]);
    else await tx.query('DELETE FROM notify.reminders WHERE starts_with(key, $1)', [change.prefix]);
  }

  /**
   * Writes the outbox rows of one notification: its targets, who may know the request (`access`;
   * null: an offer, which is never restricted). `source`: the event, or the reminder, it comes from.
   * A person who prefers a digest gets the row `held` for it.
   */
  private async address(intent: NotificationIntent, source: { id: string; occurredAt: string }, access: RequestAccessFacts | null, tx: PoolClient): Promise<number> {
    const payload: NotificationPayload = {
      kind: intent.kind,
      eventId: source.id,
      occurredAt: source.occurredAt,
      requestId: intent.requestId,
      item: intent.item,
    };
    const mayKnow = (actor: Actor) => access === null || mayKnowRequest(actor, access);
    const targets: Array<{ channel: 'email' | 'webhook'; target: string; held?: boolean }> = [];
    if (this.options.email) {
      // each person's choices, or the deployment's defaults where they made none
      const { rows } = await tx.query<{ subject: string; role: Actor['role']; country: string | null; organisation: string | null; digest: DeliveryFrequency }>(
        `SELECT r.subject, r.role, r.country, r.organisation, coalesce(r.digest, d.digest) AS digest
           FROM notify.recipients r CROSS JOIN notify.defaults d
          WHERE ((($1 AND r.role = 'secretariat') OR (r.role = 'state' AND r.country = ANY($2)) OR (r.role IN ('donor', 'authority') AND r.organisation = ANY($3)))
            AND NOT ($4 = ANY(coalesce(r.muted_kinds, d.muted_kinds))) AND 'email' = ANY(coalesce(r.channels, d.channels)))`,
        [...audienceParams(intent.audiences), intent.kind],
      );
      for (const r of rows) {
        const actor: Actor = { id: r.subject, role: r.role, ...(r.country ? { country: r.country } : {}), ...(r.organisation ? { organisation: r.organisation } : {}) };
        if (mayKnow(actor)) targets.push({ channel: 'email', target: r.subject, held: r.digest !== 'immediate' });
      }
    }
    const organisations = intent.audiences.flatMap((a) => ('organisation' in a ? [a.organisation] : []));
    if (organisations.length > 0) {
      const { rows } = await tx.query<{ id: string; organisation: string }>(
        'SELECT id, organisation FROM notify.webhook_subscriptions WHERE organisation = ANY($1) AND $2 = ANY(kinds)',
        [organisations, intent.kind],
      );
      for (const s of rows) {
        // an organisation's system knows what the organisation, as a provider, may know
        if (mayKnow({ id: `webhook:${s.id}`, role: 'donor', organisation: s.organisation })) targets.push({ channel: 'webhook', target: s.id });
      }
    }
    let written = 0;
    for (const t of targets) {
      const { rowCount } = await tx.query(
        `INSERT INTO notify.outbox(id, channel, target, kind, event_id, payload, next_attempt_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [outboxId(source.id, intent.kind, t.channel, t.target), t.channel, t.target, intent.kind, source.id, payload, this.clock(), t.held ? 'held' : 'pending'],
      );
      written += rowCount ?? 0;
    }
    return written;
  }

  /**
   * The time up to which the notifier knows the log: the clock's time when the consumer last read
   * the log to its end (as long ago on the clock as it was in fact), null before its first such
   * read in this process. A reminder due later waits: after a downtime, an offer withdrawn or a
   * milestone reported while the process was down cancels its reminder before the reminder can
   * fire, not after.
   */
  private knownUntil(): Date | null {
    if (this.caughtUpAt === null) return null;
    return new Date(this.clock().getTime() - Math.max(0, Date.now() - this.caughtUpAt));
  }

  /**
   * Turns the reminders due by the time the notifier knows the log up to (`knownUntil`) into
   * notifications in the outbox, and deletes them, in one transaction: each fires once, however many looks a downtime missed (its
   * source id is its key and due time: a reminder rescheduled later fires again, once).
   * Returns how many fired.
   */
  async fireDueReminders(): Promise<number> {
    const now = this.knownUntil();
    if (now === null) return 0;
    const fired = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ key: string; kind: NotificationKind; request_id: string | null; item: NotificationIntent['item']; audiences: Audience[]; due_at: Date }>(
        'SELECT key, kind, request_id, item, audiences, due_at FROM notify.reminders WHERE due_at <= $1 ORDER BY due_at, key LIMIT 200 FOR UPDATE SKIP LOCKED',
        [now],
      );
      for (const r of rows) {
        const intent: NotificationIntent = { kind: r.kind, item: r.item, requestId: r.request_id, audiences: r.audiences };
        const source = { id: `${r.key}@${r.due_at.toISOString()}`, occurredAt: r.due_at.toISOString() };
        if (r.request_id === null) await this.address(intent, source, null, tx); // an offer's
        else {
          const facts = (await tx.query<{ facts: CaseFacts }>('SELECT facts FROM notify.items WHERE id = $1', [r.request_id])).rows[0]?.facts;
          if (facts) await this.address(intent, source, accessFacts(facts), tx);
        }
        await tx.query('DELETE FROM notify.reminders WHERE key = $1', [r.key]);
      }
      return rows.length;
    });
    return fired;
  }

  /**
   * Gathers the e-mails held for digests into one digest per person whose digest is due, in one
   * transaction: the held rows become `digested` and the digest an outbox row (its id from the
   * person and the due time: written once), and the person's next digest moves past the clock,
   * so a downtime that spanned several periods gives one digest, not one per period. A person
   * who went back to single messages gets the held rows released. Returns how many digests.
   */
  async composeDigests(): Promise<number> {
    const now = this.clock();
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ subject: string; digest: DeliveryFrequency; next_digest_at: Date | null }>(
        `SELECT r.subject, coalesce(r.digest, d.digest) AS digest, r.next_digest_at
           FROM notify.recipients r CROSS JOIN notify.defaults d
          WHERE EXISTS (SELECT 1 FROM notify.outbox o WHERE o.status = 'held' AND o.channel = 'email' AND o.target = r.subject)
            AND (r.next_digest_at IS NULL OR r.next_digest_at <= $1 OR coalesce(r.digest, d.digest) = 'immediate')
          ORDER BY r.subject LIMIT 200 FOR UPDATE OF r SKIP LOCKED`,
        [now],
      );
      let composed = 0;
      for (const r of rows) {
        if (r.digest === 'immediate') {
          await tx.query("UPDATE notify.outbox SET status = 'pending', next_attempt_at = $2 WHERE status = 'held' AND channel = 'email' AND target = $1", [r.subject, now]);
          await tx.query('UPDATE notify.recipients SET next_digest_at = NULL WHERE subject = $1', [r.subject]);
          continue;
        }
        if (r.next_digest_at !== null) {
          const held = await tx.query<{ id: string; payload: NotificationPayload }>(
            "SELECT id, payload FROM notify.outbox WHERE status = 'held' AND channel = 'email' AND target = $1 ORDER BY created_at, id",
            [r.subject],
          );
          const source = `digest:${r.subject}@${r.next_digest_at.toISOString()}`;
          const id = outboxId(source, 'digest', 'email', r.subject);
          const payload: DigestPayload = { kind: 'digest', frequency: r.digest, entries: held.rows.map((h) => h.payload) };
          await tx.query(
            `INSERT INTO notify.outbox(id, channel, target, kind, event_id, payload, next_attempt_at) VALUES ($1, 'email', $2, 'digest', $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
            [id, r.subject, source, payload, now],
          );
          await tx.query("UPDATE notify.outbox SET status = 'digested', digest_id = $2 WHERE id = ANY($1)", [held.rows.map((h) => h.id), id]);
          composed++;
        }
        await tx.query('UPDATE notify.recipients SET next_digest_at = $2 WHERE subject = $1', [r.subject, nextDigestAt(r.digest, now)]);
      }
      return composed;
    });
  }

  /** Sends the deliveries due at the clock's time. Safe to call from several processes at once. */
  async dispatchDue(): Promise<DispatchRun> {
    const now = this.clock();
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `SELECT id, channel, target, kind, payload, attempts, created_at FROM notify.outbox
          WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.options.batchSize ?? 50],
      );
      // what each delivery needs is read first (one query at a time on the transaction), then all are sent at once
      const prepared: Array<() => Promise<void>> = [];
      for (const row of rows) prepared.push(await this.prepare(row, tx));
      const outcomes = await Promise.all(prepared.map((send) => send().then(() => null, (e: unknown) => (e instanceof Error ? e.message : String(e)))));
      const run = { sent: 0, retried: 0, dead: 0 };
      const retry = { baseMs: 1_000, maxMs: 3_600_000, deadAfterMs: 3 * 86_400_000, ...this.options.retry };
      for (const [i, row] of rows.entries()) {
        const error = outcomes[i];
        if (error === null || error === undefined) {
          await tx.query("UPDATE notify.outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1", [row.id, now]);
          run.sent++;
        } else if (now.getTime() - row.created_at.getTime() >= retry.deadAfterMs) {
          await tx.query("UPDATE notify.outbox SET status = 'dead', attempts = attempts + 1, last_error = $2 WHERE id = $1", [row.id, error]);
          run.dead++;
        } else {
          const next = new Date(now.getTime() + retryDelayMs(row.attempts + 1, retry.baseMs, retry.maxMs));
          await tx.query('UPDATE notify.outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1', [row.id, next, error]);
          run.retried++;
        }
      }
      return run;
    });
  }

  /** The sending of one delivery, its recipient or subscription read now. */
  private async prepare(row: OutboxRow, tx: PoolClient): Promise<() => Promise<void>> {
    if (row.channel === 'email') {
      const { rows } = await tx.query<{ email: string; language: string; unsubscribe_token: string }>(
        'SELECT email, language, unsubscribe_token FROM notify.recipients WHERE subject = $1',
        [row.target],
      );
      const recipient = rows[0];
      return recipient ? () => this.sendEmail(row, recipient) : async () => undefined; // removed from the registry since: nothing to send
    }
    const { rows } = await tx.query<{ url: string; secret: string }>('SELECT url, secret FROM notify.webhook_subscriptions WHERE id = $1', [row.target]);
    const subscription = rows[0];
    return subscription ? () => this.sendWebhook(row, subscription) : async () => undefined; // unsubscribed since
  }

  private async sendEmail(row: OutboxRow, recipient: { email: string; language: string; unsubscribe_token: string }): Promise<void> {
    const email = this.options.email;
    if (!email) throw new Error('no SMTP transport configured');
    const base = this.options.webBaseUrl.replace(/\/$/, '');
    const link = (item: NotificationItem) => `${base}/${item.type}s/${encodeURIComponent(item.id)}`;
    const unsubscribe = (kind: string) => `${base}/notifications/unsubscribe?token=${encodeURIComponent(recipient.unsubscribe_token)}&kind=${encodeURIComponent(kind)}`;
    const payload = row.payload;
    const message =
      payload.kind === 'digest'
        ? renderDigest(
            payload.frequency,
            recipient.language,
            payload.entries.map((e) => ({ kind: e.kind, item: link(e.item), unsubscribe: unsubscribe(e.kind) })),
            `${base}/notifications`,
          )
        : renderEmail(payload.kind, recipient.language, { item: link(payload.item), unsubscribe: unsubscribe(payload.kind) });
    await email.transport.sendMail({
      from: email.from,
      to: recipient.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: `<${row.id}@notify.ta>`,
      // List-Unsubscribe (RFC 2369): the same page as the message's link (a button there stops the kind)
      list: { unsubscribe: payload.kind === 'digest' ? `${base}/notifications` : unsubscribe(payload.kind) },
      headers: { 'Content-Language': message.language, 'X-TA-Notification-Kind': row.kind },
    });
  }

  private async sendWebhook(row: OutboxRow, subscription: { url: string; secret: string }): Promise<void> {
    const body = JSON.stringify({ deliveryId: row.id, type: row.kind, data: row.payload });
    const secret = openSecret(subscription.secret, this.options.secrets ?? null);
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    const status = await postWebhook(
      subscription.url,
      {
        'content-type': 'application/json',
        [DELIVERY_HEADER]: row.id,
        [SIGNATURE_HEADER]: signPayload(secret, body, timestamp),
        ...standardWebhookHeaders(secret, row.id, timestamp, body),
      },
      body,
      { allowPrivate: this.options.allowPrivateWebhookTargets ?? false },
      this.options.webhookTimeoutMs ?? 10_000,
    );
    if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
  }
}

function audienceParams(audiences: readonly Audience[]): [boolean, string[], string[]] {
  return [
    audiences.some((a) => 'role' in a),
    audiences.flatMap((a) => ('country' in a ? [a.country] : [])),
    audiences.flatMap((a) => ('organisation' in a ? [a.organisation] : [])),
  ];
}

/** A delivery's id: the same for the same event, kind and target, whenever the batch is written. */
export function outboxId(eventId: string, kind: string, channel: string, target: string): string {
  const h = createHash('sha256').update(`${eventId}\n${kind}\n${channel}\n${target}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** The offer events that change an offer's reminder (others, translations, are not read). */
const OFFER_EVENTS_FOLLOWED = new Set(['OfferRegistered', 'OfferExtended', 'OfferWithdrawn', 'OfferExpired']);

/** The access policy's facts of a request, from what the notifier keeps of it. */
function accessFacts(facts: CaseFacts): RequestAccessFacts {
  return {
    requestId: facts.requestId,
    country: facts.country,
    restricted: facts.restricted,
    engagements: Object.values(facts.engagements).map((e) => ({ providerId: e.providerId, status: e.status })),
  };
}
