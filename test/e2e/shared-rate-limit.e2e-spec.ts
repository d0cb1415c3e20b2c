import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { authHeaders } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Two API processes on one database count one client's requests together (edge.rate_limits).
describe('the rate limit across API processes', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    a = await startTestApp({ RATE_LIMIT_PER_MINUTE: '6' }, { db });
    b = await startTestApp({ RATE_LIMIT_PER_MINUTE: '6' }, { db });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  const who = { sub: 'fp-ke', role: 'state', country: 'KE' };

  it('six requests a minute in all, whichever process answers: the seventh gets 429 from either, concurrent or not', async () => {
    const first = await Promise.all([a, b, a, b].map((app) => request(app.server).get('/requests').set(authHeaders(who))));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await request(a.server).get('/requests').set(authHeaders(who))).status).toBe(200);
    expect((await request(b.server).get('/requests').set(authHeaders(who))).status).toBe(200);
    for (const app of [a, b]) {
      const over = await request(app.server).get('/requests').set(authHeaders(who)).expect(429);
      expect(over.body).toMatchObject({ status: 429, code: 'request.rate_limited' });
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    const { rows } = await db.pool.query<{ hits: number }>('SELECT hits FROM edge.rate_limits');
    expect(rows).toEqual([{ hits: 8 }]);
  });

  it('health checks are not counted', async () => {
    await request(a.server).get('/health/live').expect(200);
    await request(b.server).get('/health/ready').expect(200);
    const { rows } = await db.pool.query<{ hits: number }>('SELECT hits FROM edge.rate_limits');
    expect(rows).toEqual([{ hits: 8 }]);
  });
});

// Behind the compose file's proxy (TRUST_PROXY=1): each client is counted by the address the
// proxy forwards, not as the proxy; without TRUST_PROXY a forwarded address is not believed.
describe('the rate limit behind a proxy', () => {
  let db: TestDatabase;
  let behind: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    behind = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY: '1' }, { db });
    direct = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1' }, { db });
  });
  afterAll(async () => {
    await behind?.close();
    await direct?.close();
    await db?.drop();
  });

  const who = { sub: 'fp-ke', role: 'state', country: 'KE' };
  const from = (app: TestApp, address: string) => request(app.server).get('/requests').set(authHeaders(who)).set('X-Forwarded-For', address);

  it('with TRUST_PROXY=1, two clients the proxy names are counted apart; one of them twice is over', async () => {
    expect((await from(behind, '198.51.100.7')).status).toBe(200);
    expect((await from(behind, '203.0.113.9')).status).toBe(200);
    expect((await from(behind, '198.51.100.7')).status).toBe(429);
    // a client cannot choose its address by prepending one: the proxy's own entry (the last) counts
    expect((await from(behind, '192.0.2.1, 203.0.113.9')).status).toBe(429);
  });

  it('without it, the forwarded address is ignored: the connection is the client', async () => {
    expect((await from(direct, '192.0.2.10')).status).toBe(200);
    expect((await from(direct, '192.0.2.11')).status).toBe(429);
  });
});
