import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ExpectedVersion } from '@ta/event-store';
import { ACTORS, eventually, requestBody } from '../support/case-api';

// Who read personal data, and erasure (issue 18 item 5; docs/audit.md, "Who read personal data",
// "Erasure"): every served read of a contact person is an event on the subject's own stream,
// listed to the Secretariat and the request's State; the contact person is stored sealed with a
// key of its own, and erasure destroys the key; the log stays verifiable.
jest.setTimeout(60_000);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSONAL_DATA_READS_RETENTION_DAYS: '30' });
});
afterAll(() => t.close());

const readsOf = (requestId: string, who: Record<string, string>) => request(t.server).get(`/requests/${requestId}/contact-person/reads`).set(who);

async function submit(restricted = false): Promise<{ id: string; email: string }> {
  const email = `focal.${randomUUID()}@example.go.ke`;
  const res = await request(t.server).post('/requests').set(ACTORS.state).send(requestBody({ restricted, contactPerson: { name: 'Focal Point', email } })).expect(201);
  return { id: res.body.id, email };
}

describe('reads of a contact person are recorded and listed', () => {
  it('records each served read (who, when, which route), lists them newest first to the Secretariat and the State, never the data itself', async () => {
    const r = await submit();
    const empty = await readsOf(r.id, ACTORS.secretariat).expect(200);
    expect(empty.body).toEqual({ requestId: r.id, since: expect.any(String), reads: [] });
    expect(Date.now() - Date.parse(empty.body.since)).toBeGreaterThanOrEqual(30 * 86_400_000 - 60_000); // PERSONAL_DATA_READS_RETENTION_DAYS
    const before = Date.now();
    await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.secretariat).set('X-Correlation-Id', 'audit-check-1').expect(200);
    await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.state).expect(200);
    // Refused reads serve nothing and are not recorded as reads.
    await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.otherDonor).expect(403);

    for (const who of [ACTORS.secretariat, ACTORS.state]) {
      const res = await readsOf(r.id, who).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.reads).toEqual([
        { sequence: 2, subject: { kind: 'contact_person', requestId: r.id }, reader: { id: 'fp-ke', role: 'state', country: 'KE' }, route: 'GET /requests/{id}/contact-person', at: expect.any(String) },
        { sequence: 1, subject: { kind: 'contact_person', requestId: r.id }, reader: { id: 'unodc-officer-1', role: 'secretariat' }, route: 'GET /requests/{id}/contact-person', at: expect.any(String) },
      ]);
      expect(Date.parse(res.body.reads[1].at)).toBeGreaterThanOrEqual(before - 1000);
      expect(JSON.stringify(res.body)).not.toContain(r.email);
    }
    // The read's event carries the caller's correlation id, and no personal data.
    const { rows } = await t.db.pool.query(`SELECT data, metadata FROM event_store.events WHERE stream_id = $1 ORDER BY stream_position`, [`personal-data-${r.id}`]);
    expect(rows).toHaveLength(2);
    expect(rows[0].metadata.correlationId).toBe('audit-check-1');
    expect(JSON.stringify(rows)).not.toContain(r.email);
  });

  it("is not shown to another State or to a provider (403), nor is a restricted request's existence (404)", async () => {
    const r = await submit();
    expect((await readsOf(r.id, ACTORS.otherState).expect(403)).body.code).toBe('access.not_party');
    expect((await readsOf(r.id, ACTORS.donor).expect(403)).body.code).toBe('access.not_party');
    const hidden = await submit(true);
    expect((await readsOf(hidden.id, ACTORS.otherState).expect(404)).body.code).toBe('request.not_found');
    expect((await readsOf(randomUUID(), ACTORS.secretariat).expect(404)).body.code).toBe('request.not_found');
  });

  it("reads do not move the request's version, the consumers pass them, and the log still verifies", async () => {
    const r = await submit();
    const settled = () => eventually(() => Promise.all(t.infra.consumers.list().map((c) => c.status())), (all) => all.every((s) => s.lagEvents === 0));
    await settled();
    const etag = (await request(t.server).get(`/requests/${r.id}`).set(ACTORS.secretariat)).headers.etag;
    await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.secretariat).expect(200);
    await settled();
    expect(etag).toBe('"1"');
    expect((await request(t.server).get(`/requests/${r.id}`).set(ACTORS.secretariat)).headers.etag).toBe(etag);
    const verified = await request(t.server).get('/audit/verify').set(ACTORS.secretariat).expect(200);
    expect(verified.body).toMatchObject({ ok: true, brokenLinks: 0 });
  });
});

/** Every row of every table of the platform's schemas, as text, that contains `needle` (once every consumer has caught up). */
async function tablesHolding(needle: string): Promise<string[]> {
  await eventually(() => Promise.all(t.infra.consumers.list().map((c) => c.status())), (all) => all.every((s) => s.lagEvents === 0));
  const { rows: tables } = await t.db.pool.query<{ s: string; n: string }>(
    `SELECT table_schema AS s, table_name AS n FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const found: string[] = [];
  for (const { s, n } of tables) {
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS c FROM "${s}"."${n}" x WHERE x::text ILIKE '%' || $1 || '%'`, [needle]);
    if (rows[0].c > 0) found.push(`${s}.${n}`);
  }
  return found;
}

