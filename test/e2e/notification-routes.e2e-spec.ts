// Notifications over HTTP, in the API as started: a person's own entry and choices, the
// Secretariat's defaults, unsubscribing by an e-mail's link, an organisation's webhook subscription
// (its secret shown once, sealed at rest), its dead letters seen and replayed by the subscriber.
// Received by a real SMTP server and a real HTTP receiver that verifies every signature.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { MailSink, WebhookReceiver } from '../../libs/notify/test/support/receivers';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, eventually, offerBody, requestBody, triageBody } from '../support/case-api';
import { createCaseFixture, type CaseFixture } from '../support/case-fixture';

let t: TestApp;
let mail: MailSink;
let hooks: WebhookReceiver;

beforeAll(async () => {
  mail = await new MailSink().start();
  hooks = await new WebhookReceiver('not yet known').start();
  t = await startTestApp({
    NOTIFY_SMTP_URL: `smtp://127.0.0.1:${mail.port}`,
    NOTIFY_POLL_MS: '100',
    NOTIFY_WEB_BASE_URL: 'https://ta.example.org/app',
    NOTIFY_WEBHOOK_ALLOW_PRIVATE: 'on', // the receiver listens on 127.0.0.1
    NOTIFY_DEAD_AFTER_SECONDS: '1',
    NOTIFY_SECRETS_KEY: randomBytes(32).toString('base64'),
  });
}, 60_000);
afterAll(async () => {
  await t.close();
  await mail.stop();
  await hooks.stop();
});

const problem = (res: request.Response) => ({ status: res.status, code: (res.body as { code?: string }).code });

