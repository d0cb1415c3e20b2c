import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ExpectedVersion } from '@ta/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { authHeaders, type TestIdentity } from '../support/auth';
import { ACTORS, countEvents, eventually, offerBody, requestBody, streamEvents, triageBody } from '../support/case-api';

/**
 * The directory of organisations and of the national authorities that can assist other States
 * (resolution 3/2, para 9), through the API as started: notifications by States, identity from
 * the directory (a provider cannot claim another organisation's identity or kind), UNODC's
 * offers, funder and implementer, the public directory, and the mapping of old provider ids.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PUBLIC_VIEW: 'on' });
});
afterAll(() => t.close());

type Headers = { Authorization: string };
const as = (who: TestIdentity): Headers => authHeaders(who);
const post = (who: Headers, path: string, body: object = {}) => request(t.server).post(path).set(who).send(body);
const get = (path: string, who?: Headers) => (who ? request(t.server).get(path).set(who) : request(t.server).get(path));

const KE_STATE = ACTORS.state; // fp-ke
const UG_STATE = ACTORS.otherState; // fp-ug

const authorityBody = (organisationId: string, overrides: Record<string, unknown> = {}) => ({
  organisationId,
  country: 'KE',
  names: { en: `Authority ${organisationId}`, fr: `Autorité ${organisationId}` },
  addresses: ['Nairobi, Kenya'],
  website: 'https://www.example.go.ke',
  articles: ['art-6', 'art-9'],
  taTypes: ['c2-capacity-building'],
  languages: ['en', 'fr'],
  notifiedOn: '2026-01-15',
  contactPoint: { name: 'Wanjiru Kamau', email: `contact.${organisationId}@example.go.ke`, phone: '+254 20 123456' },
  ...overrides,
});

const organisationBody = (organisationId: string, overrides: Record<string, unknown> = {}) => ({
  organisationId,
  kind: 'donor_agency',
  names: { en: `Agency ${organisationId}` },
  country: 'NO',
  iatiIdentifier: null,
  addresses: [],
  website: null,
  ...overrides,
});

/** Until the directory projector has the entry (read models follow the log). */
const entry = (id: string, ok: (body: Record<string, unknown>) => boolean = () => true) =>
  eventually(
    () => get(`/directory/organisations/${id}`, ACTORS.secretariat),
    (res) => res.status === 200 && ok(res.body),
  ).then((res) => res.body as Record<string, unknown>);

async function openRequestOf(country: 'KE' | 'UG'): Promise<string> {
  const who = country === 'KE' ? KE_STATE : UG_STATE;
  const id: string = (await post(who, '/requests', requestBody({ country })).expect(201)).body.id;
  await post(ACTORS.secretariat, `/requests/${id}/triage`, triageBody).expect(200);
  return id;
}

