import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_AUTH_KEY, tokenFor } from '../support/auth';
import { api, countEvents, eventually, offerBody, requestBody, streamEvents, triageBody, type ActorName } from '../support/case-api';

let t: TestApp;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  t = await startTestApp();
  http = api(t.server);
});
afterAll(() => t.close());

type Ids = { requestId: string; offerId: string; engagementId: string; milestoneId: string };
type Stage = 'submitted' | 'returned' | 'open' | 'proposed' | 'active' | 'reported' | 'confirmed' | 'delivered';

/** A case brought to a stage through the API, by its rightful actors. */
async function caseAt(stage: Stage): Promise<Ids> {
  const ids: Ids = { requestId: '', offerId: '', engagementId: '', milestoneId: '' };
  ids.requestId = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
  if (stage === 'submitted') return ids;
  if (stage === 'returned') {
    await http.post('secretariat', `/requests/${ids.requestId}/return-for-clarification`, { question: { en: 'Scope?' } }).expect(200);
    return ids;
  }
  await http.post('secretariat', `/requests/${ids.requestId}/triage`, triageBody).expect(200);
  ids.offerId = (await http.post('donor', '/offers', offerBody()).expect(201)).body.id;
  if (stage === 'open') return ids;
  ids.engagementId = (await http.post('secretariat', '/engagements', { requestId: ids.requestId, offerId: ids.offerId, amount: '100.00', score: 0.9, reasons: ['fit'] }).expect(201)).body.id;
  if (stage === 'proposed') return ids;
  await http.post('state', `/engagements/${ids.engagementId}/accept`).expect(200);
  await http.post('donor', `/engagements/${ids.engagementId}/accept`).expect(200);
  await eventually(() => streamEvents(t.db.pool, `engagement-${ids.engagementId}`), (es) => es.some((e) => e.type === 'EngagementActivated'));
  ids.milestoneId = (await http.post('donor', `/engagements/${ids.engagementId}/milestones`, { title: { en: 'Training' }, dueDate: '2027-06-30' }).expect(201)).body.milestoneId;
  if (stage === 'active') return ids;
  await http.post('donor', `/engagements/${ids.engagementId}/milestones/${ids.milestoneId}/report`).expect(200);
  if (stage === 'reported') return ids;
  await http.post('state', `/engagements/${ids.engagementId}/milestones/${ids.milestoneId}/confirm`).expect(200);
  if (stage === 'confirmed') return ids;
  await http.post('secretariat', `/engagements/${ids.engagementId}/complete`).expect(200);
  await eventually(() => streamEvents(t.db.pool, `request-${ids.requestId}`), (es) => es.some((e) => e.type === 'RequestDelivered'));
  return ids;
}

/** Wait until the process managers (and projector) have handled everything appended so far. */
async function settled(): Promise<void> {
  await eventually(() => Promise.all(t.infra.consumers.list().map((c) => c.status())), (all) => all.every((s) => s.lagEvents === 0));
}

const EVERYONE: ActorName[] = ['state', 'otherState', 'secretariat', 'donor', 'otherDonor', 'authority'];

/** command, stage it needs, path and body, who may (the others must get 403). */
const MATRIX: Array<[string, Stage, (ids: Ids) => [string, object], ActorName[]]> = [
  ['submit a request', 'submitted', () => ['/requests', requestBody()], ['state']],
  ['return for clarification', 'submitted', (i) => [`/requests/${i.requestId}/return-for-clarification`, { question: { en: 'Scope?' } }], ['secretariat']],
  ['provide clarification', 'returned', (i) => [`/requests/${i.requestId}/clarification`, { answer: { en: 'All ministries.' } }], ['state']],
  ['triage', 'submitted', (i) => [`/requests/${i.requestId}/triage`, triageBody], ['secretariat']],
  ['decline a request', 'submitted', (i) => [`/requests/${i.requestId}/decline`, { reason: 'Out of scope' }], ['secretariat']],
  ['withdraw a request', 'submitted', (i) => [`/requests/${i.requestId}/withdraw`, { reason: 'No longer needed' }], ['state']],
  ['register an offer', 'submitted', () => ['/offers', offerBody()], ['donor']],
  ['withdraw an offer', 'open', (i) => [`/offers/${i.offerId}/withdraw`, { reason: 'Budget cut' }], ['donor']],
  ['propose a match', 'open', (i) => ['/engagements', { requestId: i.requestId, offerId: i.offerId, amount: '10.00', score: 0.5, reasons: ['fit'] }], ['secretariat']],
  ['accept a match', 'proposed', (i) => [`/engagements/${i.engagementId}/accept`, {}], ['state', 'donor']],
  ['decline a match', 'proposed', (i) => [`/engagements/${i.engagementId}/decline`, { reason: 'Timing' }], ['state', 'donor']],
  ['cancel a match', 'proposed', (i) => [`/engagements/${i.engagementId}/cancel`, { reason: 'Duplicate' }], ['secretariat']],
  ['plan a milestone', 'active', (i) => [`/engagements/${i.engagementId}/milestones`, { title: { en: 'Report' }, dueDate: '2027-09-30' }], ['donor']],
  ['report a milestone', 'active', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/report`, {}], ['donor']],
  ['reschedule a milestone', 'active', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/reschedule`, { dueDate: '2027-08-31', reason: 'Expert ill' }], ['donor', 'secretariat']],
  ['confirm a milestone', 'reported', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/confirm`, {}], ['state']],
  ['dispute a milestone', 'reported', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/dispute`, { reason: 'Incomplete' }], ['state']],
  ['complete an engagement', 'confirmed', (i) => [`/engagements/${i.engagementId}/complete`, {}], ['secretariat', 'donor']],
  ['record the follow-up', 'delivered', (i) => [`/requests/${i.requestId}/follow-up`, { needMet: 'met', comment: { en: 'Done' } }], ['state']],
];

