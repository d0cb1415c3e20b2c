import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { importedOfferId, reportedActivityId } from '@ta/iati';
import { iatiImport } from '../../apps/api/src/tools/iati-import';
import { authHeaders } from '../support/auth';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, api, countEvents, eventually, IDENTITIES, offerBody, requestBody, streamEvents, triageBody, type ActorName } from '../support/case-api';

/**
 * Importing providers' IATI activity files over HTTP, on real PostgreSQL: the committed donor
 * file of 300 activities (libs/iati/test/fixtures, with what its generator meant each activity to
 * be) gives the offers it should and nothing else; a second import records nothing; a changed
 * activity updates its offer; hostile files are refused and change nothing; and a round trip
 * (the platform's own export, imported into an empty platform) gives back the engagements'
 * providers, recipients, amounts and dates.
 */

const FIXTURES = join(__dirname, '../../libs/iati/test/fixtures');
const donorFile = readFileSync(join(FIXTURES, 'donor-activities.xml'), 'utf8');
interface WantReported {
  country: string;
  status: string;
  commitment: string;
  currency: string;
  disbursed: string | null;
  disbursements: number;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string | null;
  articles: string[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'donor-activities.expected.json'), 'utf8')) as {
  activities: { identifier: string; skip?: string; offer?: { country: string; amount: string; currency: string; from: string; to: string; articles: string[]; languages: string[] }; reported?: WantReported }[];
};
const wantOffers = expected.activities.filter((a) => a.offer);
const wantReported = expected.activities.filter((a) => a.reported);
const wantDisbursements = wantReported.reduce((n, a) => n + a.reported!.disbursements, 0);
const wantSkips = expected.activities.filter((a) => a.skip);

let t: TestApp;
let source: TestApp;
let empty: TestApp;

const upload = (app: TestApp, actor: ActorName, path: string, xml: string, type = 'application/xml') =>
  request(app.server).post(path).set(ACTORS[actor]).set('Content-Type', type).send(xml);
const minor = (amount: string) => Math.round(Number(amount) * 100);

async function setIatiIdentifier(app: TestApp, organisation: string, iatiIdentifier: string, names: Record<string, string>): Promise<void> {
  await api(app.server).post('secretariat', `/directory/organisations/${organisation}/details`, { names, addresses: [], iatiIdentifier }).expect(200);
  // the importer reads the directory's read model
  await eventually(
    async () => (await app.db.pool.query('SELECT iati_identifier FROM directory.organisations WHERE id = $1', [organisation])).rows[0]?.iati_identifier,
    (v) => v === iatiIdentifier,
  );
}

beforeAll(async () => {
  [t, source, empty] = await Promise.all([startTestApp(), startTestApp(), startTestApp()]);
  await setIatiIdentifier(t, 'donor-giz', 'XI-IATI-TEST-GIZ', { en: 'GIZ' });
}, 120_000);
afterAll(() => Promise.all([t?.close(), source?.close(), empty?.close()]));

