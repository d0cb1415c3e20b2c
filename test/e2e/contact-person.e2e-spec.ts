import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { authHeaders, type TestIdentity } from '../support/auth';
import { ACTORS, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

// A request's contact person is visible only to the Secretariat, the request's State
// and the provider of an agreed, active, completed or acknowledged engagement on it (GET /requests/:id/contact-person).

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Headers = { Authorization: string };
const provider = (organisation: string): TestIdentity => ({ sub: `${organisation}-officer`, role: 'donor', organisation });
const WHO = {
  secretariat: ACTORS.secretariat,
  state: ACTORS.state, // KE, the requesting State
  otherState: ACTORS.otherState, // UG
  active: ACTORS.donor, // donor-giz: its engagement is accepted by both, hence active
  proposed: ACTORS.authority, // authority-ke-eacc: its engagement is only proposed
  declined: authHeaders(provider('donor-declined')), // declined its engagement
  cancelled: authHeaders(provider('donor-cancelled')), // its engagement was cancelled by the Secretariat
  otherDonor: ACTORS.otherDonor, // donor-sida: no engagement on the request
} satisfies Record<string, Headers>;
type Who = keyof typeof WHO;

const post = async (who: Headers, path: string, body: object = {}) => {
  const res = await request(t.server).post(path).set(who).send(body);
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; globalPosition: number };
};
const get = (path: string, who?: Headers) => (who ? request(t.server).get(path).set(who) : request(t.server).get(path));
const contactOf = (requestId: string, who?: Headers) => get(`/requests/${requestId}/contact-person`, who);

/** Wait until the process managers and the projector have handled everything appended so far. */
async function settled(): Promise<void> {
  await eventually(() => Promise.all(t.infra.consumers.list().map((c) => c.status())), (all) => all.every((s) => s.lagEvents === 0));
}

async function offerOf(who: Headers, providerId: string, providerKind = 'bilateral'): Promise<string> {
  return (await post(who, '/offers', offerBody({ providerId, providerKind }))).id;
}

/**
 * A KE request with a contact person (a unique e-mail, to look for it everywhere) and four
 * engagements: GIZ's active, the authority's proposed, one declined by its provider, one
 * cancelled by the Secretariat.
 */
async function caseWithEngagements(restricted: boolean) {
  const contactPerson = { name: `Amina Njoroge ${randomUUID().slice(0, 8)}`, email: `amina.${randomUUID()}@example.go.ke` };
  const requestId = (await post(WHO.state, '/requests', requestBody({ restricted, contactPerson }))).id;
  await post(WHO.secretariat, `/requests/${requestId}/triage`, triageBody);
  const propose = async (offerId: string) => (await post(WHO.secretariat, '/engagements', { requestId, offerId, amount: '100.00', score: 0.8, reasons: ['fit'] })).id;
  const active = await propose(await offerOf(WHO.active, 'donor-giz'));
  const proposed = await propose(await offerOf(WHO.proposed, 'authority-ke-eacc', 'state_authority'));
  const declined = await propose(await offerOf(WHO.declined, 'donor-declined'));
  const cancelled = await propose(await offerOf(WHO.cancelled, 'donor-cancelled'));
  await post(WHO.state, `/engagements/${active}/accept`);
  await post(WHO.active, `/engagements/${active}/accept`);
  await post(WHO.declined, `/engagements/${declined}/decline`, { reason: 'No expert available' });
  await post(WHO.cancelled, `/engagements/${cancelled}/accept`);
  await post(WHO.secretariat, `/engagements/${cancelled}/cancel`, { reason: 'Duplicate' });
  await eventually(() => streamEvents(t.db.pool, `engagement-${active}`), (es) => es.some((e) => e.type === 'EngagementActivated'));
  await settled();
  return { requestId, contactPerson, activeEngagementId: active, engagementOf: { active, proposed, declined, cancelled } as Partial<Record<Who, string>> };
}

/** A problem body with the request's id replaced, to compare two 404s. */
// `traceId` is the HTTP request's own id (X-Request-Id), different on every answer.
const withoutId = (body: unknown, id: string) => JSON.parse(JSON.stringify({ ...(body as object), traceId: undefined }).split(id).join('<id>'));

