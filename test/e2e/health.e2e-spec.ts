import request from 'supertest';
import { ExpectedVersion } from '@ta/event-store';
import { f, toNewEvent } from '../../libs/coordination/test/case-fixtures';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/case-api';

let t: TestApp;
beforeAll(async () => {
  // A consumer more than 2 events behind for more than 1 s makes the process not ready.
  t = await startTestApp({ READINESS_MAX_LAG_EVENTS: '2', READINESS_MAX_LAG_SECONDS: '1' });
});
afterAll(() => t.close());

const CONSUMERS = ['consumer:case-process-managers', 'consumer:case-offer-expiry', 'consumer:coordination', 'consumer:directory-projector', 'consumer:iati-projector', 'consumer:notify', 'consumer:practices-projector'];

describe('health', () => {
  it('liveness answers up', async () => {
    await request(t.server).get('/health/live').expect(200, { status: 'up' });
  });

  it('readiness checks the database, the migrations and every consumer the process runs', async () => {
    // The consumers first catch up with the directory's seed, appended at start.
    const res = await eventually(
      () => request(t.server).get('/health/ready'),
      (r) => r.status === 200 && Object.values(r.body.checks as Record<string, { detail?: string }>).every((c) => c.detail === undefined),
    );
    expect(res.body.status).toBe('up');
    expect(Object.keys(res.body.checks).sort()).toEqual(['database', 'migrations', ...CONSUMERS].sort());
    for (const c of Object.values(res.body.checks)) expect(c).toEqual({ status: 'up' });
  });

  it('readiness reports a pending migration as not ready', async () => {
    await t.db.pool.query(`DELETE FROM public.schema_migrations WHERE owner = 'event_store' AND id = '001-event-store'`);
    try {
      const res = await request(t.server).get('/health/ready').expect(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, code: 'health.not_ready', detail: 'migrations: pending: event_store/001-event-store' });
      expect(res.body.checks.migrations).toEqual({ status: 'down', detail: 'pending: event_store/001-event-store' });
    } finally {
      await t.db.pool.query(`INSERT INTO public.schema_migrations(owner, id) VALUES ('event_store', '001-event-store')`);
    }
  });

  it('a consumer of the process that does not run makes it not ready, naming the consumer', async () => {
    const managers = t.infra.consumers.list()[(await t.infra.consumers.statuses()).findIndex((s) => s.name === 'case-process-managers')]!;
    await managers.stop();
    try {
      const res = await request(t.server).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ code: 'health.not_ready', detail: 'consumer:case-process-managers: not running' });
      const consumers = (await request(t.server).get('/health/consumers').expect(200)).body.consumers;
      expect(consumers.find((c: { name: string }) => c.name === 'case-process-managers')).toMatchObject({ running: false, active: false });
    } finally {
      managers.start();
    }
    await eventually(() => request(t.server).get('/health/ready'), (r) => r.status === 200);
  });

  it('the offer expiry scheduler is one of them: stopped, the process is not ready, naming it; started again, ready', async () => {
    const scheduler = t.infra.consumers.list()[(await t.infra.consumers.statuses()).findIndex((s) => s.name === 'case-offer-expiry')]!;
    await scheduler.stop();
    try {
      const res = await request(t.server).get('/health/ready').expect(503);
      expect(res.body).toMatchObject({ code: 'health.not_ready', detail: 'consumer:case-offer-expiry: not running' });
    } finally {
      scheduler.start();
    }
    await eventually(() => request(t.server).get('/health/ready'), (r) => r.status === 200);
  });

  it('a consumer that stays behind for longer than the bound makes the process not ready, and ready again once it catches up', async () => {
    // Hold the projector's checkpoint row: its next batch waits, as behind a stuck transaction.
    const holder = await t.db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT * FROM event_store.consumers WHERE name = 'coordination' FOR UPDATE`);
      for (let i = 0; i < 5; i++) {
        const x = f.submitted(`lagging-${i}`, '2025-01-01T00:00:00Z');
        await t.infra.eventStore.store.append(x.streamId, [toNewEvent(x)], ExpectedVersion.any);
      }
      const first = await request(t.server).get('/health/ready').expect(200);
      expect(first.body.checks['consumer:coordination']).toEqual({ status: 'up', detail: expect.stringMatching(/^\d+ events behind \(bound 2\) for 0 s$/) });
      const late = await eventually(() => request(t.server).get('/health/ready'), (r) => r.status === 503, 5_000);
      // The held row lock also holds back the log's read horizon: every consumer lags, the projector among them.
      expect(late.body.detail).toMatch(/(^|; )consumer:coordination: \d+ events behind \(bound 2\) for \d+ s, longer than 1 s/);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    await eventually(() => request(t.server).get('/health/ready'), (r) => r.status === 200, 10_000);
  });

  it('an unknown route is a problem document', async () => {
    const res = await request(t.server).get('/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'request.unknown_route', instance: '/no-such-thing' });
  });
});
