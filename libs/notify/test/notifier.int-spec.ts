import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { openPostgresEventStore, type PostgresEventStoreHandle } from '@ta/event-store';
import { runMigrations } from '@ta/postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { randomBytes } from 'node:crypto';
import { deadDeliveries, Notifier, notifyMigrations, replayDead, SecretBox, setNotificationDefaults, subscribeWebhook, upsertRecipient, type NotifierOptions } from '../src';
import { MailSink, WebhookReceiver } from './support/receivers';

// The notifier on a real PostgreSQL event store, sending to a real SMTP server (smtp-server,
// messages parsed with mailparser) and a real HTTP receiver that verifies every signature.

let db: TestDatabase;
let es: PostgresEventStoreHandle;
let mail: MailSink;
const SECRET = 'whsec-test-norad';
let norad: WebhookReceiver;
const running: Notifier[] = [];
const transports: Array<{ close(): void }> = [];

beforeEach(async () => {
  db = await createTestDatabase({ poolSize: 20 });
  es = await openPostgresEventStore(db.pool);
  await runMigrations(db.pool, notifyMigrations);
  mail = await new MailSink().start();
  norad = await new WebhookReceiver(SECRET).start();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((n) => n.stop()));
  for (const t of transports.splice(0)) t.close();
  await es.close();
  await db.drop();
  await mail.stop();
  await norad.stop();
});

function notifier(options: Partial<NotifierOptions> = {}): Notifier {
  const transport = createTransport({ host: '127.0.0.1', port: mail.port, secure: false, ignoreTLS: true });
  transports.push(transport);
  const n = new Notifier(db.pool, es, {
    webBaseUrl: 'https://ta.example.org/app',
    email: { transport, from: 'noreply@ta.example.org' },
    pollIntervalMs: 50,
    retry: { baseMs: 20, maxMs: 100 },
    allowPrivateWebhookTargets: true, // the receivers listen on 127.0.0.1
    ...options,
  });
  running.push(n);
  n.start();
  return n;
}

const at = '2026-03-01T00:00:00Z';
const meta = { actorId: 'test', actorRole: 'system', correlationId: randomUUID(), causationId: null, occurredAt: at };

async function append(streamId: string, type: string, data: Record<string, unknown>, schemaVersion = 1): Promise<void> {
  await es.store.append(streamId, [{ id: randomUUID(), type, schemaVersion, data: { at, ...data }, metadata: meta }], { kind: 'any' });
}

async function submit(requestId: string, restricted: boolean): Promise<void> {
  await append(`request-${requestId}`, 'RequestSubmitted', { requestId, country: 'KE', restricted, title: { en: 'Secret title' }, contactPerson: { name: 'Wanjiru', email: 'w@eacc.go.ke' } }, 2);
}

async function propose(requestId: string, engagementId: string, providerId = 'org-norad'): Promise<void> {
  await append(`engagement-${engagementId}`, 'EngagementProposed', { requestId, engagementId, offerId: 'o1', providerId, country: 'KE', amount: 10, unit: { kind: 'expert_days' }, score: 1, reasons: [] });
}

const engagementEvent = (type: string, requestId: string, engagementId: string, extra: Record<string, unknown> = {}) =>
  append(`engagement-${engagementId}`, type, { requestId, engagementId, offerId: 'o1', ...extra });

async function outbox(): Promise<Array<{ status: string }>> {
  return (await db.pool.query<{ status: string }>('SELECT status FROM notify.outbox')).rows;
}

async function allSent(n: Notifier, count: number): Promise<void> {
  await waitFor(async () => (await n.status()).lagEvents === 0);
  await waitFor(async () => {
    const rows = await outbox();
    return rows.length === count && rows.every((r) => r.status === 'sent');
  });
}

