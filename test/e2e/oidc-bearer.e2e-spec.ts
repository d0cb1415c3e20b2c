import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { tokenFor } from '../support/auth';
import { countEvents, requestBody, streamEvents } from '../support/case-api';

// The API trusting an identity provider (AUTH_OIDC_ISSUERS): its RS256/ES256 tokens verified
// against its JWKS, served over real HTTP, with its claim names mapped to the platform's.
const ISSUER = 'https://login.example.org/ministry-ke';
const AUDIENCE = 'ta-platform-api';

describe('bearer tokens of a trusted identity provider (JWKS)', () => {
  let jwks: Server;
  let published: JWK[];
  let rsa: { privateKey: CryptoKey; kid: string };
  let ec: { privateKey: CryptoKey; kid: string };
  let t: TestApp;
  let production: TestApp;

  beforeAll(async () => {
    const [r, e] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('ES256')]);
    rsa = { privateKey: r.privateKey, kid: 'rsa-2026' };
    ec = { privateKey: e.privateKey, kid: 'ec-2026' };
    published = [
      { ...(await exportJWK(r.publicKey)), kid: rsa.kid, alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(e.publicKey)), kid: ec.kid, alg: 'ES256', use: 'sig' },
    ];
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const issuers = JSON.stringify([
      {
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUri: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
        algorithms: ['RS256', 'ES256'],
        claims: { role: 'ta_role', country: 'ta_country' },
      },
    ]);
    t = await startTestApp({ AUTH_OIDC_ISSUERS: issuers });
    // production: no HS256 shared key at all, only the identity provider
    production = await startTestApp({ AUTH_OIDC_ISSUERS: issuers, AUTH_JWT_KEYS: '', NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t?.close();
    await production?.close();
    await new Promise<void>((resolve) => jwks.close(() => resolve()));
  });

  const now = () => Math.floor(Date.now() / 1000);
  const focalPoint = { sub: 'fp-ke-oidc', ta_role: 'state', ta_country: 'KE' };
  const sign = (key: { privateKey: CryptoKey; kid: string }, alg: string, claims: Record<string, unknown> = focalPoint, edit: (j: SignJWT) => SignJWT = (j) => j) =>
    edit(new SignJWT(claims).setProtectedHeader({ alg, kid: key.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime(now() + 300)).sign(key.privateKey);

  it.each([
    ['RS256', () => rsa],
    ['ES256', () => ec],
  ])('a State focal point signed in at the provider submits a request with its %s token; the events name the token’s subject', async (alg, key) => {
    const res = await request(t.server).post('/requests').set('Authorization', `Bearer ${await sign(key(), alg)}`).send(requestBody()).expect(201);
    const [event] = await streamEvents(t.db.pool, `request-${res.body.id}`);
    expect(event!.metadata).toMatchObject({ actorId: 'fp-ke-oidc', actorRole: 'state' });
  });

  it('in production, only the provider’s tokens are accepted: a development HS256 token is refused', async () => {
    await request(production.server).get('/requests').set('Authorization', `Bearer ${await sign(rsa, 'RS256')}`).expect(200);
    const res = await request(production.server).get('/requests').set('Authorization', `Bearer ${tokenFor({ sub: 'me', role: 'secretariat' })}`).expect(401);
    expect(res.body).toMatchObject({ status: 401, code: 'auth.unsupported_algorithm' });
  });

  it.each<[string, () => Promise<string>, string]>([
    ['another issuer', () => sign(rsa, 'RS256', focalPoint, (j) => j.setIssuer('https://login.example.org/other')), 'auth.invalid_claims'],
    ['another audience', () => sign(rsa, 'RS256', focalPoint, (j) => j.setAudience('another-api')), 'auth.invalid_claims'],
    ['an expired token', () => sign(rsa, 'RS256', focalPoint, (j) => j.setExpirationTime(now() - 120)), 'auth.expired'],
    ['a token not valid yet', () => sign(rsa, 'RS256', focalPoint, (j) => j.setNotBefore(now() + 120)), 'auth.not_yet_valid'],
    ['an unknown kid', () => sign({ ...rsa, kid: 'rsa-unknown' }, 'RS256'), 'auth.unknown_key'],
    ['an algorithm the issuer is not trusted with (EdDSA)', async () => sign({ ...(await generateKeyPair('EdDSA')), kid: 'ed' }, 'EdDSA'), 'auth.unsupported_algorithm'],
    ['a State token without its country claim', () => sign(rsa, 'RS256', { sub: 'x', ta_role: 'state' }), 'auth.invalid_claims'],
    ['alg none', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${(await sign(rsa, 'RS256')).split('.')[1]}.`, 'auth.unsupported_algorithm'],
  ])('%s: 401 problem details that name no issuer, audience or key, and nothing changes', async (_label, make, code) => {
    const before = await countEvents(t.db.pool);
    const res = await request(t.server).post('/requests').set('Authorization', `Bearer ${await make()}`).send(requestBody()).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code });
    const body = JSON.stringify(res.body);
    for (const secret of [ISSUER, AUDIENCE, 'rsa-2026', 'ec-2026', '127.0.0.1', 'ta_role']) expect(body).not.toContain(secret);
    expect(await countEvents(t.db.pool)).toBe(before);
  });
});