describe.each([
  // who -> expected status; the rest of the row: unrestricted, restricted
  [false, { secretariat: 200, state: 200, active: 200, proposed: 403, declined: 403, cancelled: 403, otherState: 403, otherDonor: 403 }],
  [true, { secretariat: 200, state: 200, active: 200, proposed: 403, declined: 404, cancelled: 404, otherState: 404, otherDonor: 404 }],
] as Array<[boolean, Record<Who, 200 | 403 | 404>]>)('GET /requests/:id/contact-person on a request with restricted=%s', (restricted, expected) => {
  let c: Awaited<ReturnType<typeof caseWithEngagements>>;
  beforeAll(async () => {
    c = await caseWithEngagements(restricted);
  });

  it('the Secretariat, the State and the provider of an active engagement see it; the others get 403, or 404 when the request is restricted', async () => {
    const unknown = randomUUID();
    const notFound = (await contactOf(unknown, WHO.secretariat).expect(404)).body;
    const actual: Record<string, number> = {};
    for (const [who, headers] of Object.entries(WHO) as Array<[Who, Headers]>) {
      const res = await contactOf(c.requestId, headers);
      actual[who] = res.status;
      if (res.status === 200) {
        expect(res.body).toEqual({ requestId: c.requestId, contactPerson: c.contactPerson });
        expect(res.headers['cache-control']).toBe('no-store');
      } else {
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(res.body)).not.toContain(c.contactPerson.email);
      }
      if (res.status === 403) expect(res.body).toMatchObject({ status: 403, code: 'access.not_party' });
      // hidden: exactly the answer for a request that does not exist
      if (res.status === 404) expect(withoutId(res.body, c.requestId)).toEqual(withoutId(notFound, unknown));
    }
    expect(actual).toEqual(expected);
  });

  it('agrees with the commands: those who get 404 get the answer of an unknown id on a command about the request or its engagement', async () => {
    const unknown = randomUUID();
    const send = (who: Who, path: string, body: object) => request(t.server).post(path).set(WHO[who]).send(body);
    const followUp = { needMet: 'met', comment: { en: 'Done' } };
    const absentRequest = await send('otherState', `/requests/${unknown}/follow-up`, followUp);
    for (const who of Object.keys(WHO) as Who[]) {
      // the request: nobody may record a follow-up now (403, or 409 for its State), or it is unknown to them
      const onRequest = await send(who, `/requests/${c.requestId}/follow-up`, followUp);
      if (expected[who] === 404) expect({ who, body: withoutId(onRequest.body, c.requestId) }).toEqual({ who, body: withoutId(absentRequest.body, unknown) });
      else expect({ who, status: onRequest.status }).toEqual({ who, status: who === 'state' ? 409 : 403 });
      if (who === 'state') continue; // it may confirm milestones: a made-up one is another 404
      // an engagement (the provider's own, else the active one): confirming a milestone is for the State only
      const engagementId = c.engagementOf[who] ?? c.activeEngagementId;
      const milestone = randomUUID();
      const onEngagement = await send(who, `/engagements/${engagementId}/milestones/${milestone}/confirm`, {});
      const absentEngagement = await send(who, `/engagements/${unknown}/milestones/${milestone}/confirm`, {});
      if (expected[who] === 404) expect({ who, body: withoutId(onEngagement.body, engagementId) }).toEqual({ who, body: withoutId(absentEngagement.body, unknown) });
      else expect({ who, status: onEngagement.status, code: onEngagement.body.code }).toEqual({ who, status: 403, code: expect.stringMatching(/^access\./) });
    }
  });

  it('agrees with the coordinated view on who may know the request at all (404 there too, 200 for a proposed provider)', async () => {
    for (const who of Object.keys(WHO) as Who[]) {
      const detail = await get(`/requests/${c.requestId}`, WHO[who]);
      expect({ who, status: detail.status }).toEqual({ who, status: expected[who] === 404 ? 404 : 200 });
    }
  });
});