async function registry(): Promise<void> {
  await upsertRecipient(db.pool, { subject: 'sec-1', role: 'secretariat', email: 'triage@unodc.org', language: 'en' });
  await upsertRecipient(db.pool, { subject: 'sec-2', role: 'secretariat', email: 'quiet@unodc.org', language: 'fr', mutedKinds: ['request.submitted'] });
  await upsertRecipient(db.pool, { subject: 'ke-1', role: 'state', country: 'KE', email: 'focal@eacc.go.ke', language: 'ar' });
  await upsertRecipient(db.pool, { subject: 'tz-1', role: 'state', country: 'TZ', email: 'focal@pccb.go.tz', language: 'en' });
  await upsertRecipient(db.pool, { subject: 'norad-1', role: 'donor', organisation: 'org-norad', email: 'ta@norad.no', language: 'fr' });
  await upsertRecipient(db.pool, { subject: 'giz-1', role: 'donor', organisation: 'org-giz', email: 'ta@giz.de', language: 'es' });
}

describe('notifier', () => {
  it('e-mails each person what needs them, in their language, with a link, nothing of a restricted case to whom may not see it', async () => {
    await registry();
    await subscribeWebhook(db.pool, { organisation: 'org-norad', kinds: ['engagement.proposed', 'engagement.cancelled'], url: norad.url, secret: SECRET });
    const n = notifier();
    await submit('r-open', false);
    await submit('r-closed', true);
    await propose('r-open', 'e-open');
    await propose('r-closed', 'e-closed');
    await engagementEvent('MilestoneReported', 'r-open', 'e-open', { milestoneId: 'm1' });
    // a cancelled engagement on a restricted request: the provider may no longer know the request
    await engagementEvent('EngagementCancelled', 'r-closed', 'e-closed', { reason: 'Shortfall', previousStatus: 'proposed' });
    await engagementEvent('EngagementCancelled', 'r-open', 'e-open', { reason: 'Shortfall', previousStatus: 'proposed' });
    // e-mails: sec-1 2 submitted; ke-1 2 proposed + 1 reported; norad-1 2 proposed + 1 cancelled (r-open);
    // webhooks to norad: 2 proposed + 1 cancelled (r-open)
    await allSent(n, 2 + 3 + 3 + 3);

    expect(mail.to('triage@unodc.org').map((m) => m.subject)).toEqual([
      'A new request for technical assistance awaits triage',
      'A new request for technical assistance awaits triage',
    ]);
    expect(mail.to('quiet@unodc.org')).toEqual([]); // muted that kind
    expect(mail.to('focal@pccb.go.tz')).toEqual([]); // another State's
    expect(mail.to('ta@giz.de')).toEqual([]); // not a party

    const ke = mail.to('focal@eacc.go.ke');
    expect(ke.map((m) => m.subject).sort()).toEqual(['أُبلغ عن إنجاز مرحلة وهي تنتظر تأكيدكم', 'اقتُرح ارتباط', 'اقتُرح ارتباط']);
    expect(ke.every((m) => typeof m.html === 'string' && m.html.includes('dir="rtl"') && m.headers.get('content-language') === 'ar')).toBe(true);
    expect(ke.some((m) => m.text?.includes('https://ta.example.org/app/engagements/e-open'))).toBe(true);

    const noradMail = mail.to('ta@norad.no');
    expect(noradMail.map((m) => m.subject).sort()).toEqual(['Un engagement a été annulé', 'Un engagement a été proposé', 'Un engagement a été proposé']);
    const cancelled = noradMail.find((m) => m.subject === 'Un engagement a été annulé')!;
    expect(cancelled.text).toContain('/engagements/e-open');
    expect(cancelled.text).toMatch(/notifications\/unsubscribe\?token=[^&]+&kind=engagement\.cancelled/);
    expect((cancelled.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url).toMatch(/\/notifications\/unsubscribe\?token=[^&]+&kind=engagement\.cancelled$/);
    // nothing of the case's texts or personal data in any message
    for (const m of mail.messages) expect(`${m.text}${m.html}`).not.toMatch(/Secret title|Wanjiru|eacc\.go\.ke\/|Shortfall/);

    expect(norad.rejected).toBe(0);
    expect(norad.received.map((d) => `${d.body.type} ${String(d.body.data['item'] && (d.body.data['item'] as { id: string }).id)}`).sort()).toEqual([
      'engagement.cancelled e-open',
      'engagement.proposed e-closed',
      'engagement.proposed e-open',
    ]);
    expect(norad.received.every((d) => d.deliveryId === d.body.deliveryId)).toBe(true);
  });

  it('retries a failing receiver with backoff, dead-letters after the configured time, and replays with the same delivery id', async () => {
    const subscription = await subscribeWebhook(db.pool, { organisation: 'org-norad', kinds: ['engagement.proposed'], url: norad.url, secret: SECRET });
    let calls = 0;
    norad.status = () => (++calls <= 2 ? 500 : 204);
    const n = notifier();
    await submit('r1', false);
    await propose('r1', 'e1');
    await allSent(n, 1);
    expect(calls).toBe(3);
    const attempts = (await db.pool.query<{ attempts: number }>('SELECT attempts FROM notify.outbox')).rows[0]!.attempts;
    expect(attempts).toBe(3);
    expect(norad.received).toHaveLength(1);

    // a receiver that stays down: dead after deadAfterMs, visible, then replayed
    await n.stop();
    running.splice(0);
    norad.status = () => 503;
    const down = notifier({ retry: { baseMs: 10, maxMs: 20, deadAfterMs: 200 } });
    await propose('r1', 'e2');
    await waitFor(async () => (await deadDeliveries(db.pool, subscription)).length === 1);
    const [dead] = await deadDeliveries(db.pool, subscription);
    expect(dead!.lastError).toBe('HTTP 503');
    expect(dead!.attempts).toBeGreaterThan(1);
    norad.status = () => 204;
    expect(await replayDead(db.pool, subscription)).toBe(1);
    await allSent(down, 2);
    expect(norad.received.map((d) => d.deliveryId)).toEqual([norad.received[0]!.deliveryId, dead!.id]);
  });

  it('a slow receiver delays only its own deliveries: the fan-out keeps up', async () => {
    await subscribeWebhook(db.pool, { organisation: 'org-norad', kinds: ['engagement.proposed'], url: norad.url, secret: SECRET });
    norad.delayMs = 3_000;
    const n = notifier({ webhookTimeoutMs: 200 });
    await submit('r1', false);
    for (let i = 0; i < 5; i++) await propose('r1', `e${i}`);
    const started = Date.now();
    await waitFor(async () => (await n.status()).lagEvents === 0);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await outbox()).length).toBe(5);
  });

  it('reminds of an overdue milestone once, after a restart that spanned its due time; not of one reported in time', async () => {
    await upsertRecipient(db.pool, { subject: 'norad-1', role: 'donor', organisation: 'org-norad', email: 'ta@norad.no', language: 'en' });
    await upsertRecipient(db.pool, { subject: 'ke-1', role: 'state', country: 'KE', email: 'focal@eacc.go.ke', language: 'en' });
    const before = notifier({ clock: () => new Date('2026-03-30T12:00:00Z') });
    await submit('r1', true);
    await propose('r1', 'e1');
    await engagementEvent('MilestonePlanned', 'r1', 'e1', { milestoneId: 'm-late', title: { en: 'Report' }, dueDate: '2026-03-31' });
    await engagementEvent('MilestonePlanned', 'r1', 'e1', { milestoneId: 'm-done', title: { en: 'Workshop' }, dueDate: '2026-03-31' });
    await engagementEvent('MilestoneReported', 'r1', 'e1', { milestoneId: 'm-done' });
    await append('request-r1', 'RequestDelivered', { requestId: 'r1', engagementId: 'e1', at: '2026-04-10T00:00:00Z' });
    await allSent(before, 3); // the proposal, to norad-1 and ke-1; the milestone reported, to ke-1
    expect(await before.fireDueReminders()).toBe(0);
    await before.stop();
    running.splice(0);
    const reminders = async () => (await db.pool.query<{ key: string }>('SELECT key FROM notify.reminders ORDER BY key')).rows.map((r) => r.key);
    expect(await reminders()).toEqual(['milestone.overdue:e1:m-late', 'request.follow_up_due:r1']);

    // down for days; a new process after the due time: one reminder, however many looks were missed
    const after = notifier({ clock: () => new Date('2026-04-05T08:00:00Z') });
    await allSent(after, 4);
    expect(await after.fireDueReminders()).toBe(0);
    expect(mail.to('ta@norad.no').map((m) => m.subject).sort()).toEqual(['A milestone is overdue: it was not reported done by its due date', 'An engagement was proposed']);
    expect(await reminders()).toEqual(['request.follow_up_due:r1']);

    // the follow-up, a year after delivery, to the State
    await after.stop();
    running.splice(0);
    const year = notifier({ clock: () => new Date('2027-04-10T00:00:01Z') });
    await allSent(year, 5);
    expect(mail.to('focal@eacc.go.ke').map((m) => m.subject).sort()).toEqual([
      'A milestone was reported done and awaits your confirmation',
      'An engagement was proposed',
      'The follow-up of a delivered request is due (12 months after delivery)',
    ]);
    expect(await reminders()).toEqual([]);
  });
});