describe('a State notifies its national prevention authorities (para 9)', () => {
  it("notifies two; one offers assistance to another State, and every view shows it as that State's authority", async () => {
    const ids = [`ke-ppra-${randomUUID().slice(0, 6)}`, `ke-ombudsman-${randomUUID().slice(0, 6)}`];
    for (const id of ids) {
      const res = await post(KE_STATE, '/directory/authorities', authorityBody(id)).expect(201);
      expect(res.headers.location).toBe(`/directory/organisations/${id}`);
      expect(res.body).toMatchObject({ id, events: ['AuthorityNotified'] });
    }
    const [peer] = ids as [string, string];
    // The authority acts for itself from its notification: its offer carries Kenya.
    const authority = as({ sub: `${peer}-officer`, role: 'authority', organisation: peer });
    const offerId: string = (await post(authority, '/offers', offerBody({ providerId: undefined, providerKind: undefined, eligibleCountries: ['UG'] })).expect(201)).body.id;
    const [registered] = await streamEvents(t.db.pool, `offer-${offerId}`);
    expect(registered!.data).toMatchObject({ providerId: peer, providerKind: 'state_authority', providerCountry: 'KE' });

    const requestId = await openRequestOf('UG');
    const engagementId: string = (await post(ACTORS.secretariat, '/engagements', { requestId, offerId, amount: '1000.00', score: 0.9, reasons: ['peer'] }).expect(201)).body.id;

    const offer = (await eventually(() => get(`/offers/${offerId}`, UG_STATE), (r) => r.status === 200)).body;
    expect(offer).toMatchObject({ providerId: peer, providerKind: 'state_authority', providerCountry: 'KE' });
    const listed = (await eventually(() => get(`/offers?limit=200`, ACTORS.secretariat), (r) => r.body.items.some((o: { offerId: string }) => o.offerId === offerId))).body;
    expect(listed.items.find((o: { offerId: string }) => o.offerId === offerId)).toMatchObject({ providerCountry: 'KE', providerKind: 'state_authority' });
    const engagement = (await eventually(() => get(`/engagements/${engagementId}`, ACTORS.secretariat), (r) => r.status === 200)).body;
    expect(engagement).toMatchObject({ providerId: peer, country: 'UG' });

    const inDirectory = await entry(peer);
    expect(inDirectory).toMatchObject({ kind: 'national_authority', status: 'verified', country: 'KE', authority: { articles: ['art-6', 'art-9'], channel: 'state' } });
    const keAuthorities = (await eventually(() => get('/directory/authorities?country=KE', UG_STATE), (r) => ids.every((id) => r.body.items.some((a: { id: string }) => a.id === id)))).body;
    expect(keAuthorities.items.every((a: { country: string; kind: string }) => a.country === 'KE' && a.kind === 'national_authority')).toBe(true);
  });

  it('is notified only by its own State; the Secretariat records one from a note verbale, naming it', async () => {
    const id = `ke-nv-${randomUUID().slice(0, 6)}`;
    const before = await countEvents(t.db.pool);
    expect((await post(UG_STATE, '/directory/authorities', authorityBody(id)).expect(403)).body.code).toBe('access.not_own_country');
    expect((await post(ACTORS.donor, '/directory/authorities', authorityBody(id)).expect(403)).body.code).toBe('access.role_not_allowed');
    expect(await countEvents(t.db.pool)).toBe(before);
    expect((await post(ACTORS.secretariat, '/directory/authorities', authorityBody(id)).expect(400)).body.code).toBe('input.invalid');
    await post(ACTORS.secretariat, '/directory/authorities', authorityBody(id, { noteVerbale: 'NV/KE/2026/7' })).expect(201);
    expect(await entry(id)).toMatchObject({ authority: { channel: 'note_verbale', noteVerbale: 'NV/KE/2026/7' } });
  });

  it('reads its own write with minPosition, and refuses a position the log has not given out', async () => {
    const id = `ke-ryw-${randomUUID().slice(0, 6)}`;
    const { globalPosition } = (await post(KE_STATE, '/directory/authorities', authorityBody(id)).expect(201)).body;
    expect((await get(`/directory/organisations/${id}?minPosition=${globalPosition}`, KE_STATE).expect(200)).body).toMatchObject({ id, version: 1 });
    expect((await get(`/directory/authorities?minPosition=${globalPosition}&country=KE`, KE_STATE).expect(200)).body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await get(`/directory/organisations?minPosition=${globalPosition + 1_000_000}`, KE_STATE).expect(400)).body.code).toBe('directory.position_not_issued');
  });

  it('assists under articles 5 to 14 only', async () => {
    const res = await post(KE_STATE, '/directory/authorities', authorityBody(`ke-x-${randomUUID().slice(0, 6)}`, { articles: ['art-46'] })).expect(400);
    expect(res.body.code).toBe('directory.article_not_in_prevention');
  });

  it('changes its areas by a later notification, and is withdrawn: then it no longer acts nor is listed', async () => {
    const id = `ke-chg-${randomUUID().slice(0, 6)}`;
    await post(KE_STATE, '/directory/authorities', authorityBody(id)).expect(201);
    const { notifiedOn: _n, organisationId: _o, country: _c, ...rest } = authorityBody(id);
    await post(KE_STATE, `/directory/authorities/${id}/changes`, { ...rest, articles: ['art-10'], notifiedOn: '2026-02-01' }).expect(200);
    await entry(id, (b) => (b.authority as { articles: string[] }).articles.join() === 'art-10');
    expect((await get(`/directory/authorities?article=art-10&country=KE`, ACTORS.secretariat).expect(200)).body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await post(UG_STATE, `/directory/authorities/${id}/withdraw`, { notifiedOn: '2026-02-10', reason: 'Merged' }).expect(403)).body.code).toBe('access.not_own_country');
    await post(KE_STATE, `/directory/authorities/${id}/withdraw`, { notifiedOn: '2026-02-10', reason: 'Merged into the new agency' }).expect(200);
    await entry(id, (b) => b.status === 'closed');
    expect((await get('/directory/authorities?country=KE', ACTORS.secretariat)).body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await get('/directory/authorities?country=KE&withdrawn=true', ACTORS.secretariat)).body.items.map((a: { id: string }) => a.id)).toContain(id);
    const res = await post(as({ sub: 'x', role: 'authority', organisation: id }), '/offers', offerBody({ providerId: undefined, providerKind: undefined })).expect(403);
    expect(res.body.code).toBe('access.organisation_not_verified');
  });
});

