import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, api, offerBody, requestBody, triageBody } from '../support/case-api';

let t: TestApp;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  t = await startTestApp({ COORDINATION_WAIT_TIMEOUT_MS: '5000' });
  http = api(t.server);
});
afterAll(() => t.close());

const get = (path: string, actor: keyof typeof ACTORS = 'secretariat', headers: Record<string, string> = {}) =>
  request(t.server).get(path).set(ACTORS[actor]).set(headers);

async function agreedEngagement(offer = offerBody(), amount = '1000.00') {
  const requestId: string = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
  await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
  const offerId: string = (await http.post('donor', '/offers', offer).expect(201)).body.id;
  const engagementId: string = (await http.post('secretariat', '/engagements', { requestId, offerId, amount, score: 0.5, reasons: ['fits'] }).expect(201)).body.id;
  await http.post('donor', `/engagements/${engagementId}/accept`).expect(200);
  const agreed = (await http.post('state', `/engagements/${engagementId}/accept`).expect(200)).body;
  return { requestId, offerId, engagementId, agreed };
}

describe("a detail carries its stream's version, and its ETag is that version", () => {
  it('the ETag of a request is the version a command answered with, and If-Match takes it', async () => {
    const submitted = (await http.post('state', '/requests', requestBody()).expect(201)).body;
    const first = await get(`/requests/${submitted.id}?minPosition=${submitted.globalPosition}`).expect(200);
    expect(first.body.version).toBe(1);
    expect(first.headers.etag).toBe('"1"');
    // a client that only read the request can send a command with If-Match
    const triaged = await http.post('secretariat', `/requests/${submitted.id}/triage`, triageBody, { 'If-Match': first.headers.etag }).expect(200);
    expect(triaged.headers.etag).toBe('"2"');
    await http.post('secretariat', `/requests/${submitted.id}/decline`, { reason: 'stale' }, { 'If-Match': first.headers.etag }).expect(412);
    const second = await get(`/requests/${submitted.id}?minPosition=${triaged.body.globalPosition}`).expect(200);
    expect([second.body.version, second.headers.etag]).toEqual([2, '"2"']);
    await get(`/requests/${submitted.id}`, 'secretariat', { 'If-None-Match': '"2"' }).expect(304);
  });

  it("an engagement's version counts its milestones' events, an offer's its capacity commitments", async () => {
    const { engagementId, offerId, agreed } = await agreedEngagement();
    const active = await get(`/engagements/${engagementId}?settled=${agreed.correlationId}`).expect(200);
    expect(active.body).toMatchObject({ status: 'active', version: 5 }); // proposed, accepted twice, agreed, activated
    const planned = (await http.post('donor', `/engagements/${engagementId}/milestones`, { title: { en: 'Report' }, dueDate: '2030-01-31' }).expect(201)).body;
    const reported = (await http.post('donor', `/engagements/${engagementId}/milestones/${planned.milestoneId}/report`, {}, { 'If-Match': `"${planned.version}"` }).expect(200)).body;
    const detail = await get(`/engagements/${engagementId}?minPosition=${reported.globalPosition}`).expect(200);
    expect([detail.body.version, detail.headers.etag]).toEqual([7, '"7"']);
    const offer = await get(`/offers/${offerId}`).expect(200);
    expect([offer.body.version, offer.headers.etag, offer.body.committed]).toEqual([2, '"2"', 100_000]);
  });
});

describe('minPosition and settled', () => {
  it('a minPosition past the head of the log is a 400, not a read of stale data', async () => {
    const res = await get('/requests?minPosition=999999999').expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'coordination.position_not_issued', errors: [{ path: '/query/minPosition', message: 'is past the head of the log' }] });
  });

  it("`settled` answers once the platform's own steps after a command are done: activation after the second acceptance", async () => {
    const { engagementId, requestId, agreed } = await agreedEngagement();
    expect(agreed.events).toEqual(['EngagementAccepted', 'EngagementAgreed']);
    expect(agreed.correlationId).toEqual(expect.any(String));
    const engagement = await get(`/engagements/${engagementId}?settled=${agreed.correlationId}`).expect(200);
    expect(engagement.body.status).toBe('active');
    const req = await get(`/requests/${requestId}?settled=${agreed.correlationId}`).expect(200);
    expect(req.body.status).toBe('matched');
  });

  it('the loser of a capacity race learns at once that, and why, its engagement was cancelled', async () => {
    const offerId: string = (await http.post('donor', '/offers', offerBody({ capacity: { kind: 'expert_days', days: 30 } })).expect(201)).body.id;
    const engagements: string[] = [];
    for (let i = 0; i < 2; i++) {
      const requestId: string = (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
      await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
      const id: string = (await http.post('secretariat', '/engagements', { requestId, offerId, amount: '20', score: 0.5, reasons: ['fits'] }).expect(201)).body.id;
      await http.post('donor', `/engagements/${id}/accept`).expect(200);
      engagements.push(id);
    }
    const [winner, loser] = engagements as [string, string];
    const first = (await http.post('state', `/engagements/${winner}/accept`).expect(200)).body;
    expect((await get(`/engagements/${winner}?settled=${first.correlationId}`).expect(200)).body.status).toBe('active');
    const agreed = (await http.post('state', `/engagements/${loser}/accept`, {}, { 'X-Correlation-Id': 'client-chosen-correlation-1' }).expect(200)).body;
    expect(agreed.correlationId).toBe('client-chosen-correlation-1');
    const cancelled = await get(`/engagements/${loser}?settled=client-chosen-correlation-1`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', endReason: 'insufficient_capacity' });
  });

  it('a command that is not settled in time is a 503 with Retry-After', async () => {
    const managers = t.infra.consumers.list()[(await t.infra.consumers.statuses()).findIndex((s) => s.name === 'case-process-managers')]!;
    await managers.stop();
    try {
      const { engagementId, agreed } = await agreedEngagement();
      const res = await get(`/engagements/${engagementId}?settled=${agreed.correlationId}`);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ code: 'coordination.not_settled', settled: agreed.correlationId });
    } finally {
      managers.start();
    }
  }, 30_000);
});
