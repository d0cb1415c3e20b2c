import { startTestApp, type TestApp } from '../support/app';
import { api, countEvents, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';
import { createCaseFixture } from '../support/case-fixture';

/**
 * The steps that had no command (issue 16): a State amends its request until it is matched; a
 * provider reports a milestone done with notes, answers a dispute; the Secretariat resolves it.
 * Through HTTP, on real PostgreSQL, read back from the read models.
 */
let t: TestApp;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  t = await startTestApp();
  http = api(t.server);
});
afterAll(() => t.close());

const read = (actor: 'state' | 'donor' | 'secretariat', path: string, position: number) => http.get(actor, `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`).expect(200);

describe('a State amends its request', () => {
  it('before triage: only the fields sent change, the history says which, the old translation is gone', async () => {
    const { id } = (await http.post('state', '/requests', requestBody()).expect(201)).body;
    await http.post('secretariat', `/requests/${id}/translations`, { text: 'title', language: 'es', translation: 'Título anterior' }).expect(200);
    const res = await http.post('state', `/requests/${id}/amend`, { title: { en: 'Asset declarations online' }, suggestedArticles: ['art-8', 'art-9'], desiredWindow: null }).expect(200);
    const events = await streamEvents(t.db.pool, `request-${id}`);
    expect(events.at(-1)).toMatchObject({ type: 'RequestAmended', data: { title: { en: 'Asset declarations online' }, suggestedArticles: ['art-8', 'art-9'], desiredWindow: null } });
    expect(Object.keys(events.at(-1)!.data).sort()).toEqual(['at', 'desiredWindow', 'requestId', 'suggestedArticles', 'title']);
    const detail = (await read('state', `/requests/${id}?lang=es`, res.body.globalPosition)).body;
    expect(detail).toMatchObject({ title: { en: 'Asset declarations online' }, articles: ['art-8', 'art-9'], desiredFrom: null, desiredTo: null });
    expect(detail.texts.title).toMatchObject({ text: 'Asset declarations online' });
    const amended = (detail.history as Array<{ type: string; details: Record<string, unknown> }>).find((h) => h.type === 'RequestAmended');
    expect(amended?.details).toMatchObject({ title: { en: 'Asset declarations online' }, suggestedArticles: ['art-8', 'art-9'], desiredWindow: null });
  });

  it('open for offers, but not once an engagement is proposed on it; bad input changes nothing', async () => {
    const { id } = (await http.post('state', '/requests', requestBody()).expect(201)).body;
    await http.post('secretariat', `/requests/${id}/triage`, triageBody).expect(200);
    await http.post('state', `/requests/${id}/amend`, { statePriority: 'medium' }).expect(200);
    const before = await countEvents(t.db.pool);
    expect((await http.post('state', `/requests/${id}/amend`, {}).expect(400)).body.code).toBe('request.invalid_body');
    expect((await http.post('state', `/requests/${id}/amend`, { suggestedArticles: ['art-99'] }).expect(400)).body.code).toBe('codelist.unknown_code');
    expect((await http.post('secretariat', `/requests/${id}/amend`, { statePriority: 'low' }).expect(403)).body.code).toBe('access.role_not_allowed');
    expect(await countEvents(t.db.pool)).toBe(before);
    const { id: offerId } = (await http.post('donor', '/offers', offerBody()).expect(201)).body;
    await http.post('secretariat', '/engagements', { requestId: id, offerId, amount: '1000.00', score: 0.5, reasons: ['article 8 in both'] }).expect(201);
    // the withdrawal process learns of the proposal from the log: the refusal follows it
    let res = await http.post('state', `/requests/${id}/amend`, { statePriority: 'low' });
    for (let i = 0; i < 50 && res.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      res = await http.post('state', `/requests/${id}/amend`, { statePriority: 'low' });
    }
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('request.engaged');
  });
});

describe('a milestone reported with notes, disputed, answered and resolved', () => {
  it('upheld: the milestone is due again; its notes, the answer and the resolution are case texts both sides read', async () => {
    const fx = await createCaseFixture(t.server);
    const m = `/engagements/${fx.engagementId}/milestones/${fx.milestoneId}`;
    await http.post('state', `${m}/dispute`, { reason: 'The county figures are missing' }).expect(200);
    await http.post('donor', `${m}/report`, { notes: { en: 'Figures added in annex 2', fr: 'Chiffres ajoutés en annexe 2' } }).expect(200);
    await http.post('state', `${m}/dispute`, { reason: 'Annex 2 is empty' }).expect(200);
    await http.post('donor', `${m}/dispute/answer`, { answer: 'Annex 2 was sent separately' }).expect(200);
    expect((await http.post('donor', `${m}/dispute/answer`, { answer: 'Again' }).expect(409)).body.code).toBe('engagement.dispute_already_answered');
    expect((await http.post('donor', `${m}/dispute/resolve`, { outcome: 'dismissed', reason: 'x' }).expect(403)).body.code).toBe('access.role_not_allowed');
    expect((await http.post('secretariat', `${m}/dispute/resolve`, { outcome: 'upheld', reason: 'No date' }).expect(400)).body.code).toBe('input.invalid');
    const res = await http.post('secretariat', `${m}/dispute/resolve`, { outcome: 'upheld', reason: 'Annex 2 never arrived', dueDate: '2027-06-30' }).expect(200);
    for (const actor of ['state', 'donor'] as const) {
      const e = (await read(actor, `/engagements/${fx.engagementId}?lang=en`, res.body.globalPosition)).body;
      expect(e.milestones.find((x: { milestoneId: string }) => x.milestoneId === fx.milestoneId)).toMatchObject({ status: 'rescheduled', dueDate: '2027-06-30' });
      expect(e.texts[`milestones/${fx.milestoneId}/reports/1/notes`]).toMatchObject({ text: 'Figures added in annex 2' });
      expect(e.texts[`milestones/${fx.milestoneId}/disputes/2/answer`]).toMatchObject({ text: 'Annex 2 was sent separately' });
      expect(e.texts[`milestones/${fx.milestoneId}/disputes/2/resolution`]).toMatchObject({ text: 'Annex 2 never arrived' });
    }
    const disputed = (await read('secretariat', '/coordination/milestones/disputed', res.body.globalPosition)).body;
    expect(JSON.stringify(disputed)).not.toContain(fx.milestoneId);
  });

  it('dismissed: the report stands, the milestone is confirmed and the engagement can complete', async () => {
    const fx = await createCaseFixture(t.server);
    const m = `/engagements/${fx.engagementId}/milestones/${fx.milestoneId}`;
    await http.post('state', `${m}/dispute`, { reason: 'Not convinced' }).expect(200);
    await http.post('secretariat', `${m}/dispute/resolve`, { outcome: 'dismissed', reason: 'The model was delivered on 3 March' }).expect(200);
    await http.post('donor', `/engagements/${fx.engagementId}/complete`).expect(200);
  });
});