describe('identity from the directory: a provider cannot claim another identity or kind', () => {
  const proposedOnly = `donor-prop-${randomUUID().slice(0, 6)}`;
  const suspended = `donor-susp-${randomUUID().slice(0, 6)}`;
  beforeAll(async () => {
    await post(ACTORS.secretariat, '/directory/organisations', organisationBody(proposedOnly)).expect(201);
    await post(ACTORS.secretariat, '/directory/organisations', organisationBody(suspended)).expect(201);
    await post(ACTORS.secretariat, `/directory/organisations/${suspended}/verify`).expect(200);
    await post(ACTORS.secretariat, `/directory/organisations/${suspended}/suspend`, { reason: 'Registration under review' }).expect(200);
  });

  const donor = (organisation: string) => as({ sub: `${organisation}-officer`, role: 'donor', organisation });
  const authority = (organisation: string) => as({ sub: `${organisation}-officer`, role: 'authority', organisation });

  // [what is claimed, who, body overrides, status, code]
  const matrix: Array<[string, () => Headers, Record<string, unknown>, number, string | null]> = [
    ["another organisation's id in the body", () => ACTORS.donor, { providerId: 'donor-sida' }, 403, 'access.not_own_offer'],
    ['the kind of a national authority', () => ACTORS.donor, { providerKind: 'state_authority' }, 403, 'access.provider_kind_mismatch'],
    ['the kind of an intergovernmental organisation', () => ACTORS.donor, { providerKind: 'multilateral' }, 403, 'access.provider_kind_mismatch'],
    ['a national authority, with the donor role', () => donor('authority-ke-eacc'), { providerId: undefined, providerKind: undefined }, 403, 'access.role_kind_mismatch'],
    ['a donor agency, with the authority role', () => authority('donor-giz'), { providerKind: undefined }, 403, 'access.role_kind_mismatch'],
    ['an organisation the directory does not have', () => donor('donor-nowhere'), { providerId: 'donor-nowhere' }, 403, 'access.organisation_unknown'],
    ['an organisation the Secretariat has not verified', () => donor(proposedOnly), { providerId: proposedOnly }, 403, 'access.organisation_not_verified'],
    ['a suspended organisation', () => donor(suspended), { providerId: suspended }, 403, 'access.organisation_not_verified'],
    ['its own identity and kind', () => ACTORS.donor, {}, 201, null],
    ['its own identity, the kind left to the directory', () => ACTORS.donor, { providerId: undefined, providerKind: undefined }, 201, null],
  ];

  it.each(matrix)('claiming %s: %#', async (_what, who, overrides, status, code) => {
    const before = await countEvents(t.db.pool);
    const res = await post(who(), '/offers', offerBody(overrides)).expect(status);
    if (code) {
      expect(res.body.code).toBe(code);
      expect(await countEvents(t.db.pool)).toBe(before);
    } else {
      const [registered] = await streamEvents(t.db.pool, `offer-${res.body.id}`);
      expect(registered!.data).toMatchObject({ providerId: 'donor-giz', providerKind: 'bilateral' });
      expect(registered!.data).not.toHaveProperty('providerCountry');
    }
  });

  it('a donor proposes only its own organisation, and never verifies it', async () => {
    expect((await post(ACTORS.donor, '/directory/organisations', organisationBody('donor-other')).expect(403)).body.code).toBe('access.not_own_organisation');
    expect((await post(ACTORS.donor, '/directory/organisations/donor-giz/verify').expect(403)).body.code).toBe('access.role_not_allowed');
    expect((await post(ACTORS.donor, '/directory/organisations', organisationBody('donor-giz')).expect(409)).body.code).toBe('directory.organisation_exists');
  });

  it('a suspended organisation acts again once verified again', async () => {
    await post(ACTORS.secretariat, `/directory/organisations/${suspended}/verify`).expect(200);
    await post(donor(suspended), '/offers', offerBody({ providerId: suspended, providerKind: undefined })).expect(201);
  });

  it('refuses an IATI identifier whose prefix is not in the IATI registration agency codelist', async () => {
    const res = await post(ACTORS.secretariat, '/directory/organisations', organisationBody(`donor-iati-${randomUUID().slice(0, 6)}`, { iatiIdentifier: 'NOPE-123' })).expect(400);
    expect(res.body.code).toBe('directory.invalid_iati_identifier');
    await post(ACTORS.secretariat, '/directory/organisations', organisationBody(`donor-iati-${randomUUID().slice(0, 6)}`, { iatiIdentifier: 'NO-BRC-971277882' })).expect(201);
  });
});

