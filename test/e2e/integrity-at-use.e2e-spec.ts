import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, eventually, offerBody, requestBody, triageBody } from '../support/case-api';

// Tampering noticed where the data is used (issue 23 item 1; docs/audit.md, "Checked at use"):
// rows changed directly in PostgreSQL under the running API. Each fault is refused at the next
// command or personal-data read of its case with 503 `integrity.chain_broken`, never answered
// with another record's data, and raises the alarm: `/health/integrity`, the Secretariat's
// `GET /audit/integrity-alarms`, and an `INTEGRITY ALARM` log line naming the stream and position.
jest.setTimeout(60_000);

let t: TestApp;
const logs: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ AUDIT_SEALER: 'on' }, { log: (line) => logs.push(line) });
});
afterAll(() => t.close());

const sql = (text: string, params: unknown[] = []) => t.db.pool.query(text, params);
const post = (path: string, body: object, who = ACTORS.secretariat) => request(t.server).post(path).set(who).send(body);

async function submit(): Promise<{ id: string; contactPerson: { name: string; email: string } }> {
  const contactPerson = { name: `Focal ${randomUUID().slice(0, 8)}`, email: `focal.${randomUUID()}@example.go.ke` };
  const res = await post('/requests', requestBody({ contactPerson }), ACTORS.state).expect(201);
  return { id: res.body.id, contactPerson };
}

/** The sealer (the witness of stream heads) has seen the stream up to `position`. */
async function witnessed(streamId: string, position: number): Promise<void> {
  await eventually(
    async () => (await sql('SELECT position FROM event_store.stream_heads WHERE stream_id = $1', [streamId])).rows[0]?.position,
    (p) => Number(p ?? 0) >= position,
  );
}

function expectRefused(res: request.Response, streamId: string): void {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ code: 'integrity.chain_broken', status: 503, streamId });
}