describe('role x action matrix through HTTP', () => {
  it.each(MATRIX)('%s: forbidden actors get 403 and append nothing; allowed ones succeed', async (_name, stage, target, allowed) => {
    for (const who of allowed) {
      const ids = await caseAt(stage);
      const [path, body] = target(ids);
      await settled();
      for (const other of EVERYONE.filter((a) => !allowed.includes(a))) {
        const before = await countEvents(t.db.pool);
        const res = await http.post(other, path, body);
        expect({ who: other, status: res.status }).toEqual({ who: other, status: 403 });
        expect(res.body.code).toMatch(/^access\./);
        expect(await countEvents(t.db.pool)).toBe(before);
      }
      const ok = await http.post(who, path, body);
      expect({ who, status: ok.status, body: ok.status < 300 ? 'ok' : ok.body }).toEqual({ who, status: expect.any(Number), body: 'ok' });
    }
  });

  it('every command needs a token: 401 without one, and nothing appended', async () => {
    const ids = await caseAt('open');
    for (const [, , target] of MATRIX) {
      const [path, body] = target({ ...ids, engagementId: ids.requestId, milestoneId: ids.requestId });
      const before = await countEvents(t.db.pool);
      const res = await request(t.server).post(path).send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(await countEvents(t.db.pool)).toBe(before);
    }
  });
});

describe('bearer tokens', () => {
  const state = { sub: 'fp-ke', role: 'state', country: 'KE' };
  const submit = (token: string) => request(t.server).post('/requests').set('Authorization', `Bearer ${token}`).send(requestBody());

  it.each([
    ['an expired token', () => tokenFor(state, { now: Math.floor(Date.now() / 1000) - 7200, ttlSeconds: 60 }), 'auth.expired'],
    ['a malformed token', () => 'not.a-token', 'auth.malformed_token'],
    ['a token signed with another secret', () => tokenFor(state, { key: { kid: TEST_AUTH_KEY.kid, secret: Buffer.from('another-secret-another-secret-0123') } }), 'auth.bad_signature'],
    ['a token signed with an unknown key id', () => tokenFor(state, { key: { kid: 'retired', secret: TEST_AUTH_KEY.secret } }), 'auth.unknown_key'],
    [
      'an unsigned token (alg none)',
      () => {
        const [, payload] = tokenFor(state).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      },
      'auth.unsupported_algorithm',
    ],
    ['a State token without its country', () => tokenFor({ sub: 'x', role: 'state' }), 'auth.invalid_claims'],
    ['a token with an unknown role', () => tokenFor({ sub: 'x', role: 'admin' }), 'auth.invalid_claims'],
  ])('%s gets 401 problem details and changes nothing', async (_label, make, code) => {
    const before = await countEvents(t.db.pool);
    const res = await submit(make()).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code });
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('the actor in the events comes from the token, whatever the client claims', async () => {
    const res = await request(t.server)
      .post('/requests')
      .set('Authorization', `Bearer ${tokenFor(state)}`)
      .set('X-Actor-Id', 'someone-else')
      .set('X-Actor-Role', 'secretariat')
      .send(requestBody())
      .expect(201);
    const [event] = await streamEvents(t.db.pool, `request-${res.body.id}`);
    expect(event!.metadata).toMatchObject({ actorId: 'fp-ke', actorRole: 'state' });
  });

  it('key rotation: tokens signed with any configured key are accepted', async () => {
    const newKey = { kid: 'rotated-2', secret: Buffer.from('a-brand-new-secret-for-rotation-0123456789') };
    const rotated = await startTestApp({ AUTH_JWT_KEYS: `${newKey.kid}:${newKey.secret.toString()},${TEST_AUTH_KEY.kid}:${TEST_AUTH_KEY.secret.toString()}` });
    try {
      await request(rotated.server).post('/requests').set('Authorization', `Bearer ${tokenFor(state, { key: newKey })}`).send(requestBody()).expect(201);
      await request(rotated.server).post('/requests').set('Authorization', `Bearer ${tokenFor(state)}`).send(requestBody()).expect(201);
    } finally {
      await rotated.close();
    }
  });

  it('health and API docs need no token', async () => {
    await request(t.server).get('/health/ready').expect(200);
    const docs = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(docs.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('rate limit', () => {
  const state = { sub: 'fp-ke', role: 'state', country: 'KE' };
  it('over the limit a client gets 429 problem details with Retry-After', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      let last: request.Response | undefined;
      for (let i = 0; i < 7; i++) {
        last = await request(limited.server).get('/requests').set('Authorization', `Bearer ${tokenFor(state)}`);
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);
      expect(last!.headers['retry-after']).toMatch(/^\d+$/);
      expect(last!.body).toMatchObject({ status: 429, code: 'request.rate_limited' });
    } finally {
      await limited.close();
    }
  });
});