describe('UNODC, and engagements funded by one organisation and implemented by another', () => {
  const unodc = as({ sub: 'unodc-programme-officer', role: 'donor', organisation: 'unodc' });

  it('UNODC (an intergovernmental organisation, in every directory) registers an offer', async () => {
    const res = await post(unodc, '/offers', offerBody({ providerId: undefined, providerKind: undefined })).expect(201);
    const offer = (await eventually(() => get(`/offers/${res.body.id}`, ACTORS.secretariat), (r) => r.status === 200)).body;
    expect(offer).toMatchObject({ providerId: 'unodc', providerKind: 'multilateral', providerCountry: null });
    expect(await entry('unodc')).toMatchObject({ kind: 'intergovernmental', status: 'verified', country: null });
  });

  it('an engagement funded by GIZ and implemented by UNODC shows both', async () => {
    const offerId: string = (await post(ACTORS.donor, '/offers', offerBody()).expect(201)).body.id;
    const requestId = await openRequestOf('KE');
    const proposal = { requestId, offerId, amount: '500.00', score: 0.7, reasons: ['fit'] };
    expect((await post(ACTORS.secretariat, '/engagements', { ...proposal, implementerId: 'nobody-here' }).expect(400)).body.code).toBe('engagement.unknown_implementer');
    const engagementId: string = (await post(ACTORS.secretariat, '/engagements', { ...proposal, implementerId: 'unodc' }).expect(201)).body.id;
    const engagement = (await eventually(() => get(`/engagements/${engagementId}`, KE_STATE), (r) => r.status === 200)).body;
    expect(engagement).toMatchObject({ providerId: 'donor-giz', implementerId: 'unodc' });
    const [proposed] = await streamEvents(t.db.pool, `engagement-${engagementId}`);
    expect(proposed!.data).toMatchObject({ providerId: 'donor-giz', implementerId: 'unodc' });
  });
});

