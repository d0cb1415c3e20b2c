import request from 'supertest';
import { ExpectedVersion } from '@ta/event-store';
import { startTestApp, type TestApp } from '../../../test/support/app';
import { authHeaders } from '../../../test/support/auth';
import { newEvent } from './audit-test-kit';

const SECRETARIAT = { sub: 'officer-1', role: 'secretariat' };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ AUDIT_SEALER: 'on' });
});
afterAll(() => t.close());

describe('GET /audit/verify', () => {
  it('answers ok for an untouched log, then names the first broken link once an event is edited in SQL', async () => {
    const store = t.infra.eventStore.store;
    // The log already holds the directory's seed (entered by events at start).
    const seeded = Number((await t.db.pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
    await store.append('request-http', [newEvent('RequestSubmitted', { n: 1 }), newEvent('RequestTriaged', { n: 2 })], ExpectedVersion.noStream);

    const clean = await request(t.server).get('/audit/verify').set(authHeaders(SECRETARIAT)).expect(200);
    expect(clean.body).toMatchObject({ ok: true, checkedEvents: seeded + 2, checkedSeals: 0, unsealedEvents: seeded + 2, brokenLinks: 0 });
    expect(clean.body.firstBroken).toBeUndefined();

    await t.db.pool.query(`UPDATE event_store.events SET data = '{"n": 20}' WHERE stream_id = 'request-http' AND stream_position = 2`);
    const broken = await request(t.server).get('/audit/verify').set(authHeaders(SECRETARIAT)).expect(200);
    expect(broken.body).toMatchObject({ ok: false, brokenLinks: 1, firstBroken: { kind: 'hash_mismatch', streamId: 'request-http', streamPosition: 2 } });
  });

  it('needs a token like every other route (problem details)', async () => {
    const res = await request(t.server).get('/audit/verify').expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('is for the Secretariat: a State gets 403', async () => {
    const res = await request(t.server).get('/audit/verify').set(authHeaders({ sub: 'fp-ke', role: 'state', country: 'KE' })).expect(403);
    expect(res.body.code).toBe('access.role_not_allowed');
  });

  it('shows the sealer among the consumers', async () => {
    const res = await request(t.server).get('/health/consumers').set(authHeaders(SECRETARIAT)).expect(200);
    expect(res.body.consumers.map((c: { name: string }) => c.name)).toContain('audit-sealer');
  });
});
