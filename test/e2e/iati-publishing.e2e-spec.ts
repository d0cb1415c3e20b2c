import request from 'supertest';
import { schemaErrors, SCHEMAS_ABSENT, SCHEMAS_PRESENT } from '../../libs/iati/test/iati-schema';
import { iatiExport } from '../../apps/api/src/tools/iati-export';
import { startTestApp, type TestApp } from '../support/app';
import { api, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

/**
 * IATI 2.03 publishing over HTTP, from a real lifecycle: the files validate against the official
 * schemas, hold the engagements both parties agreed to, and never a restricted request's
 * engagement, an engagement only proposed, nor anything personal (contact persons, actor ids).
 * Identifiers set here (`XI-IATI-TEST-...`) are test values, not the organisations' real ones.
 */

let t: TestApp;
let off: TestApp;
let http: ReturnType<typeof api>;
let openEngagement = '';
let restrictedEngagement = '';
let proposedEngagement = '';
let sidaEngagement = '';

const schemaIt = SCHEMAS_PRESENT ? it : it.skip;
if (!SCHEMAS_PRESENT) console.warn(SCHEMAS_ABSENT);

async function request_(body: Record<string, unknown>): Promise<string> {
  const id: string = (await http.post('state', '/requests', requestBody(body)).expect(201)).body.id;
  await http.post('secretariat', `/requests/${id}/triage`, triageBody).expect(200);
  return id;
}
async function engage(requestId: string, offerId: string, amount: string): Promise<string> {
  return (await http.post('secretariat', '/engagements', { requestId, offerId, amount, score: 0.9, reasons: ['fit'] }).expect(201)).body.id;
}
async function agree(engagementId: string, provider: 'donor' | 'otherDonor'): Promise<void> {
  await http.post(provider, `/engagements/${engagementId}/accept`).expect(200);
  await http.post('state', `/engagements/${engagementId}/accept`).expect(200);
}
const activities = (query = '') => request(t.server).get(`/public/iati/activities.xml${query}`);

beforeAll(async () => {
  [t, off] = await Promise.all([startTestApp({ PUBLIC_VIEW: 'on' }), startTestApp({ PUBLIC_VIEW: 'off' })]);
  http = api(t.server);
  await http
    .post('secretariat', '/directory/organisations/unodc/details', {
      names: { en: 'United Nations Office on Drugs and Crime', fr: 'Office des Nations Unies contre la drogue et le crime' },
      addresses: [],
      website: 'https://www.unodc.org',
      iatiIdentifier: 'XI-IATI-TEST-UNODC',
    })
    .expect(200);
  await http.post('secretariat', '/directory/organisations/donor-giz/details', { names: { en: 'GIZ', fr: 'GIZ' }, addresses: [], iatiIdentifier: 'XI-IATI-TEST-GIZ' }).expect(200);

  const giz = (await http.post('donor', '/offers', offerBody({ title: { en: 'Integrity advisers' } })).expect(201)).body.id;
  const sida = (await http.post('otherDonor', '/offers', offerBody({ providerId: 'donor-sida', eligibleCountries: ['KE'], title: { en: 'Procurement audits' } })).expect(201)).body.id;
  const open = await request_({ title: { en: 'Asset declarations verification', fr: 'Vérification des déclarations de patrimoine', ar: 'التحقق من إقرارات الذمة المالية' } });
  const restricted = await request_({ title: { en: 'Confidential whistle-blower channel review' }, restricted: true });
  const proposedOnly = await request_({ title: { en: 'Lobbying register design' } });
  const second = await request_({ title: { en: 'Public procurement audits' } });
  openEngagement = await engage(open, giz, '40000.00');
  restrictedEngagement = await engage(restricted, giz, '10000.00');
  proposedEngagement = await engage(proposedOnly, giz, '5000.00');
  sidaEngagement = await engage(second, sida, '20000.00');
  await agree(openEngagement, 'donor');
  await agree(restrictedEngagement, 'donor');
  await agree(sidaEngagement, 'otherDonor');
  // the engagement flow activates an agreed engagement: milestones are planned on an active one
  await eventually(async () => (await streamEvents(t.db.pool, `engagement-${openEngagement}`)).map((e) => e.type), (ts) => ts.includes('EngagementActivated'));
  const milestone = (await http.post('donor', `/engagements/${openEngagement}/milestones`, { title: { en: 'Risk model delivered' }, dueDate: '2027-03-31' }).expect(201)).body.milestoneId;
  await http.post('donor', `/engagements/${openEngagement}/milestones/${milestone}/report`).expect(200);
  // until the read models hold the activation and the milestone
  await eventually(
    async () => (await activities()).text,
    (xml) => xml.includes(sidaEngagement) && xml.includes('Risk model delivered') && xml.match(/<transaction-type code="2"\/>/g)?.length === 2,
  );
}, 90_000);
afterAll(() => Promise.all([t.close(), off.close()]));

describe('the iati-activities file', () => {
  schemaIt('validates against the official IATI 2.03 schema, whole and per provider', async () => {
    const all = await activities().expect(200);
    expect(all.headers['content-type']).toMatch(/^application\/xml/);
    expect(await schemaErrors(all.text, 'activities')).toEqual([]);
    expect(await schemaErrors((await activities('?provider=donor-giz').expect(200)).text, 'activities')).toEqual([]);
  });

  it('holds the agreed engagements of unrestricted requests, under identifiers prefixed by the reporting organisation', async () => {
    const xml = (await activities().expect(200)).text;
    const ids = [...xml.matchAll(/<iati-identifier>([^<]*)<\/iati-identifier>/g)].map((m) => m[1]).sort();
    expect(ids).toEqual([`XI-IATI-TEST-UNODC-${openEngagement}`, `XI-IATI-TEST-UNODC-${sidaEngagement}`].sort());
    expect(xml).toContain('<reporting-org ref="XI-IATI-TEST-UNODC" type="40">');
    expect(xml).toContain('<participating-org ref="XI-IATI-TEST-GIZ" role="1" type="10">');
    expect(xml).toContain('<narrative xml:lang="ar">التحقق من إقرارات الذمة المالية</narrative>');
    expect(xml).toMatch(/<value value-date="\d{4}-\d{2}-\d{2}">40000.00<\/value>/);
  });

  it('never holds a restricted request\'s engagement, an engagement only proposed, nor anything personal', async () => {
    const xml = (await activities().expect(200)).text;
    expect(xml).not.toContain(restrictedEngagement);
    expect(xml).not.toContain('whistle-blower');
    expect(xml).not.toContain(proposedEngagement);
    expect(xml).not.toContain('Lobbying register');
    for (const personal of ['Amina', 'example.go.ke', 'fp-ke', 'donor-giz-officer', 'unodc-officer-1', 'Ethics and Anti-Corruption Commission']) expect(xml).not.toContain(personal);
    // the restricted request's provider is engaged on it: its own file leaves it out too
    expect((await activities('?provider=donor-giz').expect(200)).text).not.toContain(restrictedEngagement);
  });

  it('narrows to one provider or one recipient State', async () => {
    const giz = (await activities('?provider=donor-giz').expect(200)).text;
    expect(giz).toContain(openEngagement);
    expect(giz).not.toContain(sidaEngagement);
    expect((await activities('?country=UG').expect(200)).text).not.toContain('<iati-activity ');
    await activities('?country=XX').expect(400);
  });

  it('is served to signed-in users where the public view is off, and not without sign-in there', async () => {
    await request(off.server).get('/public/iati/activities.xml').expect(404);
    await request(off.server).get('/iati/organisations.xml').expect(401);
  });
});

describe('the iati-organisations file', () => {
  schemaIt('validates against the official IATI 2.03 organisation schema and lists the directory entries with an IATI identifier', async () => {
    const xml = (await request(t.server).get('/public/iati/organisations.xml').expect(200)).text;
    expect(await schemaErrors(xml, 'organisations')).toEqual([]);
    const ids = [...xml.matchAll(/<organisation-identifier>([^<]*)<\/organisation-identifier>/g)].map((m) => m[1]);
    expect(ids).toEqual(['XI-IATI-TEST-GIZ', 'XI-IATI-TEST-UNODC']);
  });
});

describe('without an IATI identifier for the reporting organisation', () => {
  it('answers 409 iati.reporting_org_unidentified', async () => {
    const res = await api(off.server).get('secretariat', '/iati/activities.xml').expect(409);
    expect(res.body.code).toBe('iati.reporting_org_unidentified');
  });
});

describe('npm run iati:export', () => {
  const sameFile = (xml: string) => xml.replace(/generated-datetime="[^"]*"/, '');

  it('writes the file the route gives, per provider or for the organisations', async () => {
    const http = (await activities('?provider=donor-giz&country=KE').expect(200)).text;
    const cli = await iatiExport(['--provider', 'donor-giz', '--country', 'ke'], t.db.url);
    expect(sameFile(cli.xml)).toBe(sameFile(http));
    expect(cli.xml).toContain(openEngagement);
    const organisations = await iatiExport(['--organisations', '--out', 'organisations.xml'], t.db.url);
    expect(organisations.out).toBe('organisations.xml');
    expect(sameFile(organisations.xml)).toBe(sameFile((await request(t.server).get('/public/iati/organisations.xml').expect(200)).text));
  });

  it('refuses an unknown State, mixed options, and a missing DATABASE_URL, with the reason', async () => {
    await expect(iatiExport(['--country', 'XX'], t.db.url)).rejects.toThrow(/--country XX: not an ISO 3166-1 alpha-2/);
    await expect(iatiExport(['--organisations', '--provider', 'donor-giz'], t.db.url)).rejects.toThrow(/--organisations takes no --provider/);
    await expect(iatiExport([], undefined)).rejects.toThrow(/DATABASE_URL is not set/);
  });
});