describe('a case whose stored history was tampered with is refused where it is used', () => {
  it('starts without alarm', async () => {
    await request(t.server).get('/health/integrity').expect(200, { status: 'up', alarms: 0 });
  });

  it("two requests' submitted payloads swapped: neither contact person is served, each read is refused and raises the alarm", async () => {
    const a = await submit();
    const b = await submit();
    await request(t.server).get(`/requests/${a.id}/contact-person`).set(ACTORS.secretariat).expect(200);
    await sql(
      `UPDATE event_store.events x SET data = y.data
         FROM (SELECT stream_id, data FROM event_store.events WHERE stream_id IN ($1, $2) AND stream_position = 1) y
        WHERE x.stream_id IN ($1, $2) AND x.stream_position = 1 AND y.stream_id <> x.stream_id`,
      [`request-${a.id}`, `request-${b.id}`],
    );
    for (const [mine, other] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const who of [ACTORS.secretariat, ACTORS.state]) {
        const res = await request(t.server).get(`/requests/${mine.id}/contact-person`).set(who);
        expectRefused(res, `request-${mine.id}`);
        expect(JSON.stringify(res.body)).not.toContain(other.contactPerson.email);
        expect(JSON.stringify(res.body)).not.toContain(mine.contactPerson.email);
      }
    }
    expect(logs.some((l) => l.startsWith(`INTEGRITY ALARM: stream request-${a.id} broken at position 1 (hash_mismatch`))).toBe(true);
    const health = await request(t.server).get('/health/integrity').expect(503);
    expect(health.headers['content-type']).toContain('application/problem+json');
    expect(health.body).toMatchObject({ code: 'integrity.alarm', kinds: ['hash_mismatch'] });
    expect(health.body.alarms).toBeGreaterThanOrEqual(2);
    const listed = await request(t.server).get('/audit/integrity-alarms').set(ACTORS.secretariat).expect(200);
    expect(listed.body.alarms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ streamId: `request-${a.id}`, kind: 'hash_mismatch', streamPosition: 1 }),
        expect.objectContaining({ streamId: `request-${b.id}`, kind: 'hash_mismatch', streamPosition: 1 }),
      ]),
    );
    await request(t.server).get('/audit/integrity-alarms').set(ACTORS.state).expect(403);
    // One broken case does not take the instance out of its balancer.
    await request(t.server).get('/health/ready').expect(200);
  });

  it('an event deleted in the middle: the next command is refused as a broken chain (503), not as a stale version (412)', async () => {
    const c = await submit();
    await post(`/requests/${c.id}/return-for-clarification`, { question: { en: 'Which institutions are covered?' } }).expect(200);
    await post(`/requests/${c.id}/clarification`, { answer: { en: 'All ministries.' } }, ACTORS.state).expect(200);
    await sql(`DELETE FROM event_store.events WHERE stream_id = $1 AND stream_position = 2`, [`request-${c.id}`]);
    const res = await post(`/requests/${c.id}/decline`, { reason: 'Out of scope' });
    expectRefused(res, `request-${c.id}`);
    expect(res.body.brokenLink).toEqual({ kind: 'missing_position', streamPosition: 2 });
    const count = await sql('SELECT count(*)::int AS n FROM event_store.events WHERE stream_id = $1', [`request-${c.id}`]);
    expect(count.rows[0].n).toBe(2); // nothing appended
    expect(logs.some((l) => l.startsWith(`INTEGRITY ALARM: stream request-${c.id} broken at position 2 (missing_position`))).toBe(true);
  });

  it("a stream's last event deleted once witnessed: the command that would write over the hole is refused (missing_tail)", async () => {
    const d = await submit();
    await post(`/requests/${d.id}/triage`, triageBody).expect(200);
    await witnessed(`request-${d.id}`, 2);
    await sql(`DELETE FROM event_store.events WHERE stream_id = $1 AND stream_position = 2`, [`request-${d.id}`]);
    const res = await post(`/requests/${d.id}/triage`, triageBody);
    expectRefused(res, `request-${d.id}`);
    expect(res.body.brokenLink).toEqual({ kind: 'missing_tail', streamPosition: 2 });
    expectRefused(await request(t.server).get(`/requests/${d.id}/contact-person`).set(ACTORS.secretariat), `request-${d.id}`);
  });

  it('an event edited: the command and the contact-person read are refused (hash_mismatch)', async () => {
    const e = await submit();
    await post(`/requests/${e.id}/triage`, triageBody).expect(200);
    await sql(`UPDATE event_store.events SET data = jsonb_set(data, '{priority}', '"low"') WHERE stream_id = $1 AND stream_position = 2`, [`request-${e.id}`]);
    const res = await post(`/requests/${e.id}/decline`, { reason: 'Out of scope' });
    expectRefused(res, `request-${e.id}`);
    expect(res.body.brokenLink).toEqual({ kind: 'hash_mismatch', streamPosition: 2 });
    expectRefused(await request(t.server).get(`/requests/${e.id}/contact-person`).set(ACTORS.state), `request-${e.id}`);
  });

  it("a process manager that meets a broken stream dead-letters its command with the code, and goes on with the other cases", async () => {
    const g = await submit();
    await post(`/requests/${g.id}/triage`, triageBody).expect(200);
    const offerId = (await post('/offers', offerBody({ providerId: 'donor-giz', providerKind: 'bilateral' }), ACTORS.donor).expect(201)).body.id;
    const engagementId = (await post('/engagements', { requestId: g.id, offerId, amount: '100.00', score: 0.8, reasons: ['fit'] }).expect(201)).body.id;
    await sql(`UPDATE event_store.events SET data = jsonb_set(data, '{amount}', '1') WHERE stream_id = $1 AND stream_position = 1`, [`engagement-${engagementId}`]);
    // Withdrawing the request makes the withdrawal process cancel the (tampered) proposed engagement.
    await post(`/requests/${g.id}/withdraw`, { reason: 'Covered by a national programme' }, ACTORS.state).expect(200);
    const dead = await eventually(
      async () => (await sql(`SELECT code FROM case_process.dead_letters WHERE command->>'engagementId' = $1`, [engagementId])).rows,
      (rows) => rows.length > 0,
      20_000,
    );
    expect(dead[0].code).toBe('integrity.chain_broken');
    expect(logs.some((l) => l.startsWith(`INTEGRITY ALARM: stream engagement-${engagementId} broken at position 1 (hash_mismatch`))).toBe(true);
    await eventually(() => Promise.all(t.infra.consumers.list().map((c) => c.status())), (all) => all.every((s) => s.running && s.lagEvents === 0));
  });

  it('untouched cases keep working beside the broken ones', async () => {
    const f = await submit();
    await post(`/requests/${f.id}/triage`, triageBody).expect(200);
    const res = await request(t.server).get(`/requests/${f.id}/contact-person`).set(ACTORS.secretariat).expect(200);
    expect(res.body.contactPerson).toEqual(f.contactPerson);
  });
});
