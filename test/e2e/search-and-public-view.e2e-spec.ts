import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, api, offerBody, requestBody, triageBody, type ActorName } from '../support/case-api';

/**
 * Search and the public view over HTTP, with restricted requests: a restricted request's words
 * are found only by those who may know it (its State, the Secretariat, a provider engaged on
 * it), in every language; the public view lists open, unrestricted requests and open offers to
 * anyone, with nothing personal, and is not there when the deployment turns it off.
 */

let t: TestApp;
let off: TestApp;
let http: ReturnType<typeof api>;
let position = 0;

/** A word in each language, found nowhere else, and another form of it a reader types. */
const WORDS = [
  { language: 'en', text: 'Beekeeping cooperatives audit', query: 'cooperative' },
  { language: 'fr', text: 'Audit des coopératives apicoles', query: 'apicole' },
  { language: 'es', text: 'Auditoría de cooperativas apícolas', query: 'apícola' },
  { language: 'ru', text: 'Аудит пчеловодческих кооперативов', query: 'пчеловодческие' },
  { language: 'ar', text: 'تدقيق تعاونيات النحالين', query: 'النحالين' },
  { language: 'zh', text: '养蜂合作社审计', query: '养蜂' },
] as const;

let openId = '';
let restrictedId = '';
let engagedRestrictedId = '';
let selfAssessedId = '';
let reviewedId = '';

async function submit(actor: ActorName, body: object): Promise<string> {
  const res = await http.post(actor, '/requests', body).expect(201);
  position = Math.max(position, res.body.globalPosition);
  return res.body.id;
}
async function triage(id: string): Promise<void> {
  const res = await http.post('secretariat', `/requests/${id}/triage`, triageBody).expect(200);
  position = Math.max(position, res.body.globalPosition);
}

beforeAll(async () => {
  [t, off] = await Promise.all([startTestApp({ PUBLIC_VIEW: 'on' }), startTestApp({ PUBLIC_VIEW: 'off' })]);
  http = api(t.server);
  const title = Object.fromEntries(WORDS.map((w) => [w.language, w.text]));
  restrictedId = await submit('state', requestBody({ title, description: title, restricted: true }));
  await triage(restrictedId);
  openId = await submit('state', requestBody({ title: { en: 'Open data on public procurement' }, description: { en: 'Publishing procurement contracts as open data.' } }));
  await triage(openId);
  // Restricted, with GIZ (donor) engaged: GIZ may see it, Sida (otherDonor) may not.
  engagedRestrictedId = await submit('state', requestBody({ title: { en: 'Lobbying register design' }, restricted: true }));
  await triage(engagedRestrictedId);
  // Two requests on the same words, one citing a first-cycle self-assessment need on art. 9,
  // the other a second-cycle review finding on art. 10: the source filters tell them apart.
  const selfAssessment = { kind: 'self-assessment', round: '2015', cycle: 1, article: 'art-9', paragraph: '1', need: 'Electronic procurement' };
  const review = { kind: 'review-report', cycle: 2, chapter: 'ch-2', reportSymbol: 'CAC/COSP/IRG/II/1/1/Add.1', article: 'art-10', need: 'Public reporting' };
  selfAssessedId = await submit('state', requestBody({ title: { en: 'Tendering transparency portal' }, sources: [selfAssessment], statePriority: 'high' }));
  reviewedId = await submit('state', requestBody({ title: { en: 'Tendering transparency reports' }, sources: [review], statePriority: 'low' }));
  const offer = await http.post('donor', '/offers', offerBody({ title: { en: 'Integrity advisers' } })).expect(201);
  const engagement = await http.post('secretariat', '/engagements', { requestId: engagedRestrictedId, offerId: offer.body.id, amount: '100.00', score: 0.9, reasons: ['fit'] }).expect(201);
  position = Math.max(position, engagement.body.globalPosition);
}, 60_000);
afterAll(() => Promise.all([t.close(), off.close()]));

const search = (actor: ActorName | null, q: string, extra = '') => {
  const r = request(t.server).get(`/search?q=${encodeURIComponent(q)}&minPosition=${position}${extra}`);
  return actor ? r.set(ACTORS[actor]) : r;
};
const ids = async (actor: ActorName, q: string) => ((await search(actor, q).expect(200)).body.items as Array<{ id: string }>).map((i) => i.id);