describe('GET /requests/:id/contact-person, edge cases', () => {
  it('an agreed engagement (both accepted, not yet active) is enough; its events, not a read model, decide', async () => {
    const contactPerson = { name: 'Otieno Kamau', email: `otieno.${randomUUID()}@example.go.ke` };
    const requestId = (await post(WHO.state, '/requests', requestBody({ restricted: true, contactPerson }))).id;
    await post(WHO.secretariat, `/requests/${requestId}/triage`, triageBody);
    const engagementId = (await post(WHO.secretariat, '/engagements', { requestId, offerId: await offerOf(WHO.otherDonor, 'donor-sida'), amount: '10.00', score: 0.7, reasons: ['fit'] })).id;
    await settled();
    await contactOf(requestId, WHO.otherDonor).expect(403); // proposed: it knows the request, not the person
    await t.infra.consumers.stopAll(); // nothing activates the engagement or updates read models now
    try {
      await post(WHO.state, `/engagements/${engagementId}/accept`);
      await post(WHO.otherDonor, `/engagements/${engagementId}/accept`);
      expect((await streamEvents(t.db.pool, `engagement-${engagementId}`)).map((e) => e.type)).toEqual(['EngagementProposed', 'EngagementAccepted', 'EngagementAccepted', 'EngagementAgreed']);
      expect((await contactOf(requestId, WHO.otherDonor).expect(200)).body.contactPerson).toEqual(contactPerson);
      await post(WHO.secretariat, `/engagements/${engagementId}/cancel`, { reason: 'Capacity needed elsewhere' });
      await contactOf(requestId, WHO.otherDonor).expect(404); // cancelled: restricted again, at once
    } finally {
      t.infra.consumers.startAll();
    }
  });

  it('a request without a contact person answers null to those who may see it', async () => {
    const requestId = (await post(WHO.state, '/requests', requestBody({ contactPerson: undefined }))).id;
    expect((await contactOf(requestId, WHO.secretariat).expect(200)).body).toEqual({ requestId, contactPerson: null });
    await contactOf(requestId, WHO.otherState).expect(403);
  });

  it('401 without a token, 404 for an id that is not a UUID (request.malformed_id) and for an unknown request', async () => {
    const requestId = (await post(WHO.state, '/requests', requestBody())).id;
    expect((await contactOf(requestId).expect(401)).body).toMatchObject({ status: 401, code: 'auth.missing_token' });
    expect((await contactOf('not-a-uuid', WHO.secretariat).expect(404)).body.code).toBe('request.malformed_id');
    expect((await contactOf(randomUUID(), WHO.secretariat).expect(404)).body.code).toBe('request.not_found');
  });

  it('is in the OpenAPI document', async () => {
    const docs = await get('/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/requests/{id}/contact-person');
  });
});

describe('no other endpoint exposes a contact person', () => {
  it('neither the name nor the e-mail appears in any query answer, even to the Secretariat and the State', async () => {
    const c = await caseWithEngagements(false);
    const offers = (await get('/offers?donor=donor-giz&limit=1', WHO.secretariat).expect(200)).body.items as Array<{ offerId: string }>;
    const paths = [
      '/requests?limit=200',
      `/requests?country=KE&limit=200`,
      `/requests/${c.requestId}`,
      '/offers?limit=200',
      `/offers/${offers[0]!.offerId}`,
      '/engagements?limit=200',
      `/engagements?requestId=${c.requestId}`,
      `/engagements/${c.activeEngagementId}`,
      '/coordination/summary',
      `/coordination/summary?asOf=${new Date().toISOString()}`,
      '/coordination/gaps',
      '/coordination/overlaps',
      '/coordination/pipeline',
      '/coordination/coverage',
      '/coordination/countries/KE',
      '/coordination/donors/donor-giz',
      '/coordination/milestones/overdue',
      '/coordination/milestones/disputed',
      '/coordination/funding',
    ];
    for (const who of [WHO.secretariat, WHO.state, WHO.active]) {
      for (const path of paths) {
        const res = await get(path, who);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect({ path, leaks: res.text.includes(c.contactPerson.email) || res.text.includes(c.contactPerson.name) }).toEqual({ path, leaks: false });
      }
    }
    // and the command answers carry ids and positions only
    const submitted = await request(t.server).post('/requests').set(WHO.state).send(requestBody({ contactPerson: c.contactPerson })).expect(201);
    expect(submitted.text).not.toContain(c.contactPerson.email);
  });
});
