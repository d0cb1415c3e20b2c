import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { authHeaders, TEST_AUTH_KEY, tokenFor } from '../support/auth';
import { ACTORS, api, countEvents, eventually, IDENTITIES, offerBody, requestBody, streamEvents, triageBody, type ActorName } from '../support/case-api';

let t: TestApp;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  t = await startTestApp();
  http = api(t.server);
});
afterAll(() => t.close());

type Ids = { requestId: string; offerId: string; engagementId: string; milestoneId: string };
type Stage = 'submitted' | 'returned' | 'open' | 'proposed' | 'active' | 'reported' | 'confirmed' | 'completed' | 'delivered';
/** What a command is about: a request (or, for a proposal, the request it names), an engagement, an offer, or nothing yet. */
type About = 'request' | 'engagement' | 'offer' | 'new';

/** A case brought to a stage through the API, by its rightful actors. */
async function caseAt(stage: Stage, { restricted = false } = {}): Promise<Ids> {
  const ids: Ids = { requestId: '', offerId: '', engagementId: '', milestoneId: '' };
  ids.requestId = (await http.post('state', '/requests', requestBody({ restricted })).expect(201)).body.id;
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
  if (stage === 'completed') return ids;
  await http.post('state', `/engagements/${ids.engagementId}/acknowledge`).expect(200);
  await eventually(() => streamEvents(t.db.pool, `request-${ids.requestId}`), (es) => es.some((e) => e.type === 'RequestDelivered'));
  return ids;
}

/** Wait until the process managers (and projector) have handled everything appended so far. */
async function settled(): Promise<void> {
  await eventually(() => Promise.all(t.infra.consumers.list().map((c) => c.status())), (all) => all.every((s) => s.lagEvents === 0));
}

const EVERYONE: ActorName[] = ['state', 'otherState', 'secretariat', 'donor', 'otherDonor', 'authority'];

/** command, stage it needs, path and body, who may (the others must get 403), what it is about. */
const MATRIX: Array<[string, Stage, (ids: Ids) => [string, object], ActorName[], About]> = [
  ['submit a request', 'submitted', () => ['/requests', requestBody()], ['state'], 'new'],
  ['return for clarification', 'submitted', (i) => [`/requests/${i.requestId}/return-for-clarification`, { question: { en: 'Scope?' } }], ['secretariat'], 'request'],
  ['provide clarification', 'returned', (i) => [`/requests/${i.requestId}/clarification`, { answer: { en: 'All ministries.' } }], ['state'], 'request'],
  ['triage', 'submitted', (i) => [`/requests/${i.requestId}/triage`, triageBody], ['secretariat'], 'request'],
  ['decline a request', 'submitted', (i) => [`/requests/${i.requestId}/decline`, { reason: 'Out of scope' }], ['secretariat'], 'request'],
  ['withdraw a request', 'submitted', (i) => [`/requests/${i.requestId}/withdraw`, { reason: 'No longer needed' }], ['state'], 'request'],
  ['register an offer', 'submitted', () => ['/offers', offerBody()], ['donor'], 'new'],
  ['withdraw an offer', 'open', (i) => [`/offers/${i.offerId}/withdraw`, { reason: 'Budget cut' }], ['donor'], 'offer'],
  ['propose a match', 'open', (i) => ['/engagements', { requestId: i.requestId, offerId: i.offerId, amount: '10.00', score: 0.5, reasons: ['fit'] }], ['secretariat'], 'request'],
  ['accept a match', 'proposed', (i) => [`/engagements/${i.engagementId}/accept`, {}], ['state', 'donor'], 'engagement'],
  ['decline a match', 'proposed', (i) => [`/engagements/${i.engagementId}/decline`, { reason: 'Timing' }], ['state', 'donor'], 'engagement'],
  ['cancel a match', 'proposed', (i) => [`/engagements/${i.engagementId}/cancel`, { reason: 'Duplicate' }], ['secretariat'], 'engagement'],
  ['plan a milestone', 'active', (i) => [`/engagements/${i.engagementId}/milestones`, { title: { en: 'Report' }, dueDate: '2027-09-30' }], ['donor'], 'engagement'],
  ['report a milestone', 'active', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/report`, {}], ['donor'], 'engagement'],
  ['reschedule a milestone', 'active', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/reschedule`, { dueDate: '2027-08-31', reason: 'Expert ill' }], ['donor', 'secretariat'], 'engagement'],
  ['confirm a milestone', 'reported', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/confirm`, {}], ['state'], 'engagement'],
  ['dispute a milestone', 'reported', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/dispute`, { reason: 'Incomplete' }], ['state'], 'engagement'],
  ['complete an engagement', 'confirmed', (i) => [`/engagements/${i.engagementId}/complete`, {}], ['secretariat', 'donor'], 'engagement'],
  ['acknowledge a completion', 'completed', (i) => [`/engagements/${i.engagementId}/acknowledge`, {}], ['state'], 'engagement'],
  ['contest a completion', 'completed', (i) => [`/engagements/${i.engagementId}/contest`, { reason: 'Report missing' }], ['state'], 'engagement'],
  ['extend an offer', 'open', (i) => [`/offers/${i.offerId}/extend`, { to: '2100-06-30' }], ['donor'], 'offer'],
  ['record the follow-up', 'delivered', (i) => [`/requests/${i.requestId}/follow-up`, { needMet: 'met', comment: { en: 'Done' } }], ['state'], 'request'],
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

