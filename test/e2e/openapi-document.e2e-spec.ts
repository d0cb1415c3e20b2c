import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, type ActorName } from '../support/case-api';
import { createCaseFixture, type CaseFixture, type Exchange } from '../support/case-fixture';
import { exampleOf, fillPath, OpenApi, parameterExample, queryString, type Known, type Operation } from '../support/openapi';

/**
 * The OpenAPI document against the running application: every route it serves is documented
 * (and nothing else is); every documented query parameter is accepted and an undocumented one
 * refused; every answer the test provokes, success or problem, is documented for its operation
 * and fits the documented schema. A route or parameter added without its documentation fails
 * here.
 */

let t: TestApp;
let api: OpenApi;
let fx: CaseFixture;
let other: CaseFixture;
/** A report the Secretariat made (GET /reports/{id}). */
let reportId: string;
let clientId: string;
/** A published practice with a document (the /practices/{id} routes). */
let practiceId: string;
let practiceDocument: string;
/** A document on the fixture's case (the /requests/{id}/documents/{sha256} route). */
let caseDocument: string;
const exchanges: Exchange[] = [];
/** A position of the log (the fixture's last event), for the views "as of" it. */
let asOfPosition: string;

beforeAll(async () => {
  t = await startTestApp({ COORDINATION_WAIT_TIMEOUT_MS: '300', PUBLIC_VIEW: 'on' });
  api = new OpenApi((await request(t.server).get('/docs/openapi.json').expect(200)).body);
  fx = await createCaseFixture(t.server, exchanges);
  other = await createCaseFixture(t.server, exchanges);
  // A log position as a report states it (`<commit>:<globalPosition>`), for `asOfPosition`.
  const { rows: at } = await t.db.pool.query<{ c: string }>('SELECT commit_order::text AS c FROM event_store.events WHERE global_position = $1', [fx.lastPosition]);
  asOfPosition = `${at[0]!.c}:${fx.lastPosition}`;
  // The IATI files are reported under the Secretariat's IATI identifier (a test value here): without it they answer 409.
  await request(t.server)
    .post('/directory/organisations/unodc/details')
    .set(ACTORS.secretariat)
    .send({ names: { en: 'United Nations Office on Drugs and Crime' }, addresses: [], iatiIdentifier: 'XI-IATI-TEST-UNODC' })
    .expect(200);
  // The IATI import recognises a provider's activities by its IATI identifier (a test value).
  await request(t.server).post('/directory/organisations/donor-giz/details').set(ACTORS.secretariat).send({ names: { en: 'GIZ' }, addresses: [], iatiIdentifier: 'XI-IATI-TEST-GIZ' }).expect(200);
  for (let i = 0; i < 200; i++) {
    const { rows } = await t.db.pool.query("SELECT iati_identifier FROM directory.organisations WHERE id = 'donor-giz'");
    if (rows[0]?.iati_identifier) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await request(t.server).get(`/requests?minPosition=${other.lastPosition}`).set(ACTORS.secretariat).expect(200);
  reportId = (await request(t.server).post('/reports').set(ACTORS.secretariat).send({ from: '2020-01-01', to: '2030-01-01' }).expect(201)).body.reportId;
  // A service account of the donor's organisation, for the /service-accounts/{clientId} routes.
  clientId = (await request(t.server).post('/service-accounts').set(ACTORS.donor).send({ name: 'GIZ project database' }).expect(201)).body.account.clientId;
  practiceId = (
    await request(t.server)
      .post('/practices')
      .set(ACTORS.state)
      .send({ kind: 'good_practice', title: { en: 'Open contracting' }, summary: { en: 'Every contract published.' }, articles: ['art-9'], themes: ['public-procurement'], countries: ['KE'] })
      .expect(201)
  ).body.id;
  await request(t.server).post(`/practices/${practiceId}/documents?fileName=scheme.png`).set(ACTORS.state).set('Content-Type', 'application/octet-stream').send(PNG).expect(200);
  const published = await request(t.server).post(`/practices/${practiceId}/publish`).set(ACTORS.secretariat).expect(200);
  await request(t.server).post(`/requests/${fx.requestId}/documents?fileName=scheme.png`).set(ACTORS.state).set('Content-Type', 'application/octet-stream').send(PNG).expect(200);
  caseDocument = (await request(t.server).get(`/requests/${fx.requestId}/documents`).set(ACTORS.state).expect(200)).body.items[0].sha256;
  practiceDocument = (await request(t.server).get(`/practices/${practiceId}?minPosition=${published.body.globalPosition}`).set(ACTORS.secretariat).expect(200)).body.documents[0].sha256;
}, 60_000);
afterAll(() => t.close());

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

interface Call {
  readonly actor?: ActorName | null;
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: ReadonlyArray<readonly [string, string]>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Sent as is, with `Content-Type: application/json`. */
  readonly rawBody?: string;
  /** The file a streamed route receives (default `IATI_FILE`). */
  readonly xml?: string;
}

/** The routes whose body is a file's bytes of any type (a practice's document), sent as a PNG here, under a file name. */
const UPLOADS = new Set(['POST /practices/{id}/documents', 'POST /requests/{id}/documents']);
/** The smallest valid PNG (one transparent pixel). */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082', 'hex');

/** The routes whose body is a file read as a stream (the IATI imports), not a JSON command. */
const STREAMED = new Set(['POST /iati/imports/preview', 'POST /iati/imports']);
/** A provider's IATI activity file of one activity in scope (donor-giz's, by its test identifier). */
const IATI_FILE = `<?xml version="1.0" encoding="UTF-8"?><iati-activities version="2.03"><iati-activity default-currency="EUR">
<iati-identifier>XI-IATI-TEST-GIZ-OPENAPI-1</iati-identifier><reporting-org ref="XI-IATI-TEST-GIZ" type="10"><narrative>GIZ</narrative></reporting-org>
<title><narrative>Support to the anti-corruption commission</narrative></title><activity-status code="2"/>
<activity-date type="1" iso-date="2027-01-01"/><activity-date type="3" iso-date="2099-12-31"/><recipient-country code="KE" percentage="100"/>
<sector vocabulary="1" code="15113" percentage="100"/><budget type="1" status="1"><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><value value-date="2027-01-01">50000</value></budget>
</iati-activity><iati-activity><iati-identifier>XI-IATI-TEST-GIZ-OPENAPI-2</iati-identifier><reporting-org ref="XI-IATI-TEST-GIZ"/><title><narrative>Rural roads</narrative></title>
<sector code="21020"/></iati-activity></iati-activities>`;

async function call(server: TestApp['server'], op: Operation, c: Call = {}): Promise<Answer> {
  const queryPairs = UPLOADS.has(op.label) && !(c.query ?? []).some(([k]) => k === 'fileName') ? [...(c.query ?? []), ['fileName', 'scheme.png'] as const] : (c.query ?? []);
  const url = fillPath(op.path, { ...pathValues(op), ...c.path }) + queryString(queryPairs);
  let req = op.method === 'get' ? request(server).get(url) : request(server).post(url);
  if (c.actor !== null) req = req.set(ACTORS[c.actor ?? 'secretariat']);
  if (c.headers) req = req.set({ ...c.headers });
  if (c.rawBody !== undefined) req = req.set('Content-Type', 'application/json').send(c.rawBody);
  else if (STREAMED.has(op.label)) req = req.set('Content-Type', 'application/xml').send(c.xml ?? IATI_FILE);
  else if (UPLOADS.has(op.label) && c.body === undefined) req = req.set('Content-Type', c.headers?.['Content-Type'] ?? 'application/octet-stream').send(PNG);
  else if (op.method === 'post') req = req.send((c.body ?? validBody(op)) as object);
  const res = await req;
  // A text answer (the public directory's CSV, the IATI files' XML) is its text; JSON is parsed.
  const text = /^(text\/(csv|plain)|application\/xml)/.test(String(res.headers['content-type'] ?? ''));
  // A binary document (a report's PDF or XLSX) is documented as a string of bytes: stand in for it by its length.
  const binary = Buffer.isBuffer(res.body) && /^(application\/(pdf|vnd\.openxmlformats|vnd\.oasis)|image\/)/.test(String(res.headers['content-type'] ?? ''));
  return { status: res.status, headers: res.headers as Record<string, string>, body: text ? res.text : binary ? `${(res.body as Buffer).length} bytes` : res.body };
}

/** The fixture's ids for every path parameter. */
function pathValues(op: Operation): Record<string, string> {
  const base = op.path.split('/')[1];
  // The directory's ids: a notified authority of the State actor's country (KE) and a donor agency, both seeded.
  if (op.path.startsWith('/directory/authorities/')) return { id: 'authority-ke-eacc' };
  if (op.path.startsWith('/directory/')) return { id: 'donor-giz' };
  if (op.path.startsWith('/exports/donors/')) return { id: 'donor-giz' };
  if (op.path.startsWith('/reports/')) return { id: reportId };
  // A lesson's step is dismissed by a party of an engagement (the fixture's is not delivered: 409).
  if (op.path.startsWith('/practices/lessons/')) return { id: fx.engagementId };
  if (op.path.startsWith('/practices/') || op.path.startsWith('/public/practices/')) return { id: practiceId, sha256: practiceDocument };
  const id = { requests: fx.requestId, offers: fx.offerId, engagements: fx.engagementId, coordination: 'donor-giz' }[base ?? ''] ?? fx.requestId;
  return { id, sha256: caseDocument, milestoneId: fx.milestoneId, code: 'KE', topic: 'ta.case.offers', file: 'OfferRegistered.v1.json', clientId };
}

function known(): Known {
  // "As of" now: after the fixtures (a date before them answers their details 404, rightly).
  return { requestId: fx.requestId, offerId: fx.offerId, engagementId: fx.engagementId, asOfPosition, asOf: new Date().toISOString() };
}

function validBody(op: Operation): unknown {
  return op.body ? exampleOf(api, op.body, known()) : {};
}

/** Who sends each command (the rest of the platform's roles may not). */
const SENDER: Readonly<Record<string, ActorName>> = {
  'POST /requests': 'state',
  'POST /requests/{id}/amend': 'state',
  'POST /requests/{id}/triage': 'secretariat',
  'POST /requests/{id}/return-for-clarification': 'secretariat',
  'POST /requests/{id}/clarification': 'state',
  'POST /requests/{id}/decline': 'secretariat',
  'POST /requests/{id}/contact-person/erasure': 'secretariat',
  'POST /requests/{id}/withdraw': 'state',
  'POST /requests/{id}/follow-up': 'state',
  'POST /requests/{id}/close': 'secretariat',
  'POST /requests/{id}/restrict': 'state',
  'POST /requests/{id}/open': 'state',
  'POST /offers': 'donor',
  'POST /offers/{id}/withdraw': 'donor',
  'POST /engagements': 'secretariat',
  'POST /engagements/{id}/accept': 'state',
  'POST /engagements/{id}/decline': 'state',
  'POST /engagements/{id}/cancel': 'secretariat',
  'POST /engagements/{id}/milestones': 'donor',
  'POST /engagements/{id}/milestones/{milestoneId}/report': 'donor',
  'POST /engagements/{id}/milestones/{milestoneId}/confirm': 'state',
  'POST /engagements/{id}/milestones/{milestoneId}/dispute': 'state',
  'POST /engagements/{id}/milestones/{milestoneId}/dispute/answer': 'donor',
  'POST /engagements/{id}/milestones/{milestoneId}/dispute/resolve': 'secretariat',
  'POST /engagements/{id}/milestones/{milestoneId}/reschedule': 'donor',
  'POST /engagements/{id}/complete': 'donor',
  'POST /engagements/{id}/acknowledge': 'state',
  'POST /engagements/{id}/contest': 'state',
  'POST /offers/{id}/extend': 'donor',
  'POST /offers/{id}/amend': 'donor',
  'POST /requests/{id}/translations': 'state',
  'POST /offers/{id}/translations': 'donor',
  'POST /engagements/{id}/translations': 'donor',
  'POST /directory/organisations': 'secretariat',
  'POST /directory/organisations/{id}/verify': 'secretariat',
  'POST /directory/organisations/{id}/suspend': 'secretariat',
  'POST /directory/organisations/{id}/close': 'secretariat',
  'POST /directory/organisations/{id}/details': 'donor',
  'POST /directory/organisations/{id}/provider-ids': 'secretariat',
  'POST /directory/authorities': 'state',
  'POST /directory/authorities/{id}/changes': 'state',
  'POST /directory/authorities/{id}/withdraw': 'state',
  'POST /iati/imports/preview': 'donor',
  'POST /iati/imports': 'donor',
  'POST /reports': 'secretariat',
  'POST /practices': 'state',
  'POST /practices/{id}/translations': 'secretariat',
  'POST /practices/{id}/review': 'secretariat',
  'POST /practices/{id}/publish': 'secretariat',
  'POST /practices/{id}/withdraw': 'secretariat',
  'POST /practices/{id}/documents': 'secretariat',
  'POST /practices/lessons/{id}/dismiss': 'donor',
  'POST /requests/{id}/documents': 'state',
  'POST /service-accounts': 'donor',
  'POST /service-accounts/{clientId}/revoke': 'donor',
  'POST /notifications/preferences': 'state',
  'POST /notifications/preferences/remove': 'state',
  'POST /notifications/defaults': 'secretariat',
  'POST /notifications/unsubscribe': 'state',
  'POST /notifications/webhooks': 'donor',
  'POST /notifications/webhooks/remove': 'donor',
  'POST /notifications/webhooks/replay': 'donor',
};
/** POST routes that are not event-sourced commands (no stream version, no Idempotency-Key): service accounts are access configuration. */
/** Commands every role may send (a practice is submitted by a State, an organisation or the Secretariat): no actor is refused them. */
const ANY_ROLE = new Set(['POST /practices']);
/** An actor each command refuses (403): one of another role, or another provider where any party may send it. */
const refuser = (op: Operation): ActorName => {
  // The step "record a lesson" is the parties' (a provider, a State): the Secretariat is none.
  if (op.label === 'POST /practices/lessons/{id}/dismiss') return 'secretariat';
  // A case's documents are attached by its parties: another State, which reads the open case, is none.
  if (op.label === 'POST /requests/{id}/documents') return 'otherState';
  if (/\/(accept|decline|translations)$/.test(op.path) && op.path.startsWith('/engagements')) return 'otherDonor';
  return sender(op) === 'donor' ? 'state' : 'donor';
};

/** The commands on a case or the directory (event-sourced: versions, idempotency keys). The IATI imports' streamed bodies and a report, no command on a stream of the record, have their own checks; the notifications' POSTs keep settings, not streams. */
const commands = () => api.operations.filter((op) => op.method === 'post' && !STREAMED.has(op.label) && op.path !== '/reports' && !op.path.startsWith('/notifications/'));
const reads = () => api.operations.filter((op) => op.method === 'get' && op.path !== '/live');
const sender = (op: Operation): ActorName => {
  const who = SENDER[op.label];
  if (!who) throw new Error(`the test does not know who sends ${op.label}: add it to SENDER`);
  return who;
};
const hasPathIds = (op: Operation) => op.parameters.some((p) => p.in === 'path' && p.schema.format === 'uuid');
const query = (op: Operation) => op.parameters.filter((p) => p.in === 'query');

/** The problem with an answer, if any: undocumented status, a problem that is not problem details, a body not fitting its schema. */
function problemWith(op: Operation, res: Answer): string | null {
  const type = res.headers['content-type'];
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(type ?? '')) return `${op.label}: ${res.status} as ${type}`;
    if (typeof (res.body as { code?: unknown }).code !== 'string') return `${op.label}: ${res.status} without a code`;
  }
  const wrong = api.check(op, res.status, type, res.body);
  if (wrong) return `${wrong} (${JSON.stringify(res.body).slice(0, 300)})`;
  for (const h of ['etag', 'location', 'retry-after', 'idempotent-replayed']) {
    const documented = api.responseHeaders(op, res.status).includes(h);
    if (res.headers[h] !== undefined && !documented) return `${op.label}: ${res.status} sends ${h}, undocumented`;
    if (documented && h !== 'idempotent-replayed' && res.headers[h] === undefined) return `${op.label}: ${res.status} documents ${h}, not sent`;
  }
  return null;
}

