import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, api, countEvents, offerBody, requestBody, triageBody } from '../support/case-api';

let t: TestApp;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  t = await startTestApp();
  http = api(t.server);
});
afterAll(() => t.close());

async function submitted(): Promise<string> {
  return (await http.post('state', '/requests', requestBody()).expect(201)).body.id;
}

describe('bad input gets 400 problem details and appends nothing', () => {
  const { title: _t, ...withoutTitle } = requestBody();
  // Every row has four entries: a shorter row would make jest pass `done` as `path`.
  const cases: Array<[string, unknown, string, string | null]> = [
    ['a missing field', withoutTitle, 'request.invalid_body', '/title'],
    ['a wrongly typed field', requestBody({ restricted: 'yes' }), 'request.invalid_body', '/restricted'],
    ['a wrongly typed nested field', requestBody({ title: { en: 42 } }), 'request.invalid_body', '/title/en'],
    ['an extra field', requestBody({ budget: 1000 }), 'request.invalid_body', '/budget'],
    ['an extra nested field', requestBody({ title: { en: 'x', de: 'y' } }), 'request.invalid_body', '/title/de'],
    ['an unknown UNCAC article', requestBody({ suggestedArticles: ['art-99'] }), 'codelist.unknown_code', null],
    ['an unknown TA type', requestBody({ suggestedTaTypes: ['c3-magic'] }), 'codelist.unknown_code', null],
    ['an unknown language', requestBody({ preferredLanguages: ['de'] }), 'codelist.unknown_code', null],
    ['an oversized title', requestBody({ title: { en: 'x'.repeat(5000) } }), 'text.invalid', null],
    ['an empty title', requestBody({ title: {} }), 'text.invalid', null],
    ['an invalid e-mail', requestBody({ contactPerson: { name: 'A', email: 'not-an-email' } }), 'request.invalid_body', '/contactPerson/email'],
    ['no choice of restriction (the State decides; there is no default)', requestBody({ restricted: undefined }), 'request.invalid_body', '/restricted'],
    ["no State priority", requestBody({ statePriority: undefined }), 'request.invalid_body', '/statePriority'],
    ['an unknown State priority', requestBody({ statePriority: 'urgent' }), 'codelist.unknown_code', null],
    [
      'a source citing a chapter its review cycle did not review',
      requestBody({ sources: [{ kind: 'review-report', cycle: 1, chapter: 'ch-2', reportSymbol: 'CAC/COSP/IRG/I/1/1/Add.1', article: 'art-9', need: 'x' }] }),
      'request.source_chapter_not_in_cycle',
      '/sources/0/chapter',
    ],
    [
      'a source citing an article outside its chapter',
      requestBody({ sources: [{ kind: 'review-report', cycle: 2, chapter: 'ch-5', reportSymbol: 'CAC/COSP/IRG/II/1/1/Add.1', article: 'art-9', need: 'x' }] }),
      'request.source_article_not_in_chapter',
      '/sources/0/article',
    ],
    ['a source of an unknown kind', requestBody({ sources: [{ kind: 'press', article: 'art-9', need: 'x' }] }), 'request.invalid_body', '/sources/0/kind'],
    ['a self-assessment of a round before the first', requestBody({ sources: [{ kind: 'self-assessment', round: '2005', article: 'art-9', need: 'x' }] }), 'input.invalid', '/sources/0/round'],
    ['a window ending before it starts', requestBody({ desiredWindow: { from: '2027-05-01', to: '2027-01-01' } }), 'input.window_invalid', null],
  ];

  it.each(cases)('%s', async (_label, body, code, path) => {
    const before = await countEvents(t.db.pool);
    const res = await http.post('state', '/requests', body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code });
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('malformed JSON', async () => {
    const before = await countEvents(t.db.pool);
    const res = await request(t.server).post('/requests').set(ACTORS.state).set('content-type', 'application/json').send('{"country": "KE",').expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'request.malformed_json' });
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('a body over the size limit', async () => {
    const res = await http.post('state', '/requests', requestBody({ description: { en: 'x'.repeat(300 * 1024) } })).expect(413);
    expect(res.body).toMatchObject({ status: 413, code: 'request.too_large' });
  });

  it('an id in the path that is not a UUID names no request: 404, as on the query', async () => {
    const res = await http.post('secretariat', '/requests/not-a-uuid/triage', triageBody).expect(404);
    expect(res.body.code).toBe('request.malformed_id');
    expect((await request(t.server).get('/requests/not-a-uuid').set(ACTORS.secretariat).expect(404)).body).toMatchObject({ code: res.body.code, detail: res.body.detail });
  });

  it('an offer with money capacity but no currency', async () => {
    const before = await countEvents(t.db.pool);
    const res = await http.post('donor', '/offers', offerBody({ capacity: { kind: 'money', amount: '10.00' } })).expect(400);
    expect(res.body.code).toBe('input.invalid');
    expect(await countEvents(t.db.pool)).toBe(before);
  });
});

describe('who, and what state', () => {
  it('no token: 401', async () => {
    const res = await request(t.server).post('/requests').send(requestBody()).expect(401);
    expect(res.body.code).toBe('auth.missing_token');
  });

  it('a State submitting for another country: 403, nothing appended', async () => {
    const before = await countEvents(t.db.pool);
    const res = await http.post('state', '/requests', requestBody({ country: 'UG' })).expect(403);
    expect(res.body.code).toBe('access.not_own_country');
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('a role the command is not for: 403, nothing appended', async () => {
    const id = await submitted();
    const before = await countEvents(t.db.pool);
    const res = await http.post('donor', `/requests/${id}/triage`, triageBody).expect(403);
    expect(res.body.code).toBe('access.role_not_allowed');
    expect(await countEvents(t.db.pool)).toBe(before);
  });

  it('an unknown case: 404', async () => {
    const res = await http.post('secretariat', '/requests/5f0c6a4e-8d7b-4e1a-9c3b-2a1d0e9f8c7b/triage', triageBody).expect(404);
    expect(res.body.code).toBe('request.not_found');
  });

  it('a command not allowed in the current state: 409', async () => {
    const id = await submitted();
    const res = await http.post('state', `/requests/${id}/follow-up`, { needMet: 'met', comment: { en: 'done' } }).expect(409);
    expect(res.body.code).toMatch(/^request\./);
  });

  it('a stale If-Match: 412 with the actual version; the current one succeeds', async () => {
    const id = await submitted();
    const res = await http.post('secretariat', `/requests/${id}/triage`, triageBody, { 'If-Match': '"7"' }).expect(412);
    expect(res.body).toMatchObject({ code: 'command.stale_version', actual: 1, expected: 7 });
    const ok = await http.post('secretariat', `/requests/${id}/triage`, triageBody, { 'If-Match': '"1"' }).expect(200);
    expect(ok.headers.etag).toBe('"2"');
  });
});

describe('concurrency and retries', () => {
  it('two conflicting commands at once: one wins, the other gets 409 or 412', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await submitted();
      // both end the request: whichever lands second is no longer allowed
      const [a, b] = await Promise.all([
        http.post('state', `/requests/${id}/withdraw`, { reason: 'No longer needed' }),
        http.post('secretariat', `/requests/${id}/decline`, { reason: 'Out of scope' }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([409, 412]).toContain(statuses[1]);
      const events = (await t.db.pool.query('SELECT count(*) FROM event_store.events WHERE stream_id = $1', [`request-${id}`])).rows[0].count;
      expect(Number(events)).toBe(2);
    }
  });

  it('the same If-Match sent twice at once: one 200, one 412', async () => {
    const id = await submitted();
    const [a, b] = await Promise.all([
      http.post('secretariat', `/requests/${id}/return-for-clarification`, { question: { en: 'Scope?' } }, { 'If-Match': '"1"' }),
      http.post('secretariat', `/requests/${id}/triage`, triageBody, { 'If-Match': '"1"' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
  });

  it('a retried command with the same Idempotency-Key appends once and returns the first result', async () => {
    const before = await countEvents(t.db.pool);
    const key = { 'Idempotency-Key': `submit-${Date.now()}` };
    const first = await http.post('state', '/requests', requestBody(), key).expect(201);
    const retry = await http.post('state', '/requests', requestBody(), key).expect(201);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await countEvents(t.db.pool)).toBe(before + 1);
  });

  it('duplicates sent at the same moment also append once', async () => {
    const id = await submitted();
    const before = await countEvents(t.db.pool);
    const key = { 'Idempotency-Key': `triage-${id}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => http.post('secretariat', `/requests/${id}/triage`, triageBody, key)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.globalPosition)).size).toBe(1);
    expect(await countEvents(t.db.pool)).toBe(before + 1);
  });

  it('creations sent at the same moment with one key (each with its own new id) append once and all answer the first id', async () => {
    // POST /offers has no prepare step: its key is stored by the append's own statement (commands.append_once)
    const before = await countEvents(t.db.pool);
    const key = { 'Idempotency-Key': `offer-${Date.now()}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => http.post('donor', '/offers', offerBody(), key)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.globalPosition)).size).toBe(1);
    expect(results.filter((r) => r.body.replayed === true)).toHaveLength(4);
    expect(await countEvents(t.db.pool)).toBe(before + 1);
    const again = await http.post('donor', '/offers', offerBody(), key).expect(201);
    expect(again.body).toEqual({ ...results.find((r) => r.body.replayed !== true)!.body, replayed: true });
  });

  it('an Idempotency-Key reused for a different request is refused', async () => {
    const key = { 'Idempotency-Key': `reuse-${Date.now()}` };
    await http.post('state', '/requests', requestBody(), key).expect(201);
    const res = await http.post('state', '/requests', requestBody({ country: 'UG' }), key).expect(409);
    expect(res.body.code).toBe('idempotency.key_reused');
  });

  it("commands answer with the last event's global position, which grows", async () => {
    const id = await submitted();
    const a = await http.post('secretariat', `/requests/${id}/triage`, triageBody).expect(200);
    const b = await http.post('state', `/requests/${id}/withdraw`, { reason: 'No longer needed' }).expect(200);
    expect(b.body.globalPosition).toBeGreaterThan(a.body.globalPosition);
  });
});