// A restricted request is known only to its State, the Secretariat and the providers
// engaged on it (proposed, agreed, active, completed). A command by anyone else on it, on its
// engagements or their milestones gets exactly the answer of an unknown id: a 403 would confirm
// that the request exists.

/** A problem body with the given ids replaced, to compare two answers that differ only by the id. */
// `traceId` is the HTTP request's own id (X-Request-Id), different on every answer.
const withoutIds = (body: unknown, ...ids: string[]) =>
  JSON.parse(ids.filter((id) => id !== '').reduce((text, id) => text.split(id).join('<id>'), JSON.stringify({ ...(body as object), traceId: undefined })));

/** The same ids with the request and the engagement replaced by ones that do not exist. */
const unknownIds = (ids: Ids): Ids => ({ ...ids, requestId: randomUUID(), engagementId: randomUUID() });

/** The events of the case's request and engagement streams, to check that nothing was appended. */
const streamsOf = async (ids: Ids) => [
  ...(await streamEvents(t.db.pool, `request-${ids.requestId}`)),
  ...(ids.engagementId ? await streamEvents(t.db.pool, `engagement-${ids.engagementId}`) : []),
];

/** Who may not know a restricted KE request at a stage (GIZ, the donor, is engaged from the proposal on). */
const hiddenAt = (who: ActorName, stage: Stage): boolean =>
  who === 'otherState' || who === 'otherDonor' || who === 'authority' || (who === 'donor' && ['submitted', 'returned', 'open'].includes(stage));

/** Sends a command on the case and the same one on unknown ids; expects the two answers to be the same but for the id. */
async function expectAnsweredAsUnknown(who: ActorName | Record<string, string>, ids: Ids, target: (ids: Ids) => [string, object], headers: Record<string, string> = {}) {
  const send = (path: string, body: object) =>
    typeof who === 'string' ? http.post(who, path, body, headers) : request(t.server).post(path).set(who).set(headers).send(body);
  const unknown = unknownIds(ids);
  if (!ids.engagementId) unknown.engagementId = '';
  const before = { streams: await streamsOf(ids), count: await countEvents(t.db.pool) };
  const hidden = await send(...target(ids));
  const absent = await send(...target(unknown));
  expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: absent.status, code: absent.body.code });
  expect(withoutIds(hidden.body, ids.requestId, ids.engagementId)).toEqual(withoutIds(absent.body, unknown.requestId, unknown.engagementId));
  expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
  // no ETag (only commands that succeed send one: their stream version), no replay header
  for (const res of [hidden, absent]) expect([res.headers.etag ?? null, res.headers['idempotent-replayed'] ?? null]).toEqual([null, null]);
  expect(await streamsOf(ids)).toEqual(before.streams);
  expect(await countEvents(t.db.pool)).toBe(before.count);
  return hidden;
}

describe('role x action matrix on a restricted request', () => {
  it.each(MATRIX)(
    '%s: those who may not know the request get the answer of an unknown id, the other forbidden actors 403; allowed ones succeed',
    async (_name, stage, target, allowed, about) => {
      for (const who of allowed) {
        const ids = await caseAt(stage, { restricted: true });
        const [path, body] = target(ids);
        await settled();
        for (const other of EVERYONE.filter((a) => !allowed.includes(a))) {
          if ((about === 'request' || about === 'engagement') && hiddenAt(other, stage)) {
            const res = await expectAnsweredAsUnknown(other, ids, target);
            expect({ who: other, status: res.status }).toEqual({ who: other, status: 404 });
            continue;
          }
          const before = await countEvents(t.db.pool);
          const res = await http.post(other, path, body);
          expect({ who: other, status: res.status, code: res.body.code }).toEqual({ who: other, status: 403, code: expect.stringMatching(/^access\./) });
          expect(await countEvents(t.db.pool)).toBe(before);
        }
        const ok = await http.post(who, path, body);
        expect({ who, status: ok.status, body: ok.status < 300 ? 'ok' : ok.body }).toEqual({ who, status: expect.any(Number), body: 'ok' });
      }
    },
  );
});