describe('notifier: what came with preferences, digests, offers and guarded webhooks', () => {
  it('refuses to send a webhook to a loopback address without the development setting; retries, never reaches it', async () => {
    await subscribeWebhook(db.pool, { organisation: 'org-norad', kinds: ['engagement.proposed'], url: norad.url, secret: SECRET });
    notifier({ allowPrivateWebhookTargets: false });
    await submit('r1', false);
    await propose('r1', 'e1');
    await waitFor(async () => (await db.pool.query<{ last_error: string | null }>("SELECT last_error FROM notify.outbox WHERE channel = 'webhook'")).rows[0]?.last_error != null);
    const row = (await db.pool.query<{ status: string; last_error: string }>("SELECT status, last_error FROM notify.outbox WHERE channel = 'webhook'")).rows[0]!;
    expect(row).toEqual({ status: 'pending', last_error: 'the scheme must be https' });
    expect(norad.received).toEqual([]);
  });

  it("the Secretariat's defaults apply to whom has not chosen; a person's own choice wins", async () => {
    await setNotificationDefaults(db.pool, { channels: ['email'], mutedKinds: ['request.submitted'], digest: 'immediate' }, 'sec-1');
    await upsertRecipient(db.pool, { subject: 'sec-1', role: 'secretariat', email: 'default@unodc.org', language: 'en' });
    await upsertRecipient(db.pool, { subject: 'sec-2', role: 'secretariat', email: 'chose@unodc.org', language: 'en', mutedKinds: [] });
    await upsertRecipient(db.pool, { subject: 'sec-3', role: 'secretariat', email: 'nomail@unodc.org', language: 'en', mutedKinds: [], channels: [] });
    const n = notifier();
    await submit('r1', false);
    await allSent(n, 1);
    expect(mail.messages.map((m) => (m.to as { text: string }).text)).toEqual(['chose@unodc.org']);
  });

  it('a daily digest: the e-mails held, then one digest in the person\'s language after a downtime that spanned three midnights, once', async () => {
    await upsertRecipient(db.pool, { subject: 'ke-1', role: 'state', country: 'KE', email: 'focal@eacc.go.ke', language: 'fr', digest: 'daily' });
    await upsertRecipient(db.pool, { subject: 'sec-1', role: 'secretariat', email: 'triage@unodc.org', language: 'en' });
    const before = notifier({ clock: () => new Date('2026-03-04T10:00:00Z') });
    await submit('r1', false);
    await propose('r1', 'e1');
    await engagementEvent('MilestoneReported', 'r1', 'e1', { milestoneId: 'm1' });
    await waitFor(async () => (await before.status()).lagEvents === 0);
    await waitFor(async () => mail.messages.length === 1); // the Secretariat's, at once
    await before.composeDigests();
    await before.composeDigests();
    const held = (await db.pool.query<{ status: string }>("SELECT status FROM notify.outbox WHERE target = 'ke-1'")).rows;
    expect(held.map((r) => r.status)).toEqual(['held', 'held']);
    const due = (await db.pool.query<{ next_digest_at: Date }>("SELECT next_digest_at FROM notify.recipients WHERE subject = 'ke-1'")).rows[0]!.next_digest_at;
    expect(due.toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(mail.to('focal@eacc.go.ke')).toEqual([]);
    await before.stop();
    running.splice(0);

    const after = notifier({ clock: () => new Date('2026-03-07T08:00:00Z') });
    await waitFor(async () => mail.to('focal@eacc.go.ke').length === 1);
    expect(await after.composeDigests()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    const [digest] = mail.to('focal@eacc.go.ke');
    expect(mail.to('focal@eacc.go.ke')).toHaveLength(1);
    expect(digest!.subject).toBe('Votre récapitulatif quotidien des notifications (2)');
    expect(digest!.text).toContain('Un engagement a été proposé');
    expect(digest!.text).toContain('https://ta.example.org/app/engagements/e1');
    expect(digest!.text).toContain('https://ta.example.org/app/notifications');
    const rows = (await db.pool.query<{ status: string; kind: string }>("SELECT status, kind FROM notify.outbox WHERE target = 'ke-1' ORDER BY kind")).rows;
    expect(rows).toEqual([
      { status: 'sent', kind: 'digest' },
      { status: 'digested', kind: 'engagement.proposed' },
      { status: 'digested', kind: 'milestone.reported' },
    ]);
    const next = (await db.pool.query<{ next_digest_at: Date }>("SELECT next_digest_at FROM notify.recipients WHERE subject = 'ke-1'")).rows[0]!.next_digest_at;
    expect(next.toISOString()).toBe('2026-03-08T00:00:00.000Z');
  });

  it("an offer about to expire: its provider's system told once, signed with a secret sealed at rest", async () => {
    const box = new SecretBox(randomBytes(32).toString('base64'));
    await subscribeWebhook(db.pool, { organisation: 'org-giz', kinds: ['offer.expiring'], url: norad.url, secret: SECRET }, box);
    const stored = (await db.pool.query<{ secret: string }>('SELECT secret FROM notify.webhook_subscriptions')).rows[0]!.secret;
    expect(stored.startsWith('enc:v1:')).toBe(true);
    expect(stored).not.toContain(SECRET);
    // the real clock: the receiver checks the signature's time against its own
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    // a first process, its clock 30 days back: the offers are registered, no reminder is due yet
    const earlier = notifier({ secrets: box, clock: () => new Date(Date.now() - 30 * 86_400_000) });
    const offer = (offerId: string, to: string) =>
      append(`offer-${offerId}`, 'OfferRegistered', { offerId, providerId: 'org-giz', providerKind: 'bilateral', availability: { from: '2026-01-01', to }, capacity: { kind: 'expert_days', amount: 10 } });
    await offer('o-soon', day(20)); // expires within 30 days
    await offer('o-later', day(120));
    await offer('o-withdrawn', day(10));
    await waitFor(async () => (await earlier.status()).lagEvents === 0);
    expect((await db.pool.query('SELECT key FROM notify.reminders ORDER BY key')).rows.map((r) => r.key)).toEqual([
      'offer.expiring:o-later',
      'offer.expiring:o-soon',
      'offer.expiring:o-withdrawn',
    ]);
    await earlier.stop();
    running.splice(0);
    // withdrawn while no notifier ran; the next one, on the real clock, finds two reminders due
    // at its start: the withdrawn offer's is cancelled by the log before it can fire
    await append('offer-o-withdrawn', 'OfferWithdrawn', { offerId: 'o-withdrawn', reason: 'x' });
    const n = notifier({ secrets: box });
    await allSent(n, 1);
    expect(norad.rejected).toBe(0);
    expect(norad.received.map((d) => d.body)).toEqual([
      {
        deliveryId: norad.received[0]!.deliveryId,
        type: 'offer.expiring',
        data: { kind: 'offer.expiring', eventId: `offer.expiring:o-soon@${day(-9)}T00:00:00.000Z`, occurredAt: `${day(-9)}T00:00:00.000Z`, requestId: null, item: { type: 'offer', id: 'o-soon' } },
      },
    ]);
    expect(await n.fireDueReminders()).toBe(0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