describe('search over HTTP', () => {
  it.each(WORDS)('a restricted request in $language: found by its State and the Secretariat, not by another State or a donor who is not engaged', async ({ query }) => {
    expect(await ids('state', query)).toEqual([restrictedId]);
    expect(await ids('secretariat', query)).toEqual([restrictedId]);
    expect(await ids('otherState', query)).toEqual([]);
    expect(await ids('donor', query)).toEqual([]);
    expect(await ids('otherDonor', query)).toEqual([]);
  });

  it('a provider engaged on a restricted request finds it; another provider does not', async () => {
    expect(await ids('donor', 'lobbying')).toEqual([engagedRestrictedId]);
    expect(await ids('otherDonor', 'lobbying')).toEqual([]);
  });

  it("filters by the source of the need and the State's priority, as the lists do", async () => {
    const found = async (extra: string) => ((await search('secretariat', 'tendering', extra).expect(200)).body.items as Array<{ id: string }>).map((i) => i.id).sort();
    expect(await found('')).toEqual([selfAssessedId, reviewedId].sort());
    expect(await found('&sourceKind=self-assessment&sourceCycle=1&sourceArticle=art-9')).toEqual([selfAssessedId]);
    expect(await found('&sourceKind=self-assessment&sourceArticle=art-10')).toEqual([]);
    expect(await found('&sourceCycle=2&sourceChapter=ch-2')).toEqual([reviewedId]);
    expect(await found('&statePriority=high')).toEqual([selfAssessedId]);
    // A request-only filter leaves offers and engagements out.
    expect(await found('&kinds=offer&statePriority=high')).toEqual([]);
  });

  it('needs a token, and answers bad input with problem details', async () => {
    await search(null, 'audit').expect(401);
    const bad = await request(t.server).get('/search?q=audit&kinds=request,milestone').set(ACTORS.secretariat).expect(400);
    expect(bad.body).toMatchObject({ code: 'coordination.invalid_query', errors: [{ path: '/query/kinds' }] });
    const cursor = await request(t.server).get('/search?q=audit&cursor=bm9wZQ').set(ACTORS.secretariat).expect(400);
    expect(cursor.body.code).toBe('coordination.invalid_cursor');
  });
});

describe('the public view', () => {
  it('lists open unrestricted requests without a token, with nothing personal', async () => {
    const res = await request(t.server).get('/public/requests').expect(200);
    expect(res.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([openId]);
    const text = JSON.stringify(res.body);
    for (const personal of ['Amina', 'amina.njoroge', 'fp-ke', 'submittedBy', 'contactPerson', 'restricted']) expect(text).not.toContain(personal);
    expect(res.body.items[0]).toMatchObject({ country: 'KE', title: { en: 'Open data on public procurement' }, description: { en: 'Publishing procurement contracts as open data.' } });
  });

  it('lists open offers without a token, without amounts', async () => {
    const res = await request(t.server).get('/public/offers').expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ providerId: 'donor-giz', title: { en: 'Integrity advisers' } });
    expect(Object.keys(res.body.items[0])).not.toEqual(expect.arrayContaining(['capacity']));
    expect(JSON.stringify(res.body)).not.toMatch(/remaining|committed|100000/);
  });

  it('follows a consent change: a request the State restricts leaves the public view and the search of those who may not know it', async () => {
    const id = await submit('state', requestBody({ title: { en: 'Whistleblower hotline' } }));
    await triage(id);
    // The public view has no read-your-writes: a signed-in read waits for the position first.
    const publicIds = async () => {
      await search('secretariat', 'whistleblower').expect(200);
      return ((await request(t.server).get('/public/requests').expect(200)).body.items as Array<{ requestId: string }>).map((r) => r.requestId);
    };
    expect(await publicIds()).toContain(id);
    expect(await ids('otherDonor', 'whistleblower')).toEqual([id]);
    const restricted = await http.post('state', `/requests/${id}/restrict`, { reason: 'A witness named in the description' }).expect(200);
    position = Math.max(position, restricted.body.globalPosition);
    expect(await publicIds()).not.toContain(id);
    expect(await ids('otherDonor', 'whistleblower')).toEqual([]);
    expect(await ids('state', 'whistleblower')).toEqual([id]);
    const opened = await http.post('state', `/requests/${id}/open`, { reason: 'The witness agreed' }).expect(200);
    position = Math.max(position, opened.body.globalPosition);
    expect(await publicIds()).toContain(id);
    expect(await ids('otherDonor', 'whistleblower')).toEqual([id]);
  });

  it('is not there when the deployment turns it off', async () => {
    await request(off.server).get('/public/requests').expect(404);
    await request(off.server).get('/public/offers').expect(404);
  });
});
