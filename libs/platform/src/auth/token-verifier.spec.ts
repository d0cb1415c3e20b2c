import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { UnauthorizedError } from '@ta/core';
import { signJwt } from './jwt';
import { createTokenVerifier, type TokenVerifier } from './token-verifier';
import { parseTrustedIssuers } from './trusted-issuers';

// A real JWKS endpoint over HTTP, whose keys a test can change, and real keys of each algorithm.
interface Signer {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function signer(kid: string, alg: Signer['alg']): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const ISSUER = 'https://idp.example.org/realms/donors';
const AUDIENCE = 'ta-platform-api';
const HS_KEY = { kid: 'dev-1', secret: Buffer.from('d'.repeat(40), 'utf8') };
const NOW = new Date('2026-12-07T12:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);

describe('the bearer-token verifier (jose; JWKS of trusted issuers, HS256 as the development option)', () => {
  let server: Server;
  let published: JWK[] = [];
  let fetches = 0;
  let rsa: Signer;
  let ec: Signer;
  let ed: Signer;
  let verify: TokenVerifier;

  beforeAll(async () => {
    [rsa, ec, ed] = await Promise.all([signer('rsa-1', 'RS256'), signer('ec-1', 'ES256'), signer('ed-1', 'EdDSA')]);
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    published = [rsa.jwk, ec.jwk, ed.jwk];
    fetches = 0;
    const { port } = server.address() as AddressInfo;
    const issuers = parseTrustedIssuers(
      JSON.stringify([
        {
          issuer: ISSUER,
          audience: AUDIENCE,
          jwksUri: `http://127.0.0.1:${port}/jwks`,
          claims: { role: 'ta_role', organisation: 'ta_org', country: 'ta_country' },
          cooldownSeconds: 0,
        },
      ]),
    );
    verify = createTokenVerifier({ keys: [HS_KEY], issuer: 'ta-platform', audience: AUDIENCE, issuers });
  });

  const donor = { sub: 'u-17', ta_role: 'donor', ta_org: 'org-norad', name: 'A. Officer' };
  const sign = (s: Signer, claims: Record<string, unknown> = donor, edit: (j: SignJWT) => SignJWT = (j) => j) =>
    edit(
      new SignJWT(claims)
        .setProtectedHeader({ alg: s.alg, kid: s.kid, typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now - 60)
        .setExpirationTime(now + 600),
    ).sign(s.privateKey);
  const signRaw = (s: Signer, claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: s.alg, kid: s.kid }).sign(s.privateKey);
  const refusal = async (token: string | Promise<string>) => {
    try {
      await verify(await token, NOW);
      return 'accepted';
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) return `thrown ${(e as Error).constructor.name}: ${(e as Error).message}`;
      return e.code;
    }
  };

  it.each(['RS256', 'ES256', 'EdDSA'] as const)('accepts a %s token of the trusted issuer and maps its claims to the platform’s', async (alg) => {
    const s = { RS256: () => rsa, ES256: () => ec, EdDSA: () => ed }[alg]();
    await expect(verify(await sign(s), NOW)).resolves.toEqual({
      sub: 'u-17',
      role: 'donor',
      organisation: 'org-norad',
      name: 'A. Officer',
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now - 60,
      exp: now + 600,
    });
  });

  it('accepts the development HS256 tokens of the configured shared key', async () => {
    const token = signJwt({ sub: 'me', role: 'secretariat', iss: 'ta-platform', aud: AUDIENCE, iat: now, exp: now + 60 }, HS_KEY);
    await expect(verify(token, NOW)).resolves.toMatchObject({ sub: 'me', role: 'secretariat' });
  });

  it('a token verified once is still refused once it expires, or before it is valid, within the cache time', async () => {
    const token = signJwt({ sub: 'me', role: 'secretariat', iss: 'ta-platform', aud: AUDIENCE, iat: now, nbf: now, exp: now + 20 }, HS_KEY);
    await expect(verify(token, NOW)).resolves.toMatchObject({ sub: 'me' });
    const at = (seconds: number) => new Date((now + seconds) * 1000);
    await expect(verify(token, at(49))).resolves.toMatchObject({ sub: 'me' }); // exp + 29 s: within the leeway
    await expect(verify(token, at(50))).rejects.toMatchObject({ code: 'auth.expired' });
    await expect(verify(token, at(-30))).resolves.toMatchObject({ sub: 'me' });
    await expect(verify(token, at(-31))).rejects.toMatchObject({ code: 'auth.not_yet_valid' });
  });

  it('a token that differs from a verified one by its signature alone is refused', async () => {
    const token = signJwt({ sub: 'me', role: 'secretariat', iss: 'ta-platform', aud: AUDIENCE, iat: now, exp: now + 60 }, HS_KEY);
    await verify(token, NOW);
    const [h, p] = token.split('.');
    await expect(verify(`${h}.${p}.${'A'.repeat(43)}`, NOW)).rejects.toMatchObject({ code: 'auth.bad_signature' });
  });

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const forged = (header: Record<string, unknown>, claims: Record<string, unknown>, signature = '') => `${b64(header)}.${b64(claims)}.${signature}`;
  const fullClaims = { ...donor, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600 };

  it.each<[string, () => Promise<string> | string, string]>([
    ['alg: none', () => forged({ alg: 'none', typ: 'JWT' }, fullClaims), 'auth.unsupported_algorithm'],
    ['alg: None (case)', () => forged({ alg: 'None', kid: 'rsa-1' }, fullClaims), 'auth.unsupported_algorithm'],
    ['an HS512 token', () => forged({ alg: 'HS512', kid: 'dev-1' }, fullClaims, 'AAAA'), 'auth.unsupported_algorithm'],
    [
      'HS/RS key confusion: HS256 signed with the RSA public key as the secret, naming its kid',
      () => signJwt(fullClaims as never, { kid: 'rsa-1', secret: Buffer.from(JSON.stringify(rsa.jwk)) }),
      'auth.unknown_key',
    ],
    [
      'HS/RS key confusion: the same, naming the shared key’s kid',
      () => signJwt({ ...fullClaims, iss: 'ta-platform' } as never, { kid: 'dev-1', secret: Buffer.from(JSON.stringify(rsa.jwk)) }),
      'auth.bad_signature',
    ],
    ['an RS256 token whose signature was altered', async () => (await sign(rsa)).replace(/.{4}$/, 'AAAA'), 'auth.bad_signature'],
    ['an RS256 token signed by another key under a published kid', async () => sign({ ...(await signer('rsa-1', 'RS256')) }), 'auth.bad_signature'],
    ['an ES256 header over an RSA key’s kid', () => sign({ ...ec, kid: 'rsa-1' }), 'auth.unknown_key'],
    ['a wrong issuer', () => sign(rsa, donor, (j) => j.setIssuer('https://idp.example.org/realms/other')), 'auth.invalid_claims'],
    ['no issuer', () => signRaw(rsa, { ...donor, aud: AUDIENCE, exp: now + 600 }), 'auth.invalid_claims'],
    ['a wrong audience', () => sign(rsa, donor, (j) => j.setAudience('another-api')), 'auth.invalid_claims'],
    ['expired (beyond the 30 s leeway)', () => sign(rsa, donor, (j) => j.setExpirationTime(now - 31)), 'auth.expired'],
    ['no expiry', () => signRaw(rsa, { ...donor, iss: ISSUER, aud: AUDIENCE }), 'auth.invalid_claims'],
    ['not yet valid (beyond the leeway)', () => sign(rsa, donor, (j) => j.setNotBefore(now + 31)), 'auth.not_yet_valid'],
    ['an unknown kid', async () => sign({ ...(await signer('rsa-unknown', 'RS256')) }), 'auth.unknown_key'],
    ['no role claim', () => sign(rsa, { sub: 'u-17', ta_org: 'org-norad' }), 'auth.invalid_claims'],
    ['no subject', () => sign(rsa, { ta_role: 'donor', ta_org: 'org-norad' }), 'auth.invalid_claims'],
    ['a header that is not JSON', () => `bm90IGpzb24.${b64(fullClaims)}.AAAA`, 'auth.malformed_token'],
    ['a header that is null', () => forged(null as never, fullClaims, 'AAAA'), 'auth.malformed_token'],
    ['two parts', () => `${b64({ alg: 'RS256' })}.${b64(fullClaims)}`, 'auth.malformed_token'],
  ])('refuses %s', async (_, token, code) => {
    expect(await refusal(token())).toBe(code);
  });

  it('accepts a token within the 30 s leeway of its expiry and not-before', async () => {
    expect(await refusal(sign(rsa, donor, (j) => j.setExpirationTime(now - 29)))).toBe('accepted');
    expect(await refusal(sign(rsa, donor, (j) => j.setNotBefore(now + 29)))).toBe('accepted');
  });

  it('refuses every token with a message that names neither the expected issuer, audience, key ids nor algorithms', async () => {
    const tokens = [
      await sign(rsa, donor, (j) => j.setIssuer('https://evil.example')),
      await sign(rsa, donor, (j) => j.setAudience('x')),
      await sign(await signer('nope', 'RS256')),
      forged({ alg: 'none' }, fullClaims),
    ];
    for (const token of tokens) {
      const error = await verify(token, NOW).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(UnauthorizedError);
      for (const secret of [ISSUER, AUDIENCE, 'rsa-1', 'ec-1', 'dev-1', 'RS256', 'ES256', 'EdDSA', 'HS256', '127.0.0.1']) {
        expect(error!.message).not.toContain(secret);
      }
    }
  });

  it('follows key rotation: a new kid makes it fetch the JWKS again; a withdrawn key is refused once the JWKS is fetched again', async () => {
    await verify(await sign(rsa), NOW);
    expect(fetches).toBe(1);
    await verify(await sign(ec), NOW);
    expect(fetches).toBe(1); // cached
    const next = await signer('rsa-2', 'RS256');
    published = [next.jwk, ec.jwk]; // rsa-1 withdrawn, rsa-2 added
    await expect(verify(await sign(next), NOW)).resolves.toMatchObject({ sub: 'u-17' });
    expect(fetches).toBe(2);
    expect(await refusal(sign(rsa))).toBe('auth.unknown_key');
  });

  it('keeps verifying while the JWKS changes under load: every token is either accepted or refused with a 401 code, none fails otherwise', async () => {
    const generations = await Promise.all([1, 2, 3, 4, 5].map((g) => signer(`rot-${g}`, g % 2 ? 'RS256' : 'ES256')));
    const results: string[] = [];
    for (const [g, s] of generations.entries()) {
      published = [s.jwk, ...(generations[g - 1] ? [generations[g - 1]!.jwk] : [])];
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? sign(s) : sign(generations[Math.max(0, g - 2)]!)).then((t) => refusal(t))),
      );
      results.push(...batch);
      // the newest key always verifies once published; a key withdrawn two generations ago may
      // still verify from the cache during the batch, but not once the JWKS was fetched again
      expect(batch.filter((_, i) => i % 2)).toEqual(Array(10).fill('accepted'));
      if (g >= 2) expect(await refusal(sign(generations[g - 2]!))).toBe('auth.unknown_key');
    }
    expect(results.filter((r) => r !== 'accepted' && r !== 'auth.unknown_key')).toEqual([]);
  });

  it('refuses tokens with unknown_key when the JWKS cannot be fetched, without failing otherwise', async () => {
    const closed = createTokenVerifier({
      keys: [],
      issuer: 'ta-platform',
      audience: AUDIENCE,
      issuers: parseTrustedIssuers(JSON.stringify([{ issuer: ISSUER, audience: AUDIENCE, jwksUri: 'http://127.0.0.1:9/jwks' }])),
    });
    await expect(closed(await sign(rsa), NOW)).rejects.toMatchObject({ code: 'auth.unknown_key' });
    // without shared keys, HS256 is not accepted at all
    const hs = signJwt({ sub: 'me', role: 'secretariat', iss: 'ta-platform', aud: AUDIENCE, iat: now, exp: now + 60 }, HS_KEY);
    await expect(closed(hs, NOW)).rejects.toMatchObject({ code: 'auth.unsupported_algorithm' });
  });
});

