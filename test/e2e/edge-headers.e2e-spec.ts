import request from 'supertest';
import { corsOrigins } from '@ta/platform/http';
import { startTestApp, type TestApp } from '../support/app';

// Security headers, request ids and CORS at the edge of the real API.
describe('the edge: security headers, request ids, CORS', () => {
  let t: TestApp;
  let withCors: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    withCors = await startTestApp({ CORS_ORIGINS: 'https://portal.example.org, http://localhost:5173' });
  });
  afterAll(async () => {
    await t?.close();
    await withCors?.close();
  });

  it('every response has nosniff, frame denial, no referrer, no X-Powered-By, and a strict CSP', async () => {
    for (const res of [await request(t.server).get('/health/ready'), await request(t.server).get('/requests'), await request(t.server).get('/no-such-route')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      const csp = String(res.headers['content-security-policy']).split(';').map((d) => d.trim());
      expect(csp).toEqual(
        expect.arrayContaining(["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]),
      );
      expect(csp.join(';')).not.toContain('unsafe');
    }
  });

  it('the API docs (Swagger UI) get a CSP that allows its inline parts, and still deny framing', async () => {
    const res = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(res.headers['content-security-policy']).toContain("'unsafe-inline'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('HSTS outside localhost only', async () => {
    expect((await request(t.server).get('/health/ready')).headers['strict-transport-security']).toBeUndefined();
    const remote = await request(t.server).get('/health/ready').set('Host', 'ta.example.org');
    expect(remote.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('a request id on every response: the caller’s when well formed, a new one otherwise; problem bodies name it', async () => {
    const fresh = await request(t.server).get('/requests').expect(401);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.body.traceId).toBe(fresh.headers['x-request-id']);
    const other = await request(t.server).get('/requests').expect(401);
    expect(other.headers['x-request-id']).not.toBe(fresh.headers['x-request-id']);

    const given = await request(t.server).get('/requests').set('X-Request-Id', 'proxy-7f3a9c:42').expect(401);
    expect(given.headers['x-request-id']).toBe('proxy-7f3a9c:42');
    expect(given.body.traceId).toBe('proxy-7f3a9c:42');

    for (const hostile of ['short', 'has spaces in it', 'a'.repeat(129), '<script>x</script>']) {
      const res = await request(t.server).get('/requests').set('X-Request-Id', hostile).expect(401);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('CORS is closed by default: another origin gets no Access-Control-Allow-Origin, preflight or not', async () => {
    const preflight = await request(t.server).options('/requests').set('Origin', 'https://portal.example.org').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(t.server).get('/health/ready').set('Origin', 'https://portal.example.org');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS_ORIGINS opens it to the origins listed, and to no other', async () => {
    const allowed = await request(withCors.server)
      .options('/requests')
      .set('Origin', 'https://portal.example.org')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example.org');
    expect(String(allowed.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    const get = await request(withCors.server).get('/health/ready').set('Origin', 'http://localhost:5173');
    expect(get.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(String(get.headers['access-control-expose-headers'])).toContain('X-Request-Id');
    const other = await request(withCors.server).get('/health/ready').set('Origin', 'https://evil.example.org');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS_ORIGINS refuses a wildcard, a path or something that is not an origin', () => {
    expect(corsOrigins({})).toEqual([]);
    for (const bad of ['*', 'https://portal.example.org/app', 'portal.example.org', 'ftp://x.example.org']) {
      expect(() => corsOrigins({ CORS_ORIGINS: bad })).toThrow(/^CORS_ORIGINS must list origins/);
    }
  });
});