describe('notifications over HTTP', () => {
  let subscriptionId = '';
  let fx: CaseFixture;

  it("a person keeps their own entry; the Secretariat sets the deployment's defaults", async () => {
    const none = await request(t.server).get('/notifications/preferences').set(ACTORS.state).expect(200);
    expect(none.body).toMatchObject({ entry: null, defaults: { channels: ['email'], mutedKinds: [], digest: 'immediate' } });
    expect(none.body.kinds).toContain('offer.expiring');
    expect(problem(await request(t.server).post('/notifications/preferences').set(ACTORS.state).send({ email: 'focal@eacc.go.ke', language: 'de' }))).toEqual({
      status: 400,
      code: 'request.invalid_body',
    });
    const saved = await request(t.server).post('/notifications/preferences').set(ACTORS.state).send({ email: 'focal@eacc.go.ke', language: 'ru', mutedKinds: null }).expect(200);
    expect(saved.body.entry).toEqual({ email: 'focal@eacc.go.ke', language: 'ru', channels: null, mutedKinds: null, digest: null });
    await request(t.server).post('/notifications/preferences').set(ACTORS.secretariat).send({ email: 'officer@unodc.org', language: 'en' }).expect(200);

    expect(problem(await request(t.server).post('/notifications/defaults').set(ACTORS.state).send({ channels: ['email'], mutedKinds: [], digest: 'daily' }))).toEqual({
      status: 403,
      code: 'access.role_not_allowed',
    });
    // the Secretariat's officers are not told of each new request by default
    await request(t.server).post('/notifications/defaults').set(ACTORS.secretariat).send({ channels: ['email'], mutedKinds: ['request.submitted'], digest: 'immediate' }).expect(200);
    expect((await request(t.server).get('/notifications/defaults').set(ACTORS.donor).expect(200)).body).toEqual({ channels: ['email'], mutedKinds: ['request.submitted'], digest: 'immediate' });
  });

  it("a provider subscribes its own organisation's system; the secret is shown once and sealed at rest", async () => {
    const body = { kinds: ['engagement.proposed'], url: hooks.url };
    expect(problem(await request(t.server).post('/notifications/webhooks').set(ACTORS.state).send(body))).toEqual({ status: 403, code: 'access.role_not_allowed' });
    expect(problem(await request(t.server).post('/notifications/webhooks').set(ACTORS.donor).send({ ...body, organisation: 'donor-sida' }))).toEqual({
      status: 403,
      code: 'notify.organisation_not_own',
    });
    expect(problem(await request(t.server).post('/notifications/webhooks').set(ACTORS.donor).send({ ...body, url: 'ftp://hooks.giz.de/x' }))).toEqual({
      status: 400,
      code: 'notify.webhook_url_refused',
    });
    expect(problem(await request(t.server).post('/notifications/webhooks').set(ACTORS.secretariat).send(body))).toEqual({ status: 400, code: 'notify.organisation_required' });
    const made = await request(t.server).post('/notifications/webhooks').set(ACTORS.donor).send(body).expect(201);
    expect(made.body).toMatchObject({ organisation: 'donor-giz', kinds: ['engagement.proposed'], url: hooks.url });
    expect(made.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/); // the Standard Webhooks form
    subscriptionId = made.body.id;
    hooks.secret = made.body.secret;

    const listed = await request(t.server).get('/notifications/webhooks').set(ACTORS.donor).expect(200);
    expect(listed.body.items).toEqual([{ id: subscriptionId, organisation: 'donor-giz', kinds: ['engagement.proposed'], url: hooks.url, createdAt: expect.any(String) }]);
    expect((await request(t.server).get('/notifications/webhooks').set(ACTORS.otherDonor).expect(200)).body.items).toEqual([]);
    expect((await request(t.server).get('/notifications/webhooks?organisation=donor-giz').set(ACTORS.secretariat).expect(200)).body.items).toHaveLength(1);
    const stored = (await t.db.pool.query<{ secret: string }>('SELECT secret FROM notify.webhook_subscriptions')).rows[0]!.secret;
    expect(stored.startsWith('enc:v1:')).toBe(true);
  });

  it('a case carried through the API: the State e-mailed in its language; the delivery to a receiver that is down is dead-lettered, seen by its subscriber only, replayed with its id', async () => {
    hooks.status = () => 503;
    fx = await createCaseFixture(t.server, []);
    const dead = await eventually(
      async () => (await request(t.server).get('/notifications/webhooks/dead-letters').set(ACTORS.donor).expect(200)).body.items as Array<{ id: string; kind: string; subscription: string }>,
      (items) => items.length === 1,
    );
    expect(dead[0]).toMatchObject({ kind: 'engagement.proposed', subscription: subscriptionId, lastError: 'HTTP 503', data: { item: { type: 'engagement', id: fx.engagementId } } });
    expect((await request(t.server).get('/notifications/webhooks/dead-letters').set(ACTORS.otherDonor).expect(200)).body.items).toEqual([]);
    expect(problem(await request(t.server).post('/notifications/webhooks/replay').set(ACTORS.otherDonor).send({ subscription: subscriptionId }))).toEqual({
      status: 404,
      code: 'notify.subscription_not_found',
    });
    hooks.status = () => 204;
    expect((await request(t.server).post('/notifications/webhooks/replay').set(ACTORS.donor).send({ subscription: subscriptionId, ids: [dead[0]!.id] }).expect(200)).body).toEqual({ replayed: 1 });
    await eventually(
      async () => hooks.received.length,
      (n) => n === 1,
    );
    expect(hooks.rejected).toBe(0);
    expect(hooks.received[0]!.deliveryId).toBe(dead[0]!.id);
    // signed both ways: X-TA-Signature, and the Standard Webhooks headers verified by its library
    expect(hooks.standardVerified).toBeGreaterThanOrEqual(1);

    const state = await eventually(
      async () => mail.to('focal@eacc.go.ke'),
      (m) => m.length === 2,
    );
    expect(state.map((m) => m.subject).sort()).toEqual(['Предложено взаимодействие', 'Этап отмечен как выполненный и ожидает вашего подтверждения']);
    expect(mail.to('officer@unodc.org')).toEqual([]); // request.submitted muted by the default
  });

  it("unsubscribing by an e-mail's link stops that kind; an unknown token is 404", async () => {
    const message = mail.to('focal@eacc.go.ke').find((m) => m.headers.get('x-ta-notification-kind') === 'engagement.proposed');
    const link = /notifications\/unsubscribe\?token=([^&\s]+)&kind=([a-z._]+)/.exec(String(message!.text))!;
    expect(problem(await request(t.server).post('/notifications/unsubscribe').send({ token: 'x'.repeat(32), kind: link[2] }))).toEqual({ status: 404, code: 'notify.unknown_token' });
    await request(t.server).post('/notifications/unsubscribe').send({ token: decodeURIComponent(link[1]!), kind: link[2] }).expect(200);
    const after = await request(t.server).get('/notifications/preferences').set(ACTORS.state).expect(200);
    expect(link[2]).toBe('engagement.proposed');
    expect(after.body.entry.mutedKinds).toEqual(['request.submitted', 'engagement.proposed']); // from the default's muted kinds, with this one
    expect((await request(t.server).post('/notifications/webhooks/remove').set(ACTORS.otherDonor).send({ subscription: subscriptionId })).status).toBe(404);
    expect((await request(t.server).post('/notifications/webhooks/remove').set(ACTORS.donor).send({ subscription: subscriptionId }).expect(200)).body).toEqual({ removed: true });
  });

  it('a restricted case carried to a contested completion: the provider on it told of each step that concerns it, another provider nothing, the Secretariat of the contest', async () => {
    hooks.received.length = 0;
    const sida = await request(t.server).post('/notifications/webhooks').set(ACTORS.otherDonor).send({ kinds: ['engagement.proposed', 'completion.contested'], url: hooks.url }).expect(201);
    hooks.secret = sida.body.secret;
    await request(t.server).post('/notifications/preferences').set(ACTORS.donor).send({ email: 'ta@giz.de', language: 'es' }).expect(200);
    await request(t.server).post('/notifications/preferences').set(ACTORS.otherDonor).send({ email: 'ta@sida.se', language: 'en' }).expect(200);
    const post = async (actor: keyof typeof ACTORS, path: string, body: object = {}) => (await request(t.server).post(path).set(ACTORS[actor]).send(body).expect((r) => r.status < 300)).body;
    const { id: requestId } = await post('state', '/requests', requestBody({ restricted: true }));
    await post('secretariat', `/requests/${requestId}/triage`, triageBody);
    const { id: offerId } = await post('donor', '/offers', offerBody());
    const { id: engagementId } = await post('secretariat', '/engagements', { requestId, offerId, amount: '10000.00', score: 0.8, reasons: ['article 8'] });
    await post('donor', `/engagements/${engagementId}/accept`);
    await post('state', `/engagements/${engagementId}/accept`);
    const planned = await eventually(
      () => request(t.server).post(`/engagements/${engagementId}/milestones`).set(ACTORS.donor).send({ title: { en: 'Workshop held' }, dueDate: '2027-03-31' }),
      (res) => res.status === 201,
    );
    const milestoneId = String(planned.body.milestoneId);
    await post('donor', `/engagements/${engagementId}/milestones/${milestoneId}/report`);
    await post('state', `/engagements/${engagementId}/milestones/${milestoneId}/confirm`);
    await post('donor', `/engagements/${engagementId}/complete`);
    await post('state', `/engagements/${engagementId}/contest`, { reason: 'The report is missing' });

    const onCase = (to: string) => mail.to(to).filter((m) => String(m.text).includes(engagementId));
    await eventually(
      async () => onCase('officer@unodc.org').length,
      (n) => n === 1,
    );
    await eventually(
      async () => onCase('ta@giz.de').length,
      (n) => n === 2,
    );
    await eventually(
      async () => onCase('focal@eacc.go.ke').length,
      (n) => n === 2,
    );
    await new Promise((r) => setTimeout(r, 1_000)); // nothing more arrives
    expect(onCase('officer@unodc.org').map((m) => m.subject)).toEqual(['The State contested the completion of an engagement']);
    expect(onCase('ta@giz.de').map((m) => m.subject).sort()).toEqual(['El Estado impugnó la finalización de un compromiso', 'Se propuso un compromiso']);
    // the State muted engagement.proposed by the unsubscribe link above: reported and completed only
    expect(onCase('focal@eacc.go.ke').map((m) => m.subject).sort()).toEqual([
      'Взаимодействие завершено и ожидает вашего подтверждения',
      'Этап отмечен как выполненный и ожидает вашего подтверждения',
    ]);
    expect(mail.to('ta@sida.se')).toEqual([]);
    expect(hooks.received).toEqual([]); // donor-sida's system: not a party to this restricted case
    for (const m of mail.messages) expect(`${m.text}${m.html}`).not.toMatch(/The report is missing|Workshop held|Verification of asset declarations/);
  });
});