// Consent to publication can change: the State restricts or opens its request later, and
// everyone's view follows from that event on.
describe('the State restricts and opens its request', () => {
  const get = (who: ActorName, path: string) => request(t.server).get(path).set(ACTORS[who]);
  const listed = async (who: ActorName, requestId: string) =>
    ((await get(who, '/requests?limit=200&sort=-submittedAt').expect(200)).body.items as Array<{ requestId: string }>).some((r) => r.requestId === requestId);

  it('only the State whose request it is may restrict or open it; the others get 403 or, once it is restricted, the answer of an unknown id', async () => {
    const ids = await caseAt('open');
    for (const other of EVERYONE.filter((a) => a !== 'state')) {
      const res = await http.post(other, `/requests/${ids.requestId}/restrict`, { reason: 'x' });
      expect({ who: other, status: res.status, code: res.body.code }).toEqual({ who: other, status: 403, code: expect.stringMatching(/^access\./) });
    }
    await http.post('state', `/requests/${ids.requestId}/restrict`, { reason: 'The ministry asked for confidentiality' }).expect(200);
    for (const other of ['otherState', 'otherDonor', 'authority', 'donor'] as const) {
      const res = await expectAnsweredAsUnknown(other, ids, (i) => [`/requests/${i.requestId}/open`, { reason: 'x' }]);
      expect({ who: other, status: res.status }).toEqual({ who: other, status: 404 });
    }
    expect((await http.post('secretariat', `/requests/${ids.requestId}/open`, { reason: 'x' })).status).toBe(403);
    await http.post('state', `/requests/${ids.requestId}/open`, { reason: 'Cleared for publication' }).expect(200);
  });

  it('a restricted request is hidden from those not party to it from the change on, and shown again once opened; each change is in its history with who and why', async () => {
    const ids = await caseAt('open');
    await settled();
    expect(await listed('otherState', ids.requestId)).toBe(true);
    const restricted = await http.post('state', `/requests/${ids.requestId}/restrict`, { reason: 'The ministry asked for confidentiality' }).expect(200);
    await settled();
    expect(restricted.body.globalPosition).toEqual(expect.any(Number));
    for (const who of ['otherState', 'otherDonor', 'donor'] as const) {
      expect({ who, listed: await listed(who, ids.requestId), status: (await get(who, `/requests/${ids.requestId}`)).status }).toEqual({ who, listed: false, status: 404 });
    }
    expect((await get('otherState', `/requests?restricted=true&country=KE`).expect(200)).body.items.map((r: { requestId: string }) => r.requestId)).not.toContain(ids.requestId);
    for (const who of ['state', 'secretariat'] as const) {
      expect((await get(who, `/requests/${ids.requestId}`).expect(200)).body).toMatchObject({ requestId: ids.requestId, restricted: true });
    }
    // the repeated command is refused: nothing changes
    expect((await http.post('state', `/requests/${ids.requestId}/restrict`, { reason: 'again' }).expect(409)).body.code).toBe('request.already_restricted');

    await http.post('state', `/requests/${ids.requestId}/open`, { reason: 'Cleared for publication' }).expect(200);
    await settled();
    expect(await listed('otherState', ids.requestId)).toBe(true);
    const detail = (await get('otherDonor', `/requests/${ids.requestId}`).expect(200)).body;
    expect(detail.restricted).toBe(false);
    const changes = detail.history.filter((h: { type: string }) => h.type === 'RequestAccessChanged');
    expect(changes).toEqual([
      expect.objectContaining({ actorId: IDENTITIES.state.sub, actorRole: 'state', reason: 'The ministry asked for confidentiality', details: { restricted: true } }),
      expect.objectContaining({ actorId: IDENTITIES.state.sub, actorRole: 'state', reason: 'Cleared for publication', details: { restricted: false } }),
    ]);
  });

  it('an ended request keeps its access: 409 request.ended', async () => {
    const ids = await caseAt('submitted');
    await http.post('state', `/requests/${ids.requestId}/withdraw`, { reason: 'No longer needed' }).expect(200);
    expect((await http.post('state', `/requests/${ids.requestId}/restrict`, { reason: 'x' }).expect(409)).body.code).toBe('request.ended');
  });
});

