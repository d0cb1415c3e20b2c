import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('liveness answers up', async () => {
    await request(t.server).get('/health/live').expect(200, { status: 'up' });
  });

  it('readiness checks the database and the migrations', async () => {
    const res = await request(t.server).get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'up', checks: { database: { status: 'up' }, migrations: { status: 'up' } } });
  });

  it('readiness reports a pending migration as not ready', async () => {
    await t.db.pool.query(`DELETE FROM public.schema_migrations WHERE owner = 'event_store' AND id = '001-events'`);
    try {
      const res = await request(t.server).get('/health/ready').expect(503);
      expect(res.body.checks.migrations).toEqual({ status: 'down', detail: 'pending: event_store/001-events' });
    } finally {
      await t.db.pool.query(`INSERT INTO public.schema_migrations(owner, id) VALUES ('event_store', '001-events')`);
    }
  });

  it('an unknown route is a problem document', async () => {
    const res = await request(t.server).get('/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'request.unknown_route', instance: '/no-such-thing' });
  });
});