describe('the donor file of 300 activities', () => {
  it('previews the offers it would create, the reported activities it would record and the reason for each activity skipped, recording nothing', async () => {
    const before = await countEvents(t.db.pool);
    const res = await upload(t, 'donor', '/iati/imports/preview', donorFile).expect(200);
    expect(res.body.counts).toEqual({ activities: 300, create: wantOffers.length, update: 0, unchanged: 0, not_applied: 0, record: wantReported.length, update_record: 0, skip: wantSkips.length });
    const actions = new Map<string, { action: string; target?: string; sends?: string[] }>(res.body.activities.map((a: { identifier: string }) => [a.identifier, a]));
    for (const a of wantReported) expect(actions.get(a.identifier)).toMatchObject({ action: 'record', target: 'reported', sends: ['ReportActivity'] });
    for (const a of wantOffers) expect(actions.get(a.identifier)).toMatchObject({ action: 'create', target: 'offer', sends: ['RegisterOffer'] });
    const byId = new Map<string, { action: string; reason?: string; detail?: string }>(res.body.activities.map((a: { identifier: string }) => [a.identifier, a]));
    for (const a of wantSkips) expect({ id: a.identifier, reason: byId.get(a.identifier)?.reason }).toEqual({ id: a.identifier, reason: a.skip });
    for (const a of wantSkips) expect(byId.get(a.identifier)?.detail).toEqual(expect.any(String));
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('creates exactly the offers and reported activities its generator meant, with their recipients, amounts, dates and articles, and nothing else', async () => {
    const before = await countEvents(t.db.pool);
    const res = await upload(t, 'donor', '/iati/imports', donorFile).expect(200);
    expect(res.body.applied.filter((a: { outcome: string }) => a.outcome !== 'created' && a.outcome !== 'recorded')).toEqual([]);
    expect(res.body.applied).toHaveLength(wantOffers.length + wantReported.length);
    expect((await countEvents(t.db.pool)) - before).toBe(wantOffers.length + wantReported.length + wantDisbursements);
    for (const a of wantReported) {
      const events = await streamEvents(t.db.pool, `iati-activity-${reportedActivityId('donor-giz', a.identifier)}`);
      expect(events.map((e) => e.type)).toEqual(['ReportedActivityRecorded', ...Array(a.reported!.disbursements).fill('ReportedDisbursementRecorded')]);
      expect(events[0]!.metadata).toMatchObject({ actorId: IDENTITIES.donor.sub, actorRole: 'donor' });
    }
    // the read model and its route
    const listed = await eventually(
      async () => (await api(t.server).get('state', '/iati/reported-activities?provider=donor-giz').expect(200)).body,
      (b: { total: number; items: { iatiIdentifier: string }[] }) => b.total === wantReported.length,
    );
    const byIdentifier = new Map<string, Record<string, unknown>>(listed.items.map((i: { iatiIdentifier: string }) => [i.iatiIdentifier, i]));
    for (const a of wantReported) {
      const r = a.reported!;
      expect(byIdentifier.get(a.identifier)).toMatchObject({
        providerId: 'donor-giz',
        activityStatus: r.status,
        recipientCountries: [r.country],
        commitment: r.commitment,
        currency: r.currency,
        disbursed: r.disbursed,
        plannedStart: r.plannedStart,
        plannedEnd: r.plannedEnd,
        actualStart: r.actualStart,
        actualEnd: r.actualEnd,
        articles: r.articles,
      });
    }
    const country = wantReported[0]!.reported!.country;
    const inCountry = (await api(t.server).get('state', `/iati/reported-activities?country=${country}`).expect(200)).body;
    expect(inCountry.total).toBe(wantReported.filter((a) => a.reported!.country === country).length);
    expect(inCountry.items.every((i: { recipientCountries: string[] }) => i.recipientCountries.includes(country))).toBe(true);
    for (const a of wantOffers) {
      const events = await streamEvents(t.db.pool, `offer-${importedOfferId('donor-giz', a.identifier)}`);
      expect(events.map((e) => e.type)).toEqual(['OfferRegistered']);
      const o = a.offer!;
      expect(events[0]!.data).toMatchObject({
        providerId: 'donor-giz',
        providerKind: 'bilateral',
        eligibleCountries: [o.country],
        eligibleRegions: [],
        articles: o.articles,
        capacity: { kind: 'money', amount: minor(o.amount), currency: o.currency },
        availability: { from: o.from, to: o.to },
      });
      // recorded as the donor's own command
      expect(events[0]!.metadata).toMatchObject({ actorId: IDENTITIES.donor.sub, actorRole: 'donor' });
    }
  });

  it('imported a second time, changes nothing', async () => {
    const before = await countEvents(t.db.pool);
    const res = await upload(t, 'donor', '/iati/imports', donorFile).expect(200);
    expect(res.body.applied).toEqual([]);
    expect(res.body.counts).toMatchObject({ create: 0, update: 0, record: 0, update_record: 0, unchanged: wantOffers.length + wantReported.length, skip: wantSkips.length });
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('with activities that changed, extends and withdraws what it created, updates what it recorded, and says what it cannot apply', async () => {
    const [later, cancelled, dearer, moved] = wantOffers;
    const underWay = wantReported.find((a) => a.reported!.status === '2')!;
    const block = (xml: string, id: string) => {
      const start = xml.indexOf(`<iati-identifier>${id}</iati-identifier>`);
      const from = xml.lastIndexOf('<iati-activity ', start);
      const to = xml.indexOf('</iati-activity>', start);
      return [from, to] as const;
    };
    const edit = (xml: string, id: string, change: (activity: string) => string) => {
      const [from, to] = block(xml, id);
      return xml.slice(0, from) + change(xml.slice(from, to)) + xml.slice(to);
    };
    let changed = edit(donorFile, later!.identifier, (a) => a.replace(`<activity-date type="3" iso-date="${later!.offer!.to}"/>`, '<activity-date type="3" iso-date="2031-06-30"/>'));
    changed = edit(changed, cancelled!.identifier, (a) => a.replace(/<activity-status code="\d"\/>/, '<activity-status code="5"/>'));
    changed = edit(changed, dearer!.identifier, (a) => a.replace(`>${dearer!.offer!.amount}</value>`, '>999.00</value>'));
    changed = edit(changed, underWay.identifier, (a) => a.replace('<activity-status code="2"/>', '<activity-status code="3"/>'));
    changed = edit(changed, moved!.identifier, (a) => a.replace(`<activity-date type="1" iso-date="${moved!.offer!.from}"/>`, '<activity-date type="1" iso-date="2026-12-31"/>'));
    const before = await countEvents(t.db.pool);
    const res = await upload(t, 'donor', '/iati/imports', changed).expect(200);
    expect(res.body.counts).toMatchObject({ update: 3, not_applied: 1, create: 0, record: 0, update_record: 1 });
    expect(res.body.applied.map((a: { identifier: string; outcome: string }) => [a.identifier, a.outcome]).sort()).toEqual(
      [
        [later!.identifier, 'updated'],
        [cancelled!.identifier, 'updated'],
        [dearer!.identifier, 'updated'],
        [underWay.identifier, 'updated'],
      ].sort(),
    );
    expect(res.body.activities.find((a: { identifier: string }) => a.identifier === underWay.identifier)).toMatchObject({ action: 'update_record', changes: ['activity status'] });
    const reportedEvents = await streamEvents(t.db.pool, `iati-activity-${reportedActivityId('donor-giz', underWay.identifier)}`);
    expect(reportedEvents.at(-1)).toMatchObject({ type: 'ReportedActivityUpdated', data: { activityStatus: '3' } });
    expect(Object.keys(reportedEvents.at(-1)!.data as object).sort()).toEqual(['activityId', 'activityStatus', 'at']);
    const notApplied = res.body.activities.find((a: { identifier: string }) => a.identifier === moved!.identifier);
    expect(notApplied).toMatchObject({ action: 'not_applied', notApplied: [`start date ${moved!.offer!.from} -> 2026-12-31`] });
    const amended = await streamEvents(t.db.pool, `offer-${importedOfferId('donor-giz', dearer!.identifier)}`);
    expect(amended.map((e) => e.type)).toEqual(['OfferRegistered', 'OfferAmended']);
    expect(amended[1]!.data).toEqual({ offerId: importedOfferId('donor-giz', dearer!.identifier), at: expect.any(String), capacity: { kind: 'money', amount: 99_900, currency: 'EUR' }, remaining: 99_900 });
    expect((await countEvents(t.db.pool)) - before).toBe(4);
    expect((await streamEvents(t.db.pool, `offer-${importedOfferId('donor-giz', later!.identifier)}`)).map((e) => e.type)).toEqual(['OfferRegistered', 'OfferExtended']);
    expect((await streamEvents(t.db.pool, `offer-${importedOfferId('donor-giz', cancelled!.identifier)}`)).map((e) => e.type)).toEqual(['OfferRegistered', 'OfferWithdrawn']);
  });
});

describe('hostile, malformed and foreign files', () => {
  const small = donorFile.slice(0, donorFile.indexOf('</iati-activity>') + '</iati-activity>'.length) + '\n</iati-activities>\n';

  it.each([
    ['entity expansion', `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><iati-activities version="2.03"><iati-activity><iati-identifier>&c;</iati-identifier></iati-activity></iati-activities>`, 'iati.hostile_xml'],
    ['an external entity', `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><iati-activities version="2.03"><iati-activity><iati-identifier>&x;</iati-identifier></iati-activity></iati-activities>`, 'iati.hostile_xml'],
    ['a huge attribute', small.replace('type="10"', `type="${'9'.repeat(2_000_000)}"`), 'iati.limit_exceeded'],
    ['deep nesting', small.replace('<collaboration-type code="1"/>', `${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}`), 'iati.limit_exceeded'],
    ['not IATI', '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', 'iati.not_iati'],
    ['malformed', small.replace('</title>', '</titel>'), 'iati.malformed_xml'],
  ])('%s is refused with a problem and changes nothing', async (_name, xml, code) => {
    const before = await countEvents(t.db.pool);
    const res = await upload(t, 'donor', '/iati/imports', xml).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('names the activity and the element of a malformed one', async () => {
    const second = donorFile.indexOf('<iati-activity ', donorFile.indexOf('</iati-activity>'));
    const broken = donorFile.slice(0, second) + donorFile.slice(second).replace('<sector ', '<sector code="1" ');
    const res = await upload(t, 'donor', '/iati/imports/preview', broken).expect(400);
    expect(res.body).toMatchObject({ code: 'iati.malformed_xml', activity: expected.activities[1]!.identifier, element: 'iati-activities/iati-activity[2]/sector' });
  });

  it('another media type is refused at the edge (415)', async () => {
    const res = await upload(t, 'donor', '/iati/imports', donorFile, 'text/plain').expect(415);
    expect(res.body.code).toBe('request.unsupported_media_type');
  });
});

describe('who imports', () => {
  it('the Secretariat previews a provider\'s file by naming it, and must name it', async () => {
    const res = await upload(t, 'secretariat', '/iati/imports/preview?provider=donor-giz', donorFile).expect(200);
    expect(res.body.provider).toEqual({ organisationId: 'donor-giz', iatiIdentifier: 'XI-IATI-TEST-GIZ' });
    expect((await upload(t, 'secretariat', '/iati/imports/preview', donorFile).expect(400)).body.code).toBe('request.invalid_query');
  });

  it('the Secretariat confirms a provider\'s file on its behalf: the provider\'s rules apply, the events name both', async () => {
    const own = (xml: string) => xml.replace(/XI-IATI-TEST-GIZ-P/g, 'XI-IATI-TEST-GIZ-S');
    const offerActivity = wantOffers[3]!.identifier.replace('GIZ-P', 'GIZ-S');
    const reportedActivity = wantReported[3]!.identifier.replace('GIZ-P', 'GIZ-S');
    const res = await upload(t, 'secretariat', '/iati/imports?provider=donor-giz', own(donorFile)).expect(200);
    expect(res.body.counts).toMatchObject({ create: wantOffers.length, record: wantReported.length });
    const offer = await streamEvents(t.db.pool, `offer-${importedOfferId('donor-giz', offerActivity)}`);
    expect(offer[0]).toMatchObject({ type: 'OfferRegistered', data: { providerId: 'donor-giz', providerKind: 'bilateral' } });
    expect(offer[0]!.metadata).toMatchObject({ actorId: IDENTITIES.secretariat.sub, actorRole: 'secretariat', onBehalfOf: 'donor-giz' });
    const reported = await streamEvents(t.db.pool, `iati-activity-${reportedActivityId('donor-giz', reportedActivity)}`);
    expect(reported[0]!.metadata).toMatchObject({ actorId: IDENTITIES.secretariat.sub, actorRole: 'secretariat', onBehalfOf: 'donor-giz' });
    // naming no provider, the Secretariat is refused; its own access to offers is unchanged
    expect((await upload(t, 'secretariat', '/iati/imports', donorFile).expect(400)).body.code).toBe('request.invalid_query');
    expect((await api(t.server).post('secretariat', '/offers', offerBody()).expect(403)).body.code).toBe('access.role_not_allowed');
    // the provider's own rules: an organisation the Secretariat has not verified has nothing recorded for it, on its behalf either
    await api(t.server)
      .post('secretariat', '/directory/organisations', { organisationId: 'donor-unverified', kind: 'donor_agency', names: { en: 'Unverified agency' }, country: 'NO', iatiIdentifier: 'XI-IATI-TEST-GIZ', addresses: [], website: null })
      .expect(201);
    await eventually(
      async () => (await t.db.pool.query("SELECT status FROM directory.organisations WHERE id = 'donor-unverified'")).rows[0]?.status,
      (v) => v === 'proposed',
    );
    const before = await countEvents(t.db.pool);
    expect((await upload(t, 'secretariat', '/iati/imports?provider=donor-unverified', donorFile).expect(403)).body.code).toBe('access.organisation_not_verified');
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('a donor imports its own file only, a State none, and a provider needs an IATI identifier', async () => {
    expect((await upload(t, 'donor', '/iati/imports/preview?provider=donor-sida', donorFile).expect(403)).body.code).toBe('access.not_own_offer');
    expect((await upload(t, 'state', '/iati/imports/preview', donorFile).expect(403)).body.code).toBe('access.role_not_allowed');
    expect((await upload(t, 'otherDonor', '/iati/imports/preview', donorFile).expect(409)).body.code).toBe('iati.provider_unidentified');
    await request(t.server).post('/iati/imports/preview').set('Content-Type', 'application/xml').send(donorFile).expect(401);
  });
});

describe('npm run iati:import', () => {
  it('previews by default and imports with --confirm, through the API', async () => {
    const file = join(FIXTURES, 'donor-activities.xml');
    const token = authHeaders(IDENTITIES.donor).Authorization.replace(/^Bearer /, '');
    const preview = await iatiImport(['--file', file], { TA_TOKEN: token, TA_API_URL: t.url });
    expect(preview.ok).toBe(true);
    expect(preview.text).toContain('300 activities');
    expect(preview.text).toContain('nothing was recorded');
    // the file as committed, after the changed one above: the amount and the reported activity's status go back
    const first = await iatiImport(['--file', file, '--confirm'], { TA_TOKEN: token, TA_API_URL: t.url });
    expect(first.text).toContain('applied: created 0, recorded 0, updated 2, failed 0');
    const before = await countEvents(t.db.pool);
    const again = await iatiImport(['--file', file, '--confirm'], { TA_TOKEN: token, TA_API_URL: t.url });
    expect(again.text).toContain('applied: created 0, recorded 0, updated 0, failed 0');
    expect(await countEvents(t.db.pool)).toBe(before);
  });
});

describe('a round trip', () => {
  it('the platform\'s export, imported into an empty platform, gives back the engagements\' providers, recipients, amounts and dates as reported activities', async () => {
    const http = api(source.server);
    await setIatiIdentifier(source, 'unodc', 'XI-IATI-TEST-UNODC', { en: 'United Nations Office on Drugs and Crime' });
    await setIatiIdentifier(source, 'donor-giz', 'XI-IATI-TEST-GIZ', { en: 'GIZ' });
    const offer = (await http.post('donor', '/offers', offerBody({ eligibleCountries: ['KE', 'UG'] })).expect(201)).body.id;
    const made: { engagement: string; country: string; amount: string; from: string; to: string }[] = [];
    for (const [actor, country, amount, from, to] of [
      ['state', 'KE', '40000.00', '2027-02-01', '2027-11-30'],
      ['otherState', 'UG', '25000.50', '2027-05-15', '2028-04-30'],
    ] as const) {
      const requestId = (await http.post(actor, '/requests', requestBody({ country, desiredWindow: { from, to } })).expect(201)).body.id;
      await http.post('secretariat', `/requests/${requestId}/triage`, triageBody).expect(200);
      const engagement = (await http.post('secretariat', '/engagements', { requestId, offerId: offer, amount, score: 0.9, reasons: ['fit'] }).expect(201)).body.id;
      await http.post('donor', `/engagements/${engagement}/accept`).expect(200);
      await http.post(actor, `/engagements/${engagement}/accept`).expect(200);
      made.push({ engagement, country, amount, from, to });
    }
    // both agreed and activated (the capacity committed): in implementation, with their commitment
    const exported = await eventually(
      async () => (await http.get('secretariat', '/iati/activities.xml?provider=donor-giz').expect(200)).text,
      (xml) => made.every((m) => xml.includes(m.engagement)) && (xml.match(/<activity-status code="2"\/>/g) ?? []).length === made.length,
    );
    const engagements = (await source.db.pool.query<{ engagement_id: string; activated_at: Date }>('SELECT engagement_id, activated_at FROM coordination.engagements WHERE engagement_id = ANY($1)', [made.map((m) => m.engagement)])).rows;
    const activated = new Map(engagements.map((e) => [e.engagement_id, e.activated_at.toISOString().slice(0, 10)]));

    await setIatiIdentifier(empty, 'donor-giz', 'XI-IATI-TEST-GIZ', { en: 'GIZ' });
    const res = await upload(empty, 'donor', '/iati/imports', exported).expect(200);
    expect(res.body.counts).toMatchObject({ activities: 2, record: 2, create: 0, skip: 0 });
    const listed = await eventually(
      async () => (await api(empty.server).get('secretariat', '/iati/reported-activities?provider=donor-giz').expect(200)).body,
      (b: { total: number; items: { iatiIdentifier: string }[] }) => b.total === made.length,
    );
    for (const m of made) {
      const identifier = `XI-IATI-TEST-UNODC-${m.engagement}`;
      expect((await streamEvents(empty.db.pool, `iati-activity-${reportedActivityId('donor-giz', identifier)}`)).map((e) => e.type)).toEqual(['ReportedActivityRecorded']);
      expect(listed.items.find((i: { iatiIdentifier: string }) => i.iatiIdentifier === identifier)).toMatchObject({
        providerId: 'donor-giz',
        recipientCountries: [m.country],
        activityStatus: '2',
        commitment: m.amount,
        currency: 'EUR',
        plannedStart: m.from,
        plannedEnd: m.to,
        actualStart: activated.get(m.engagement),
        actualEnd: null,
        articles: triageBody.articles,
      });
    }
    // nothing else: no offer, no engagement
    expect(Number((await empty.db.pool.query("SELECT count(*) AS n FROM event_store.events WHERE stream_id LIKE 'offer-%' OR stream_id LIKE 'engagement-%'")).rows[0].n)).toBe(0);
  }, 60_000);
});