describe('AUTH_OIDC_ISSUERS', () => {
  const refusal = (raw: string) => {
    try {
      parseTrustedIssuers(raw);
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  };
  const ok = { issuer: 'https://login.example.org', audience: 'api', jwksUri: 'https://login.example.org/keys' };

  it('reads issuers with defaults: all three algorithms, the same claim names, a 10-minute cache and 30 s cooldown', () => {
    expect(parseTrustedIssuers(JSON.stringify([ok]))).toEqual([
      {
        ...ok,
        algorithms: ['RS256', 'ES256', 'EdDSA'],
        claims: { role: 'role', organisation: 'organisation', country: 'country' },
        cacheMaxAgeSeconds: 600,
        cooldownSeconds: 30,
      },
    ]);
    expect(parseTrustedIssuers(undefined)).toEqual([]);
    expect(parseTrustedIssuers(' ')).toEqual([]);
  });

  it('refuses what it cannot use, saying what', () => {
    expect(refusal('{')).toMatch(/^AUTH_OIDC_ISSUERS: is not JSON/);
    expect(refusal('[]')).toMatch(/^AUTH_OIDC_ISSUERS: expected a non-empty array/);
    expect(refusal(JSON.stringify([{ ...ok, audience: '' }]))).toBe('AUTH_OIDC_ISSUERS: entry 1 needs "audience" (a non-empty string)');
    expect(refusal(JSON.stringify([{ ...ok, jwksUri: 'http://login.example.org/keys' }]))).toBe('AUTH_OIDC_ISSUERS: entry 1: "jwksUri" must use https (http only on localhost)');
    expect(refusal(JSON.stringify([{ ...ok, jwksUri: 'http://127.0.0.1:8080/keys' }]))).toBe('accepted');
    expect(refusal(JSON.stringify([{ ...ok, algorithms: ['HS256'] }]))).toMatch(/"algorithms" must be a non-empty list of RS256, ES256, EdDSA$/);
    expect(refusal(JSON.stringify([{ ...ok, algorithms: ['none'] }]))).toMatch(/"algorithms" must be/);
    expect(refusal(JSON.stringify([{ ...ok, claims: { admin: 'x' } }]))).toMatch(/"claims" maps role, organisation, country to claim names$/);
    expect(refusal(JSON.stringify([{ ...ok, secret: 'x' }]))).toBe('AUTH_OIDC_ISSUERS: entry 1 has unknown fields: secret');
    expect(refusal(JSON.stringify([ok, ok]))).toBe('AUTH_OIDC_ISSUERS: names the issuer "https://login.example.org" twice');
  });
});