describe('the public directory (PUBLIC_VIEW=on)', () => {
  it('lists the notified authorities by State with their areas, without sign-in and without contact points', async () => {
    const id = `ke-pub-${randomUUID().slice(0, 6)}`;
    await post(KE_STATE, '/directory/authorities', authorityBody(id)).expect(201);
    await entry(id);
    const res = await get('/public/directory/authorities?country=KE&lang=fr').expect(200);
    const mine = res.body.items.find((a: { id: string }) => a.id === id);
    expect(mine).toEqual({
      id,
      country: 'KE',
      name: `Autorité ${id}`,
      names: { en: `Authority ${id}`, fr: `Autorité ${id}` },
      addresses: ['Nairobi, Kenya'],
      website: 'https://www.example.go.ke',
      articles: ['art-6', 'art-9'],
      taTypes: ['c2-capacity-building'],
      languages: ['en', 'fr'],
      notifiedOn: '2026-01-15',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.go\.ke|Wanjiru/);
    const csv = await get('/public/directory/authorities.csv?country=KE').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('country,country_name,authority,addresses,website,articles,ta_types,languages,notified_on');
    expect(csv.text).toContain(`KE,Kenya,Authority ${id},"Nairobi, Kenya",https://www.example.go.ke,art-6 art-9,c2-capacity-building,en fr,2026-01-15`);
    expect(csv.text).not.toMatch(/@example\.go\.ke|Wanjiru/);
    // signed in, the contact point is there; without a token the directory's own routes are closed
    expect((await get(`/directory/organisations/${id}`, UG_STATE).expect(200)).body.authority.contactPoint).toMatchObject({ name: 'Wanjiru Kamau' });
    await get(`/directory/organisations/${id}`).expect(401);
  });

  it('is not served where the deployment keeps the public view off', async () => {
    const closed = await startTestApp();
    try {
      await request(closed.server).get('/public/directory/authorities').expect(404);
      await request(closed.server).get('/public/directory/authorities.csv').expect(404);
    } finally {
      await closed.close();
    }
  });
});

describe('provider ids recorded before the directory: a one-time mapping, by events, visible', () => {
  it('maps an old provider id to its organisation; its old offer stays its own', async () => {
    // An offer recorded before the directory, under the old free-string provider id `giz`.
    const offerId = randomUUID();
    const { type: _t, ...registration } = { type: 'x', offerId, at: new Date().toISOString(), providerId: 'giz', providerKind: 'bilateral', ...legacyOffer() };
    await t.infra.eventStore.store.append(`offer-${offerId}`, [{ id: randomUUID(), type: 'OfferRegistered', schemaVersion: 1, data: registration, metadata: { actorId: 'giz-officer', actorRole: 'donor', correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() } }], ExpectedVersion.noStream);

    expect((await post(ACTORS.donor, `/directory/organisations/donor-giz/provider-ids`, { providerIds: ['giz'] }).expect(403)).body.code).toBe('access.role_not_allowed');
    const mapped = await post(ACTORS.secretariat, '/directory/organisations/donor-giz/provider-ids', { providerIds: ['giz'] }).expect(200);
    expect(mapped.body.events).toEqual(['ProviderIdsMapped']);
    expect((await post(ACTORS.secretariat, '/directory/organisations/donor-giz/provider-ids', { providerIds: ['giz'] }).expect(200)).body.events).toEqual([]);
    const mapping = (await eventually(() => get('/directory/provider-ids', ACTORS.otherDonor), (r) => r.body.items.length > 0)).body;
    expect(mapping.items).toContainEqual({ providerId: 'giz', organisationId: 'donor-giz', mappedAt: expect.any(String) });
    expect((await entry('donor-giz', (b) => (b.providerIds as string[]).includes('giz'))).providerIds).toEqual(['giz']);

    // GIZ (as the directory knows it) withdraws the offer it recorded as `giz`; Sida cannot.
    expect((await post(ACTORS.otherDonor, `/offers/${offerId}/withdraw`, { reason: 'Not ours' }).expect(403)).body.code).toBe('access.not_own_offer');
    await post(ACTORS.donor, `/offers/${offerId}/withdraw`, { reason: 'Budget moved to the new programme' }).expect(200);
    // A token still naming the old id acts as the organisation it was mapped to.
    const legacy = as({ sub: 'giz-officer', role: 'donor', organisation: 'giz' });
    const res = await post(legacy, '/offers', offerBody({ providerId: undefined, providerKind: undefined })).expect(201);
    const [registered] = await streamEvents(t.db.pool, `offer-${res.body.id}`);
    expect(registered!.data).toMatchObject({ providerId: 'donor-giz' });
  });
});

function legacyOffer() {
  return {
    taTypes: ['c2-capacity-building'],
    articles: ['art-8'],
    eligibleCountries: ['KE'],
    eligibleRegions: [],
    languages: ['en'],
    modality: 'remote',
    capacity: { kind: 'expert_days', days: 10 },
    availability: { from: '2020-01-01', to: '2099-12-31' },
    title: { en: 'Old offer' },
    description: { en: 'Recorded before the directory.' },
  };
}