describe('commands a non-party could try, on an unrestricted and on a restricted request', () => {
  // command, path and body on a case at stage `reported`, the 403 code another State and another donor get when they may know the request
  const NON_PARTY: Array<[string, (ids: Ids) => [string, object], { otherState: string; otherDonor: string }]> = [
    ['provide clarification', (i) => [`/requests/${i.requestId}/clarification`, { answer: { en: 'All ministries.' } }], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
    ['withdraw a request', (i) => [`/requests/${i.requestId}/withdraw`, { reason: 'No longer needed' }], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
    ['record the follow-up', (i) => [`/requests/${i.requestId}/follow-up`, { needMet: 'met', comment: { en: 'Done' } }], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
    ['triage', (i) => [`/requests/${i.requestId}/triage`, triageBody], { otherState: 'access.role_not_allowed', otherDonor: 'access.role_not_allowed' }],
    ['return for clarification', (i) => [`/requests/${i.requestId}/return-for-clarification`, { question: { en: 'Scope?' } }], { otherState: 'access.role_not_allowed', otherDonor: 'access.role_not_allowed' }],
    ['decline a request', (i) => [`/requests/${i.requestId}/decline`, { reason: 'Out of scope' }], { otherState: 'access.role_not_allowed', otherDonor: 'access.role_not_allowed' }],
    ['close a request', (i) => [`/requests/${i.requestId}/close`, {}], { otherState: 'access.role_not_allowed', otherDonor: 'access.role_not_allowed' }],
    ['propose a match', (i) => ['/engagements', { requestId: i.requestId, offerId: i.offerId, amount: '10.00', score: 0.5, reasons: ['fit'] }], { otherState: 'access.role_not_allowed', otherDonor: 'access.role_not_allowed' }],
    ['accept a match', (i) => [`/engagements/${i.engagementId}/accept`, {}], { otherState: 'access.not_own_country', otherDonor: 'access.not_own_offer' }],
    ['decline a match', (i) => [`/engagements/${i.engagementId}/decline`, { reason: 'Timing' }], { otherState: 'access.not_own_country', otherDonor: 'access.not_own_offer' }],
    ['cancel a match', (i) => [`/engagements/${i.engagementId}/cancel`, { reason: 'Duplicate' }], { otherState: 'access.role_not_allowed', otherDonor: 'access.role_not_allowed' }],
    ['plan a milestone', (i) => [`/engagements/${i.engagementId}/milestones`, { title: { en: 'Report' }, dueDate: '2027-09-30' }], { otherState: 'access.role_not_allowed', otherDonor: 'access.not_own_offer' }],
    ['report a milestone', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/report`, {}], { otherState: 'access.role_not_allowed', otherDonor: 'access.not_own_offer' }],
    ['reschedule a milestone', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/reschedule`, { dueDate: '2027-08-31', reason: 'Expert ill' }], { otherState: 'access.role_not_allowed', otherDonor: 'access.not_own_offer' }],
    ['confirm a milestone', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/confirm`, {}], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
    ['dispute a milestone', (i) => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/dispute`, { reason: 'Incomplete' }], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
    ['complete an engagement', (i) => [`/engagements/${i.engagementId}/complete`, {}], { otherState: 'access.role_not_allowed', otherDonor: 'access.not_own_offer' }],
    ['acknowledge a completion', (i) => [`/engagements/${i.engagementId}/acknowledge`, {}], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
    ['contest a completion', (i) => [`/engagements/${i.engagementId}/contest`, { reason: 'Report missing' }], { otherState: 'access.not_own_country', otherDonor: 'access.role_not_allowed' }],
  ];
  let open: Ids;
  let restricted: Ids;
  beforeAll(async () => {
    open = await caseAt('reported');
    restricted = await caseAt('reported', { restricted: true });
    await settled();
  });

  it.each(NON_PARTY)('%s: 403 with its code on an unrestricted request, the answer of an unknown id on a restricted one', async (_name, target, codes) => {
    for (const who of ['otherState', 'otherDonor'] as const) {
      const before = await streamsOf(open);
      const res = await http.post(who, ...target(open));
      expect({ who, status: res.status, code: res.body.code }).toEqual({ who, status: 403, code: codes[who] });
      expect(await streamsOf(open)).toEqual(before);

      const hidden = await expectAnsweredAsUnknown(who, restricted, target);
      expect({ who, status: hidden.status, code: hidden.body.code }).toEqual({ who, status: 404, code: expect.stringMatching(/^(request|engagement)\.not_found$/) });
    }
  });

  it('with If-Match, current or stale, the answer is still that of an unknown id (no 412 with the actual version)', async () => {
    const withdraw = (i: Ids): [string, object] => [`/requests/${i.requestId}/withdraw`, { reason: 'No longer needed' }];
    const report = (i: Ids): [string, object] => [`/engagements/${i.engagementId}/milestones/${i.milestoneId}/report`, {}];
    for (const ifMatch of ['"1"', '"99"']) {
      await expectAnsweredAsUnknown('otherState', restricted, withdraw, { 'If-Match': ifMatch });
      await expectAnsweredAsUnknown('otherDonor', restricted, report, { 'If-Match': ifMatch });
    }
  });

  it('an Idempotency-Key tells nothing either: fresh, reused, or used by another actor (even one with the same sub)', async () => {
    const withdraw = (i: Ids): [string, object] => [`/requests/${i.requestId}/withdraw`, { reason: 'No longer needed' }];
    // a fresh key: 404, and the key is not spent (the same again is 404 again, not a replay)
    const fresh = { 'Idempotency-Key': `fresh-${randomUUID()}` };
    await expectAnsweredAsUnknown('otherState', restricted, withdraw, fresh);
    await expectAnsweredAsUnknown('otherState', restricted, withdraw, fresh);
    // a key the actor already used for another request: 409 key_reused for both
    const used = { 'Idempotency-Key': `used-${randomUUID()}` };
    await http.post('otherState', '/requests', requestBody({ country: 'UG' }), used).expect(201);
    expect((await expectAnsweredAsUnknown('otherState', restricted, withdraw, used)).body.code).toBe('idempotency.key_reused');
    // the key the Secretariat used on the very same command: keys are per actor, nothing is replayed
    const submitted = await caseAt('submitted', { restricted: true });
    const ask = (i: Ids): [string, object] => [`/requests/${i.requestId}/return-for-clarification`, { question: { en: 'Scope?' } }];
    const secretariats = { 'Idempotency-Key': `secretariat-${randomUUID()}` };
    await http.post('secretariat', ...ask(submitted), secretariats).expect(200);
    expect((await expectAnsweredAsUnknown('otherState', submitted, ask, secretariats)).status).toBe(404);
    // the same sub with other rights (a State's token for the Secretariat officer's sub): never the Secretariat's answer
    const sameSubAsState = authHeaders({ sub: 'unodc-officer-1', role: 'state', country: 'UG' });
    expect((await expectAnsweredAsUnknown(sameSubAsState, submitted, ask, secretariats)).body.code).toBe('idempotency.key_reused');
  });

  it('the parties still act on the restricted request: the Secretariat, its State, its provider; an engaged provider gets 403 for what is not its own', async () => {
    const ids = await caseAt('proposed', { restricted: true });
    await settled();
    await http.post('donor', `/requests/${ids.requestId}/withdraw`, { reason: 'x' }).expect(403);
    await http.post('state', `/engagements/${ids.engagementId}/accept`).expect(200);
    await http.post('donor', `/engagements/${ids.engagementId}/accept`).expect(200);
    await eventually(() => streamEvents(t.db.pool, `engagement-${ids.engagementId}`), (es) => es.some((e) => e.type === 'EngagementActivated'));
    const milestoneId = (await http.post('donor', `/engagements/${ids.engagementId}/milestones`, { title: { en: 'Training' }, dueDate: '2027-06-30' }).expect(201)).body.milestoneId;
    await http.post('donor', `/engagements/${ids.engagementId}/milestones/${milestoneId}/report`).expect(200);
    await http.post('state', `/engagements/${ids.engagementId}/milestones/${milestoneId}/dispute`, { reason: 'Incomplete' }).expect(200);
    await http.post('secretariat', `/engagements/${ids.engagementId}/milestones/${milestoneId}/reschedule`, { dueDate: '2027-09-30', reason: 'Redo' }).expect(200);
    await http.post('donor', `/engagements/${ids.engagementId}/milestones/${milestoneId}/report`).expect(200);
    await http.post('state', `/engagements/${ids.engagementId}/milestones/${milestoneId}/confirm`).expect(200);
    await http.post('donor', `/engagements/${ids.engagementId}/complete`).expect(200);
    await settled();
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