const erase = (requestId: string, who: Record<string, string>, reason = 'The focal point asked to be forgotten (para 14)') =>
  request(t.server).post(`/requests/${requestId}/contact-person/erasure`).set(who).send({ reason });

describe('erasure of a contact person (crypto-shredding)', () => {
  it('stores the contact person sealed: its e-mail is in no table, the route still serves it', async () => {
    const r = await submit();
    const { rows } = await t.db.pool.query(`SELECT data FROM event_store.events WHERE stream_id = $1 AND stream_position = 1`, [`request-${r.id}`]);
    expect(rows[0].data.contactPerson).toEqual({ sealed: { v: 1, alg: 'A256GCM', iv: expect.any(String), data: expect.any(String) } });
    expect(await tablesHolding(r.email)).toEqual([]);
    const res = await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.secretariat).expect(200);
    expect(res.body.contactPerson).toEqual({ name: 'Focal Point', email: r.email });
  });

  it('is for the Secretariat and the request\'s State, with a reason', async () => {
    const r = await submit();
    expect((await erase(r.id, ACTORS.otherState).expect(403)).body.code).toBe('access.not_party');
    expect((await erase(r.id, ACTORS.donor).expect(403)).body.code).toBe('access.not_party');
    expect((await erase(r.id, ACTORS.state, '   ').expect(400)).body.code).toBe('input.reason_required');
    expect((await erase(randomUUID(), ACTORS.secretariat).expect(404)).body.code).toBe('request.not_found');
    await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.state).expect(200); // nothing was erased
  });

  it('destroys the key: the contact person is gone for everyone, the erasure is recorded once, and the log still verifies', async () => {
    const r = await submit();
    await request(t.server).get(`/requests/${r.id}/contact-person`).set(ACTORS.secretariat).expect(200);
    const first = await erase(r.id, ACTORS.state).expect(200);
    expect(first.body).toEqual({ requestId: r.id, erasedAt: expect.any(String), erasedNow: true });
    expect((await erase(r.id, ACTORS.secretariat).expect(200)).body).toEqual({ requestId: r.id, erasedAt: first.body.erasedAt, erasedNow: false });
    for (const who of [ACTORS.secretariat, ACTORS.state]) {
      const res = await request(t.server).get(`/requests/${r.id}/contact-person`).set(who).expect(200);
      expect(res.body).toEqual({ requestId: r.id, contactPerson: null, erasedAt: first.body.erasedAt });
    }
    // Only the read before the erasure is listed (reads of nothing are not reads of personal data).
    expect((await readsOf(r.id, ACTORS.secretariat).expect(200)).body.reads).toHaveLength(1);
    const { rows } = await t.db.pool.query(`SELECT event_type, data FROM event_store.events WHERE stream_id = $1 ORDER BY stream_position`, [`personal-data-${r.id}`]);
    expect(rows.map((e) => e.event_type)).toEqual(['PersonalDataRead', 'PersonalDataErased']);
    expect(rows[1].data).toMatchObject({ subject: { kind: 'contact_person', requestId: r.id }, by: { id: 'fp-ke', role: 'state', country: 'KE' }, reason: expect.any(String) });
    expect(await tablesHolding(r.email)).toEqual([]);
    expect((await request(t.server).get('/audit/verify').set(ACTORS.secretariat).expect(200)).body).toMatchObject({ ok: true, brokenLinks: 0 });
    // And `npm run verify:log` as an operator runs it (the built tool, configured by its environment only).
    const verified = await promisify(execFile)(process.execPath, [join(__dirname, '..', '..', 'dist', 'libs', 'audit', 'src', 'cli', 'verify-log.main.js')], {
      cwd: join(__dirname, '..', '..'),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', DATABASE_URL: t.db.url },
    });
    expect(verified.stdout).toContain('OK: every hash chain and every seal verifies');
  });

  it('a contact person stored in clear before sealing existed: erasure stops every read; the clear text stays in its event (docs/audit.md)', async () => {
    const requestId = randomUUID();
    const email = `legacy.${randomUUID()}@example.go.ke`;
    const submitted = requestBody({ contactPerson: { name: 'Legacy Focal', email } });
    await t.infra.eventStore.store.append(
      `request-${requestId}`,
      [
        {
          id: randomUUID(),
          type: 'RequestSubmitted',
          schemaVersion: 2,
          data: { ...submitted, requestId, at: '2026-01-05T10:00:00.000Z', desiredWindow: null, sources: [] },
          metadata: { actorId: 'fp-ke', actorRole: 'state', correlationId: randomUUID(), causationId: null, occurredAt: '2026-01-05T10:00:00.000Z' },
        },
      ],
      ExpectedVersion.noStream,
    );
    const before = await request(t.server).get(`/requests/${requestId}/contact-person`).set(ACTORS.secretariat);
    expect(before.status).toBe(200);
    expect(before.body.contactPerson).toEqual({ name: 'Legacy Focal', email });
    await erase(requestId, ACTORS.secretariat).expect(200);
    expect((await request(t.server).get(`/requests/${requestId}/contact-person`).set(ACTORS.secretariat).expect(200)).body.contactPerson).toBeNull();
    expect(await tablesHolding(email)).toEqual(['event_store.events']);
  });
});