function expectNoProblems(problems: Array<string | null>): void {
  expect(problems.filter((p): p is string => p !== null)).toEqual([]);
}

/** The routes the running application serves, from its router: `METHOD /path/{param}`. */
function servedRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack.flatMap((layer) =>
    layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`) : [],
  );
}

describe('the document lists what the application serves', () => {
  it('every route the router serves is an operation of the document, and every operation a route', () => {
    // The document itself and its browsable page (SwaggerModule) are not API routes.
    const served = servedRoutes(t.app).filter((r) => !/^GET \/docs($|[/-])/.test(r));
    expect(served.length).toBeGreaterThan(40);
    expect([...new Set(served)].sort()).toEqual(api.operations.map((op) => op.label).sort());
  });

  it('every operation documents its success, 400 for its query string and 429, and 401 when it needs a token', () => {
    const missing = api.operations.flatMap((op) => {
      const statuses = api.statuses(op);
      const wanted = [op.method === 'post' ? [200, 201] : [200], [400], ...(op.path.startsWith('/health') ? [] : [[429]]), ...(op.secured ? [[401]] : [])];
      return wanted.filter((any) => !any.some((s) => statuses.includes(s))).map((any) => `${op.label}: no ${any.join(' or ')}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('tokens', () => {
  it('an operation that needs a token answers 401 without one; the public ones do not', async () => {
    const problems: Array<string | null> = [];
    for (const op of api.operations) {
      const res = await call(t.server, op, { actor: null });
      if (op.secured) problems.push(res.status === 401 ? problemWith(op, res) : `${op.label}: ${res.status} without a token`);
      else problems.push(res.status === 401 ? `${op.label}: public, yet 401` : null);
    }
    expectNoProblems(problems);
  });
});

describe('query parameters', () => {
  /** A real `nextCursor` for a paged operation, when it has a second page. */
  async function cursorFor(op: Operation): Promise<string | null> {
    const extra: Array<[string, string]> = query(op).some((p) => p.name === 'asAt') ? [['asAt', '2100-01-01']] : [];
    const res = await call(t.server, op, { query: [['limit', '1'], ...extra] });
    return (res.body as { nextCursor?: string | null }).nextCursor ?? null;
  }

  it('every documented query parameter is accepted with a valid value', async () => {
    const problems: Array<string | null> = [];
    for (const op of api.operations) {
      for (const p of query(op)) {
        if (op.path === '/live') {
          const token = ACTORS.secretariat.Authorization.slice('Bearer '.length);
          const abort = new AbortController();
          const res = await fetch(`${t.url}/live?access_token=${token}`, { headers: { Accept: 'text/event-stream' }, signal: abort.signal });
          abort.abort();
          problems.push(res.status === 200 && /text\/event-stream/.test(res.headers.get('content-type') ?? '') ? null : `${op.label}: ${p.name} answered ${res.status}`);
          continue;
        }
        const pairs: Array<[string, string]> = [];
        if (p.name === 'cursor') {
          const cursor = await cursorFor(op);
          if (cursor === null) {
            // No second page to take a cursor from: a well-formed one from another query is refused as a cursor, not as a parameter.
            const res = await call(t.server, op, { query: [['cursor', 'eyJzIjoieCIsInYiOm51bGwsImsiOiJ4In0']] });
            problems.push(res.status === 400 && (res.body as { code: string }).code === 'coordination.invalid_cursor' ? problemWith(op, res) : `${op.label}: cursor answered ${res.status}`);
            continue;
          }
          pairs.push(['limit', '1'], ['cursor', cursor]);
          if (query(op).some((q) => q.name === 'asAt')) pairs.push(['asAt', '2100-01-01']);
        } else {
          pairs.push([p.name, parameterExample(api, p, { ...known(), minPosition: fx.lastPosition })]);
        }
        const res = await call(t.server, op, { query: pairs, ...(STREAMED.has(op.label) ? { actor: sender(op) } : {}) });
        problems.push(res.status === 200 ? problemWith(op, res) : `${op.label}?${p.name}=${pairs.at(-1)![1]} answered ${res.status}: ${JSON.stringify(res.body)}`);
      }
    }
    expect(problems.length).toBeGreaterThan(80);
    expectNoProblems(problems);
  });

  it('a parameter the document does not name is refused, as the documented 400', async () => {
    const problems: Array<string | null> = [];
    for (const op of api.operations) {
      const actor = op.method === 'post' ? sender(op) : 'secretariat';
      const res = await call(t.server, op, { actor, query: [['undocumented', '1']] });
      const named = ((res.body as { errors?: Array<{ path?: string }> }).errors ?? []).some((e) => e.path === '/query/undocumented');
      problems.push(res.status === 400 && named ? problemWith(op, res) : `${op.label}?undocumented=1 answered ${res.status}`);
    }
    expectNoProblems(problems);
  });
});

describe('answers fit their documented schemas', () => {
  it('the commands that built the fixture', () => {
    expect(exchanges.length).toBeGreaterThan(10);
    expectNoProblems(
      exchanges.map((x) => {
        const op = api.operations.find((o) => o.method === x.method && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(x.path));
        return op ? problemWith(op, x) : `${x.method} ${x.path}: no operation`;
      }),
    );
  });

  it('every read, as the Secretariat, a State and a donor', async () => {
    const problems: Array<string | null> = [];
    const ok = new Set<string>();
    for (const op of reads()) {
      for (const actor of ['secretariat', 'state', 'donor'] as const) {
        const res = await call(t.server, op, { actor });
        if (res.status === 200) ok.add(op.label);
        problems.push(problemWith(op, res));
      }
    }
    expectNoProblems(problems);
    expect(reads().map((op) => op.label).filter((l) => !ok.has(l))).toEqual([]);
  });

  it('an "as of" summary and a page of overdue milestones', async () => {
    const summary = api.operations.find((op) => op.label === 'GET /coordination/summary')!;
    const overdue = api.operations.find((op) => op.label === 'GET /coordination/milestones/overdue')!;
    const asOf = await call(t.server, summary, { query: [['asOf', new Date().toISOString()]] });
    const page = await call(t.server, overdue, { query: [['asAt', '2100-01-01']] });
    expect([asOf.status, (page.body as { items: unknown[] }).items.length]).toEqual([200, 2]);
    expectNoProblems([problemWith(summary, asOf), problemWith(overdue, page)]);
  });
});

describe('every problem the routes give is documented', () => {
  it('the IATI imports: the preview and the import fit their schemas; a State, a hostile, malformed or foreign file are documented problems', async () => {
    const problems: Array<string | null> = [];
    const expectStatus = (op: Operation, what: string, res: Answer, status: number) =>
      problems.push(res.status === status ? problemWith(op, res) : `${op.label} ${what}: ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
    for (const op of api.operations.filter((o) => STREAMED.has(o.label))) {
      expectStatus(op, 'by the provider', await call(t.server, op, { actor: 'donor' }), 200);
      expectStatus(op, 'by the Secretariat for the provider', await call(t.server, op, { actor: 'secretariat', query: [['provider', 'donor-giz']] }), 200);
      expectStatus(op, 'by a State', await call(t.server, op, { actor: 'state' }), 403);
      expectStatus(op, 'for a provider without an IATI identifier', await call(t.server, op, { actor: 'otherDonor' }), 409);
      // the Secretariat previews and confirms on a provider's behalf, for a provider in the directory
      expectStatus(op, 'for a provider not in the directory', await call(t.server, op, { actor: 'secretariat', query: [['provider', 'nobody-here']] }), 404);
      expectStatus(op, 'with entity declarations', await call(t.server, op, { actor: 'donor', xml: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "a">]><iati-activities version="2.03"/>' }), 400);
      expectStatus(op, 'malformed', await call(t.server, op, { actor: 'donor', xml: '<iati-activities version="2.03"><iati-activity>' }), 400);
      expectStatus(op, 'not IATI', await call(t.server, op, { actor: 'donor', xml: '<html/>' }), 400);
      expectStatus(op, 'too deep', await call(t.server, op, { actor: 'donor', xml: `<iati-activities version="2.03">${'<a>'.repeat(50)}${'</a>'.repeat(50)}</iati-activities>` }), 400);
    }
    expectNoProblems(problems);
  });

  it('commands: invalid ids, unknown targets, actors without the right, stale versions, bodies too large or malformed', async () => {
    const problems: Array<string | null> = [];
    const expectStatus = (op: Operation, what: string, res: Answer, status: number) =>
      problems.push(res.status === status ? problemWith(op, res) : `${op.label} ${what}: ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
    for (const op of commands()) {
      const who = sender(op);
      if (!ANY_ROLE.has(op.label)) expectStatus(op, 'by an actor without the right', await call(t.server, op, { actor: refuser(op) }), 403);
      // The case's and the directory's commands take If-Match and Idempotency-Key (documented as
      // headers); a POST that documents neither (the erasure of a contact person) ignores them.
      const versioned = op.parameters.some((p) => p.in === 'header' && p.name === 'If-Match');
      const keyed = op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      if (versioned) expectStatus(op, 'with a stale If-Match', await call(t.server, op, { actor: who, headers: { 'If-Match': '"999"' } }), 412);
      expectStatus(op, 'with a body over 256 KiB', await call(t.server, op, { actor: who, body: { reason: 'x'.repeat(300_000) } }), 413);
      expectStatus(op, 'with malformed JSON', await call(t.server, op, { actor: who, rawBody: '{"reason": ' }), 400);
      expectStatus(op, 'with a body that is not the gzip it says', await call(t.server, op, { actor: who, headers: { 'Content-Encoding': 'gzip' } }), 400);
      expectStatus(op, 'in a charset other than UTF-8', await call(t.server, op, { actor: who, headers: { 'Content-Type': 'application/json; charset=latin1' } }), 415);
      if (keyed) expectStatus(op, 'with an Idempotency-Key with a space', await call(t.server, op, { actor: who, headers: { 'Idempotency-Key': 'a b' } }), 400);
      if (versioned) expectStatus(op, 'with an If-Match that is no version', await call(t.server, op, { actor: who, headers: { 'If-Match': 'soon' } }), 400);
      if (op.body) expectStatus(op, 'with a field it does not know', await call(t.server, op, { actor: who, body: { ...(validBody(op) as object), unexpected: 1 } }), 400);
      if (hasPathIds(op)) {
        expectStatus(op, 'on an id that is no UUID', await call(t.server, op, { actor: who, path: { id: 'not-a-uuid' } }), 404);
        expectStatus(op, 'on an unknown id', await call(t.server, op, { actor: who, path: { id: randomUUID() } }), 404);
        if (op.path.includes('{milestoneId}')) expectStatus(op, 'on an unknown milestone', await call(t.server, op, { actor: who, path: { milestoneId: randomUUID() } }), 404);
      }
    }
    const byLabel = (label: string) => api.operations.find((op) => op.label === label)!;
    // Against the rules of the case's current state (nothing changes): 409.
    expectStatus(byLabel('POST /requests/{id}/triage'), 'twice', await call(t.server, byLabel('POST /requests/{id}/triage'), { actor: 'secretariat' }), 409);
    expectStatus(byLabel('POST /engagements/{id}/accept'), 'twice', await call(t.server, byLabel('POST /engagements/{id}/accept'), { actor: 'state' }), 409);
    const report = byLabel('POST /engagements/{id}/milestones/{milestoneId}/report');
    expectStatus(report, 'twice', await call(t.server, report, { actor: 'donor' }), 409);
    const propose = byLabel('POST /engagements');
    expectStatus(propose, 'on a matched request', await call(t.server, propose, { actor: 'secretariat' }), 409);
    const submit = byLabel('POST /requests');
    const key = { 'Idempotency-Key': randomUUID() };
    expectStatus(submit, 'first', await call(t.server, submit, { actor: 'state', headers: key }), 201);
    const replay = await call(t.server, submit, { actor: 'state', headers: key });
    expectStatus(submit, 'replayed', replay, 201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expectStatus(submit, 'with the key of another request', await call(t.server, submit, { actor: 'state', headers: key, body: { ...(validBody(submit) as object), restricted: true } }), 409);
    expectNoProblems(problems);
  });

  it('making a report: bodies too large, malformed, in another charset, or with a field it does not know', async () => {
    const problems: Array<string | null> = [];
    const op = api.operations.find((o) => o.label === 'POST /reports')!;
    const expectStatus = (what: string, res: Answer, status: number) =>
      problems.push(res.status === status ? problemWith(op, res) : `${op.label} ${what}: ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
    expectStatus('with a body over 256 KiB', await call(t.server, op, { body: { reason: 'x'.repeat(300_000) } }), 413);
    expectStatus('with malformed JSON', await call(t.server, op, { rawBody: '{"from": ' }), 400);
    expectStatus('in a charset other than UTF-8', await call(t.server, op, { headers: { 'Content-Type': 'application/json; charset=latin1' } }), 415);
    expectStatus('with a field it does not know', await call(t.server, op, { body: { from: '2020-01-01', to: '2030-01-01', unexpected: 1 } }), 400);
    expectStatus('with a period that ends before it starts', await call(t.server, op, { body: { from: '2030-01-01', to: '2020-01-01' } }), 400);
    expectStatus('at a position the log has not reached', await call(t.server, op, { body: { from: '2020-01-01', to: '2030-01-01', position: '999999999:999999999' } }), 400);
    expectStatus('made', await call(t.server, op, { body: { from: '2020-01-01', to: '2030-01-01' } }), 201);
    expectNoProblems(problems);
  });

  it('reads: unknown ids, unknown countries, actors who may not see', async () => {
    const problems: Array<string | null> = [];
    const expectStatus = (label: string, c: Call, status: number) => {
      const op = api.operations.find((o) => o.label === label)!;
      return call(t.server, op, c).then((res) => problems.push(res.status === status ? problemWith(op, res) : `${label} ${JSON.stringify(c)}: ${res.status}, not ${status}`));
    };
    for (const label of ['GET /requests/{id}', 'GET /offers/{id}', 'GET /engagements/{id}', 'GET /requests/{id}/contact-person']) await expectStatus(label, { path: { id: randomUUID() } }, 404);
    await expectStatus('GET /coordination/donors/{id}', { path: { id: 'nobody' } }, 404);
    await expectStatus('GET /coordination/countries/{code}', { path: { code: 'XX' } }, 404);
    for (const label of ['GET /requests/{id}', 'GET /offers/{id}', 'GET /engagements/{id}', 'GET /requests/{id}/contact-person']) await expectStatus(label, { path: { id: 'not-a-uuid' } }, 404);
    await expectStatus('GET /coordination/countries/{code}', { path: { code: 'K1' } }, 404);
    await expectStatus('GET /requests', { query: [['minPosition', '999999999']] }, 400);
    await expectStatus('GET /requests', { query: [['title', 'a\u0000b']] }, 400);
    await expectStatus('GET /requests/{id}/contact-person', { actor: 'otherDonor' }, 403);
    await expectStatus('GET /audit/verify', { actor: 'state' }, 403);
    await expectStatus('GET /requests', { query: [['limit', '0']] }, 400);
    await expectStatus('GET /requests', { query: [['cursor', 'bm9wZQ']] }, 400);
    await expectStatus('GET /coordination/summary', { query: [['asOf', '2999-01-01']] }, 400);
    expectNoProblems(problems);
  });

  it('reads with a minPosition the read models have not reached: 503 with Retry-After, documented', async () => {
    const withMinPosition = reads().filter((op) => query(op).some((p) => p.name === 'minPosition'));
    expect(withMinPosition.length).toBeGreaterThan(10);
    await t.infra.consumers.stopAll();
    try {
      const submit = api.operations.find((op) => op.label === 'POST /requests')!;
      const ahead = (await call(t.server, submit, { actor: 'state' })).body as { globalPosition: number };
      const problems: Array<string | null> = [];
      for (const op of withMinPosition) {
        const res = await call(t.server, op, { query: [['minPosition', String(ahead.globalPosition)]] });
        problems.push(res.status === 503 ? problemWith(op, res) : `${op.label}: ${res.status}, not 503`);
      }
      expectNoProblems(problems);
    } finally {
      t.infra.consumers.startAll();
    }
  });

  it('over the rate limit: 429 with Retry-After wherever the document says so, and nowhere else', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1' });
    try {
      await request(limited.server).get('/docs/openapi.json');
      const problems: Array<string | null> = [];
      for (const op of api.operations) {
        const res = await call(limited.server, op, { path: { id: randomUUID(), milestoneId: randomUUID() } });
        const documented = api.statuses(op).includes(429);
        if (documented) problems.push(res.status === 429 ? problemWith(op, res) : `${op.label}: ${res.status}, not 429`);
        else problems.push(res.status === 429 ? `${op.label}: 429, undocumented` : null);
      }
      expectNoProblems(problems);
    } finally {
      await limited.close();
    }
  });
});
