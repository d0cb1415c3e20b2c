// The notifier in the API, on a case carried through the HTTP API: e-mails received by a real
// SMTP server in each recipient's language, signed webhooks received by a real HTTP receiver
// that verifies them, nothing to those the case does not concern.
import { subscribeWebhook, upsertRecipient } from '@ta/notify';
import { MailSink, WebhookReceiver } from '../../libs/notify/test/support/receivers';
import { startTestApp, type TestApp } from '../support/app';
import { eventually, IDENTITIES } from '../support/case-api';
import { createCaseFixture, type CaseFixture } from '../support/case-fixture';

const SECRET = 'whsec-giz';
let t: TestApp;
let mail: MailSink;
let giz: WebhookReceiver;
let sida: WebhookReceiver;
let fx: CaseFixture;

beforeAll(async () => {
  mail = await new MailSink().start();
  giz = await new WebhookReceiver(SECRET).start();
  sida = await new WebhookReceiver('whsec-sida').start();
  t = await startTestApp({ NOTIFY_SMTP_URL: `smtp://127.0.0.1:${mail.port}`, NOTIFY_POLL_MS: '100', NOTIFY_WEB_BASE_URL: 'https://ta.example.org/app', NOTIFY_WEBHOOK_ALLOW_PRIVATE: 'on' });
  const { secretariat, state, donor, otherDonor } = IDENTITIES;
  await upsertRecipient(t.db.pool, { subject: secretariat.sub, role: 'secretariat', email: 'officer@unodc.org', language: 'en' });
  await upsertRecipient(t.db.pool, { subject: state.sub, role: 'state', country: state.country, email: 'focal@eacc.go.ke', language: 'ar' });
  await upsertRecipient(t.db.pool, { subject: donor.sub, role: 'donor', organisation: donor.organisation, email: 'ta@giz.de', language: 'fr' });
  await upsertRecipient(t.db.pool, { subject: otherDonor.sub, role: 'donor', organisation: otherDonor.organisation, email: 'ta@sida.se', language: 'es' });
  await subscribeWebhook(t.db.pool, { organisation: donor.organisation, kinds: ['engagement.proposed', 'milestone.disputed'], url: giz.url, secret: SECRET });
  await subscribeWebhook(t.db.pool, { organisation: otherDonor.organisation, kinds: ['request.submitted', 'engagement.proposed', 'milestone.reported'], url: sida.url, secret: 'whsec-sida' });
  fx = await createCaseFixture(t.server, []);
}, 60_000);
afterAll(async () => {
  await t.close();
  await mail.stop();
  await giz.stop();
  await sida.stop();
});

describe('notifications of a case carried through the API', () => {
  it('e-mail each party what needs them, in their language, linking to the item; signed webhooks to the provider', async () => {
    await eventually(
      async () => mail.messages.length,
      (n) => n >= 4,
    );
    await eventually(
      async () => giz.received.length,
      (n) => n >= 1,
    );
    await new Promise((r) => setTimeout(r, 500)); // nothing more arrives
    expect(mail.to('officer@unodc.org').map((m) => m.subject)).toEqual(['A new request for technical assistance awaits triage']);
    expect(mail.to('officer@unodc.org')[0]!.text).toContain(`https://ta.example.org/app/requests/${fx.requestId}`);
    const state = mail.to('focal@eacc.go.ke');
    expect(state.map((m) => m.subject).sort()).toEqual(['أُبلغ عن إنجاز مرحلة وهي تنتظر تأكيدكم', 'اقتُرح ارتباط']);
    expect(state.every((m) => String(m.html).includes('dir="rtl"') && String(m.text).includes(`/engagements/${fx.engagementId}`))).toBe(true);
    expect(mail.to('ta@giz.de').map((m) => m.subject)).toEqual(['Un engagement a été proposé']);
    expect(mail.to('ta@sida.se')).toEqual([]);
    expect(mail.messages).toHaveLength(4);

    expect(giz.rejected).toBe(0);
    expect(giz.received.map((d) => ({ type: d.body.type, item: d.body.data['item'], requestId: d.body.data['requestId'] }))).toEqual([
      { type: 'engagement.proposed', item: { type: 'engagement', id: fx.engagementId }, requestId: fx.requestId },
    ]);
    expect(sida.received).toEqual([]);
  });
});
