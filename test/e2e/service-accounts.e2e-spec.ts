import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, offerBody } from '../support/case-api';

// Service accounts: client credentials issued by the platform for an organisation's system,
// exchanged at POST /auth/token (client_credentials) for an access token that acts for that
// organisation only; revocable; every call visible to the organisation and the Secretariat.
describe('service accounts for organisations’ systems', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  const create = (actor: keyof typeof ACTORS, body: Record<string, unknown>) => request(t.server).post('/service-accounts').set(ACTORS[actor]).send(body);
  const token = (clientId: string, secret: string) =>
    request(t.server).post('/auth/token').auth(clientId, secret).type('form').send({ grant_type: 'client_credentials' });

  it('a donor creates one for its own organisation; its token acts as that organisation, and only that one', async () => {
    const created = await create('donor', { name: 'GIZ project database' }).expect(201);
    const { account, clientSecret } = created.body as { account: { clientId: string; organisation: string; role: string; createdBy: string }; clientSecret: string };
    expect(account).toMatchObject({ organisation: 'donor-giz', role: 'donor', createdBy: 'donor-giz-officer', revokedAt: null, uses: 0 });
    expect(clientSecret).toMatch(/^ta_sas_[A-Za-z0-9_-]{43}$/);
    // only the hash is stored
    const { rows } = await t.db.pool.query<{ secret_hash: string }>('SELECT secret_hash FROM identity.service_accounts WHERE client_id = $1', [account.clientId]);
    expect(rows[0]!.secret_hash).not.toContain(clientSecret);

    const issued = await token(account.clientId, clientSecret).expect(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body).toEqual({ access_token: expect.stringMatching(/^ta_sat_/), token_type: 'Bearer', expires_in: 3600 });
    const bearer = { Authorization: `Bearer ${issued.body.access_token as string}` };

    const own = await request(t.server).post('/offers').set(bearer).send(offerBody()).expect(201);
    const other = await request(t.server).post('/offers').set(bearer).send(offerBody({ providerId: 'donor-sida' }));
    expect(other.status).toBe(403);
    // it cannot triage (the Secretariat's) nor manage service accounts
    expect((await request(t.server).get('/service-accounts').set(bearer)).body.code).toBe('access.service_account_not_allowed');
    const offer = await request(t.server).get(`/offers/${own.body.id as string}`).set(ACTORS.secretariat).query({ minPosition: own.body.globalPosition as number });
    expect(offer.status).toBe(200);

    // its use is visible to its organisation and to the Secretariat, not to another donor
    const uses = await request(t.server).get(`/service-accounts/${account.clientId}/uses`).set(ACTORS.donor).expect(200);
    expect((uses.body.uses as Array<{ method: string; path: string; requestId: string }>).map((u) => `${u.method} ${u.path}`)).toEqual([
      'GET /service-accounts',
      'POST /offers',
      'POST /offers',
    ]);
    expect((uses.body.uses as Array<{ requestId: string }>)[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const all = await request(t.server).get('/service-accounts').set(ACTORS.secretariat).expect(200);
    expect((all.body.items as Array<{ clientId: string; uses: number }>).find((a) => a.clientId === account.clientId)?.uses).toBe(3);
    expect((await request(t.server).get(`/service-accounts/${account.clientId}/uses`).set(ACTORS.otherDonor)).status).toBe(404);
    expect((await request(t.server).get('/service-accounts').set(ACTORS.otherDonor).expect(200)).body.items).toEqual([]);
    expect((await request(t.server).get('/service-accounts').set(ACTORS.state)).status).toBe(403);
  });

  it('revoking ends its tokens at once and refuses new ones', async () => {
    const { account, clientSecret } = (await create('secretariat', { name: 'Sida grants system', organisation: 'donor-sida' }).expect(201)).body as {
      account: { clientId: string; organisation: string; createdBy: string };
      clientSecret: string;
    };
    expect(account).toMatchObject({ organisation: 'donor-sida', createdBy: 'unodc-officer-1' });
    const bearer = { Authorization: `Bearer ${(await token(account.clientId, clientSecret).expect(200)).body.access_token as string}` };
    await request(t.server).get('/coordination/summary').set(bearer).expect(200);
    // another organisation cannot revoke it
    expect((await request(t.server).post(`/service-accounts/${account.clientId}/revoke`).set(ACTORS.donor)).status).toBe(404);
    const revoked = await request(t.server).post(`/service-accounts/${account.clientId}/revoke`).set(ACTORS.otherDonor).expect(200);
    expect(revoked.body).toMatchObject({ revokedBy: 'donor-sida-officer', revokedAt: expect.any(String) });
    const refused = await request(t.server).get('/coordination/summary').set(bearer);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('auth.invalid_token');
    const noToken = await token(account.clientId, clientSecret);
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
    expect((await request(t.server).post(`/service-accounts/${account.clientId}/revoke`).set(ACTORS.secretariat)).body.code).toBe('service_account.revoked');
  });

  it('refuses wrong credentials, other grants, a JSON body, and tokens it never issued, saying nothing more', async () => {
    const { account, clientSecret } = (await create('authority', { name: 'EACC case system' }).expect(201)).body as { account: { clientId: string; role: string }; clientSecret: string };
    expect(account.role).toBe('authority');
    expect((await token(account.clientId, `${clientSecret}x`)).status).toBe(401);
    expect((await token('sa-0000000000000000', clientSecret)).status).toBe(401);
    const post = await request(t.server).post('/auth/token').type('form').send({ grant_type: 'client_credentials', client_id: account.clientId, client_secret: clientSecret });
    expect(post.status).toBe(200); // client_secret_post
    const password = await request(t.server).post('/auth/token').auth(account.clientId, clientSecret).type('form').send({ grant_type: 'password' });
    expect(post.status).toBe(200);
    expect(password.body.error).toBe('unsupported_grant_type');
    const json = await request(t.server).post('/auth/token').auth(account.clientId, clientSecret).send({ grant_type: 'client_credentials' });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid_request');
    const forged = await request(t.server).get('/coordination/summary').set({ Authorization: `Bearer ta_sat_${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('auth.invalid_token');
    expect(JSON.stringify(forged.body)).not.toContain('ta_sat_');
    // a donor cannot create one for another organisation; the Secretariat must name one
    expect((await create('donor', { name: 'x', organisation: 'donor-sida' })).body.code).toBe('access.not_own_organisation');
    expect((await create('secretariat', { name: 'x' })).body.code).toBe('service_account.organisation_required');
    expect((await create('secretariat', { name: 'x', organisation: 'donor-unknown' })).body.code).toBe('access.organisation_unknown');
  });
});
