// The notifier killed three times under load: the API process (which runs it) is SIGKILLed
// mid-batch while events keep coming, and started again. Counted at a real SMTP server and a
// real HTTP receiver that verifies every signature: no notification lost, none given two
// delivery ids; a delivery resent after a kill carries its first delivery id (receivers
// de-duplicate by it), and so does an e-mail (its Message-ID).
import { randomUUID } from 'node:crypto';
import { openPostgresEventStore, type PostgresEventStoreHandle } from '@ta/event-store';
import { subscribeWebhook, upsertRecipient } from '@ta/notify';
import { MailSink, WebhookReceiver } from '../../libs/notify/test/support/receivers';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TEST_AUTH_KEYS_ENV } from '../support/auth';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

const SECRET = 'whsec-kill-test';
const REQUESTS = 120;
let db: TestDatabase;
let es: PostgresEventStoreHandle;
let mail: MailSink;
let hooks: WebhookReceiver;
let api: PlatformProcess | undefined;
let env: NodeJS.ProcessEnv;
let base = '';

beforeAll(async () => {
  assertBuildIsCurrent();
  db = await createTestDatabase();
  mail = await new MailSink().start();
  hooks = await new WebhookReceiver(SECRET).start();
  hooks.delayMs = 15;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = userEnvironment({
    DATABASE_URL: db.url,
    AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV,
    PORT: String(port),
    COORDINATION_PROJECTOR: 'external',
    AUDIT_SEALER: 'off',
    NOTIFY_SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    NOTIFY_POLL_MS: '100',
    NOTIFY_WEBHOOK_ALLOW_PRIVATE: 'on', // the receiver listens on 127.0.0.1
  });
  await startApi();
  es = await openPostgresEventStore(db.pool);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await es?.close();
  await db?.drop();
  await mail?.stop();
  await hooks?.stop();
}, 60_000);

async function startApi(): Promise<void> {
  api = new PlatformProcess('api', ENTRY.api, env);
  await api.waitHealthy(`${base}/health/live`);
}

const meta = (at: string) => ({ actorId: 'kill-test', actorRole: 'system', correlationId: randomUUID(), causationId: null, occurredAt: at });

async function oneCase(i: number): Promise<void> {
  const at = new Date().toISOString();
  const requestId = `r-${i}`;
  await es.store.append(
    `request-${requestId}`,
    [
      {
        id: randomUUID(),
        type: 'RequestSubmitted',
        schemaVersion: 2,
        metadata: meta(at),
        data: {
          requestId, at, country: 'KE', title: { en: 'T' }, description: { en: 'D' }, suggestedArticles: ['art-8'], suggestedTaTypes: ['c2-capacity-building'],
          beneficiaryInstitution: 'EACC', preferredLanguages: ['en'], desiredWindow: null, sources: [], restricted: i % 2 === 0, statePriority: 'high', contactPerson: null,
        },
      },
    ],
    { kind: 'no_stream' },
  );
  const engagementId = `e-${i}`;
  await es.store.append(
    `engagement-${engagementId}`,
    [
      {
        id: randomUUID(),
        type: 'EngagementProposed',
        schemaVersion: 1,
        metadata: meta(at),
        data: { engagementId, requestId, offerId: 'o-1', at, providerId: 'org-norad', country: 'KE', amount: 1, unit: { kind: 'expert_days' }, score: 1, reasons: [] },
      },
    ],
    { kind: 'no_stream' },
  );
}

async function pending(): Promise<number> {
  const { rows } = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM notify.outbox WHERE status <> 'sent'");
  return Number(rows[0]!.n);
}

describe('the notifier, killed three times under load', () => {
  it('loses no notification and gives none two delivery ids', async () => {
    await upsertRecipient(db.pool, { subject: 'sec', role: 'secretariat', email: 'triage@unodc.org', language: 'en' });
    await upsertRecipient(db.pool, { subject: 'ke', role: 'state', country: 'KE', email: 'focal@eacc.go.ke', language: 'ar' });
    await subscribeWebhook(db.pool, { organisation: 'org-norad', kinds: ['engagement.proposed'], url: hooks.url, secret: SECRET });

    const load = (async () => {
      for (let i = 0; i < REQUESTS; i++) {
        await oneCase(i);
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 40));
      }
    })();
    const kills: number[] = [];
    for (const share of [0.15, 0.4, 0.65]) {
      await waitFor(async () => hooks.received.length >= share * REQUESTS, 90_000);
      kills.push(hooks.received.length);
      await api!.kill(); // mid-batch: deliveries in flight, a fan-out batch maybe uncommitted
      await startApi();
    }
    await load;
    await waitFor(async () => (await pending()) === 0 && (await db.pool.query('SELECT 1 FROM notify.outbox')).rowCount === REQUESTS * 3, 120_000);

    // webhooks: one delivery id per engagement proposed, each received (a resend keeps its id)
    const outboxIds = (await db.pool.query<{ id: string }>("SELECT id FROM notify.outbox WHERE channel = 'webhook'")).rows.map((r) => r.id).sort();
    expect(outboxIds).toHaveLength(REQUESTS);
    expect([...hooks.distinctIds()].sort()).toEqual(outboxIds);
    expect(new Set(hooks.received.map((d) => (d.body.data['item'] as { id: string }).id)).size).toBe(REQUESTS);
    expect(hooks.rejected).toBe(0);
    // e-mails: every one received; a resent one has its Message-ID again
    const messageIds = new Set(mail.messages.map((m) => m.messageId));
    expect(messageIds.size).toBe(REQUESTS * 2);
    expect(mail.to('triage@unodc.org').length).toBeGreaterThanOrEqual(REQUESTS);
    expect(mail.to('focal@eacc.go.ke').length).toBeGreaterThanOrEqual(REQUESTS);
    const resent = hooks.received.length - hooks.distinctIds().size + (mail.messages.length - messageIds.size);
    // resends only from the batches in flight at the three kills
    expect(resent).toBeLessThanOrEqual(3 * 50);
    expect(kills).toHaveLength(3);
  }, 300_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
