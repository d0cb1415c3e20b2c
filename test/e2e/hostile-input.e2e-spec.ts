import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { requestStreamId } from '@ta/case';
import { ACTORS, countEvents, offerBody, requestBody, streamEvents, triageBody, type ActorName } from '../support/case-api';
import { rawHttp } from '../support/raw-http';

/**
 * No input reaches a 5xx: hostile input, category by category, against the real routes (read
 * from the OpenAPI document, so a new route is covered without touching this file). Every
 * refusal must be the expected status with an application/problem+json body and a stable
 * code, and must append nothing to the event store. docs/api.md, "Input the API refuses".
 */

let t: TestApp;
const errorLog: string[] = [];
const ids = { requestId: '', offerId: '', engagementId: '', milestoneId: randomUUID(), position: 0, clientId: '' };

interface Route {
  readonly method: 'GET' | 'POST';
  /** As in the OpenAPI document: `/requests/{id}/triage`. */
  readonly template: string;
  readonly params: readonly string[];
  /** A JSON body is declared (a DTO validates it). */
  readonly dto: boolean;
  /** The body is a file's bytes, of whatever type (an upload route): the media-type checks below are for JSON routes. */
  readonly upload?: boolean;
  /** The body is a file of another media type, read by the route as a stream (the IATI imports): the JSON checks below do not apply. */
  readonly streamed?: boolean;
  /** Needs no token (`security: []` in the document): a token it is given is not read. */
  readonly public?: boolean;
}
let routes: Route[] = [];
const key = (r: Route) => `${r.method} ${r.template}`;
const posts = () => routes.filter((r) => r.method === 'POST' && !r.streamed);
const streamedPosts = () => routes.filter((r) => r.method === 'POST' && r.streamed);
const gets = () => routes.filter((r) => r.method === 'GET');
/** GET routes whose query string is checked parameter by parameter (QueryParams): the read models and the coordinated view. */
const queried = () => gets().filter((r) => /^\/(requests|offers|engagements|coordination)\b/.test(r.template) && !/\/contact-person(\/reads)?$/.test(r.template));

/** A valid body for every POST route (a new route must be added here: see the first test). */
const VALID_BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /requests': () =>
    requestBody({
      desiredWindow: { from: '2027-01-01', to: '2027-06-30' },
      sources: [
        { kind: 'review-report', cycle: 2, chapter: 'ch-2', reportSymbol: 'CAC/COSP/IRG/II/1/1/Add.3', article: 'art-8', paragraph: '5', need: 'Verify asset declarations' },
        { kind: 'self-assessment', round: '2008-2009', article: 'art-9', need: 'Open procurement' },
      ],
    }),
  'POST /requests/{id}/amend': () => ({ title: { en: 'Asset declarations online' }, suggestedArticles: ['art-8', 'art-9'], desiredWindow: null }),
  'POST /requests/{id}/triage': () => ({ ...triageBody }),
  'POST /requests/{id}/return-for-clarification': () => ({ question: { en: 'Which institutions are concerned?' } }),
  'POST /requests/{id}/clarification': () => ({ answer: { en: 'The commission and the courts.' } }),
  'POST /requests/{id}/decline': () => ({ reason: 'Out of scope' }),
  'POST /requests/{id}/contact-person/erasure': () => ({ reason: 'The focal point asked to be forgotten' }),
  'POST /requests/{id}/withdraw': () => ({ reason: 'Covered by a national programme' }),
  'POST /requests/{id}/follow-up': () => ({ needMet: 'met', comment: { en: 'The verification system runs.' } }),
  'POST /requests/{id}/close': () => ({}),
  'POST /requests/{id}/restrict': () => ({ reason: 'The ministry asked for confidentiality' }),
  'POST /requests/{id}/open': () => ({ reason: 'Cleared for publication' }),
  'POST /offers': () => offerBody(),
  'POST /offers/{id}/withdraw': () => ({ reason: 'Budget cut' }),
  'POST /engagements': () => ({ requestId: ids.requestId, offerId: ids.offerId, amount: '1000.00', score: 0.5, reasons: ['article 8 in both'] }),
  'POST /engagements/{id}/accept': () => ({}),
  'POST /engagements/{id}/decline': () => ({ reason: 'No capacity this year' }),
  'POST /engagements/{id}/cancel': () => ({ reason: 'Request withdrawn' }),
  'POST /engagements/{id}/milestones': () => ({ title: { en: 'Inception workshop' }, dueDate: '2027-03-31' }),
  'POST /engagements/{id}/milestones/{milestoneId}/report': () => ({ notes: { en: 'The workshop was held with 40 participants.' } }),
  'POST /engagements/{id}/milestones/{milestoneId}/confirm': () => ({}),
  'POST /engagements/{id}/milestones/{milestoneId}/dispute': () => ({ reason: 'The workshop was not held' }),
  'POST /engagements/{id}/milestones/{milestoneId}/dispute/answer': () => ({ answer: 'The attendance list is in annex 2' }),
  'POST /engagements/{id}/milestones/{milestoneId}/dispute/resolve': () => ({ outcome: 'upheld', reason: 'Annex 2 is empty', dueDate: '2027-06-30' }),
  'POST /engagements/{id}/milestones/{milestoneId}/reschedule': () => ({ dueDate: '2027-05-31', reason: 'Expert unavailable in April' }),
  'POST /engagements/{id}/complete': () => ({}),
  'POST /engagements/{id}/acknowledge': () => ({}),
  'POST /engagements/{id}/contest': () => ({ reason: 'The final report was not delivered' }),
  'POST /offers/{id}/extend': () => ({ to: '2100-06-30' }),
  'POST /offers/{id}/amend': () => ({ eligibleCountries: ['KE', 'UG', 'TZ'] }),
  'POST /requests/{id}/translations': () => ({ text: 'description', language: 'fr', translation: 'Appui à la vérification' }),
  'POST /offers/{id}/translations': () => ({ text: 'description', language: 'fr', translation: 'Conseils entre pairs' }),
  'POST /engagements/{id}/translations': () => ({ text: 'reasons/0', language: 'fr', translation: "l'article 8 des deux côtés" }),
  'POST /directory/organisations': () => ({ organisationId: 'donor-hostile', kind: 'donor_agency', names: { en: 'Hostile test agency' }, country: 'NO', addresses: [], website: null }),
  'POST /directory/organisations/{id}/verify': () => ({}),
  'POST /directory/organisations/{id}/suspend': () => ({ reason: 'Under review' }),
  'POST /directory/organisations/{id}/close': () => ({ reason: 'Registered twice' }),
  'POST /directory/organisations/{id}/details': () => ({ names: { en: 'GIZ' }, addresses: ['Bonn'], website: 'https://www.giz.de' }),
  'POST /directory/organisations/{id}/provider-ids': () => ({ providerIds: ['giz-old'] }),
  'POST /directory/authorities': () => ({
    organisationId: 'ke-hostile',
    country: 'KE',
    names: { en: 'Hostile test authority' },
    addresses: [],
    articles: ['art-6'],
    taTypes: ['c2-capacity-building'],
    languages: ['en'],
    notifiedOn: '2026-01-15',
    contactPoint: { name: 'Test Person', email: 'test.person@example.go.ke' },
  }),
  'POST /directory/authorities/{id}/changes': () => ({ names: { en: 'EACC' }, addresses: [], articles: ['art-6'], taTypes: ['c2-capacity-building'], languages: ['en'], notifiedOn: '2026-01-15' }),
  'POST /directory/authorities/{id}/withdraw': () => ({ notifiedOn: '2026-01-15', reason: 'Merged' }),
  'POST /practices': () => ({ kind: 'good_practice', title: { en: 'E-procurement' }, summary: { en: 'Open procedures online' }, articles: ['art-9'], themes: ['public-procurement'], countries: ['KE'] }),
  'POST /practices/{id}/translations': () => ({ language: 'fr', title: 'Marchés en ligne', summary: 'Procédures ouvertes en ligne' }),
  'POST /practices/{id}/review': () => ({}),
  'POST /practices/{id}/publish': () => ({}),
  'POST /practices/{id}/withdraw': () => ({ reason: 'Superseded' }),
  // The file's bytes, not JSON (415 for a JSON body that passes the edge's JSON checks).
  'POST /practices/{id}/documents': () => ({}),
  'POST /practices/lessons/{id}/dismiss': () => ({}),
  // The file's bytes, not JSON, as for a practice's document.
  'POST /requests/{id}/documents': () => ({}),
  'POST /service-accounts': () => ({ name: 'GIZ project database' }),
  'POST /service-accounts/{clientId}/revoke': () => ({}),
  'POST /reports': () => ({ from: '2020-01-01', to: '2030-01-01' }),
  'POST /notifications/preferences': () => ({ email: 'focal@eacc.go.ke', language: 'fr', channels: ['email'], mutedKinds: ['request.submitted'], digest: 'daily' }),
  'POST /notifications/preferences/remove': () => ({}),
  'POST /notifications/defaults': () => ({ channels: ['email'], mutedKinds: [], digest: 'immediate' }),
  'POST /notifications/unsubscribe': () => ({ token: 'Vb0m3wWb6o0bqgGk0tQm4Jq1sVnq2k0H', kind: 'milestone.overdue' }),
  'POST /notifications/webhooks': () => ({ kinds: ['engagement.proposed'], url: 'https://hooks.example.org/ta' }),
  'POST /notifications/webhooks/remove': () => ({ subscription: '5f1c0e9a2b7d4c3e8a6b1d20' }),
  'POST /notifications/webhooks/replay': () => ({ subscription: '5f1c0e9a2b7d4c3e8a6b1d20', ids: ['3c2ce988-4af1-523d-a6be-8de82c2a80a0'] }),
};
const validBody = (r: Route) => VALID_BODIES[key(r)]!();

/**
 * Who sends to each POST route: the actor the command is for (the Secretariat elsewhere), so
 * that without the edge's checks the input would reach the domain and the event store.
 */
const SENDER: Record<string, ActorName> = {
  'POST /requests': 'state',
  'POST /requests/{id}/amend': 'state',
  'POST /requests/{id}/clarification': 'state',
  'POST /requests/{id}/withdraw': 'state',
  'POST /requests/{id}/follow-up': 'state',
  'POST /requests/{id}/restrict': 'state',
  'POST /requests/{id}/open': 'state',
  'POST /offers': 'donor',
  'POST /offers/{id}/withdraw': 'donor',
  'POST /offers/{id}/amend': 'donor',
  'POST /engagements/{id}/milestones': 'donor',
  'POST /engagements/{id}/milestones/{milestoneId}/report': 'donor',
  'POST /engagements/{id}/milestones/{milestoneId}/confirm': 'state',
  'POST /engagements/{id}/milestones/{milestoneId}/dispute': 'state',
  'POST /engagements/{id}/milestones/{milestoneId}/dispute/answer': 'donor',
  'POST /engagements/{id}/milestones/{milestoneId}/reschedule': 'donor',
  'POST /directory/organisations/{id}/details': 'donor',
  'POST /directory/authorities': 'state',
  'POST /directory/authorities/{id}/changes': 'state',
  'POST /directory/authorities/{id}/withdraw': 'state',
  'POST /practices': 'state',
  'POST /practices/lessons/{id}/dismiss': 'donor',
  'POST /requests/{id}/documents': 'state',
  'POST /service-accounts': 'donor',
  'POST /service-accounts/{clientId}/revoke': 'donor',
  'POST /notifications/preferences': 'state',
  'POST /notifications/webhooks': 'donor',
  'POST /notifications/webhooks/remove': 'donor',
  'POST /notifications/webhooks/replay': 'donor',
};

/** The path of a route, its parameters filled with ids that exist, or with `raw` (sent as is, not encoded) for one of them. */
function pathOf(r: Route, raw?: { param: string; value: string }): string {
  return r.template.replace(/\{(\w+)\}/g, (_, param: string) => {
    if (raw && raw.param === param) return raw.value;
    if (param === 'milestoneId') return ids.milestoneId;
    if (param === 'sha256') return 'a'.repeat(64);
    if (param === 'code') return 'KE';
    if (param === 'clientId') return ids.clientId;
    if (r.template.startsWith('/coordination/donors/')) return 'donor-giz';
    if (r.template.startsWith('/directory/authorities/')) return 'authority-ke-eacc';
    if (r.template.startsWith('/directory/')) return 'donor-giz';
    if (r.template.startsWith('/requests/')) return ids.requestId;
    if (r.template.startsWith('/offers/')) return ids.offerId;
    return ids.engagementId;
  });
}

interface Sent {
  readonly path?: string;
  /** The body as sent: a string goes as is. */
  readonly body?: string | Record<string, unknown>;
  readonly headers?: Record<string, string>;
  readonly as?: ActorName;
}

function send(r: Route, s: Sent = {}): request.Test {
  const path = s.path ?? pathOf(r);
  const req = r.method === 'GET' ? request(t.server).get(path) : request(t.server).post(path);
  // A hang is a failure too: no answer within 10 s fails the row.
  req.timeout({ response: 10_000, deadline: 20_000 }).set(ACTORS[s.as ?? SENDER[key(r)] ?? 'secretariat']);
  if (s.headers) req.set(s.headers);
  if (r.method === 'POST' && r.streamed) {
    // an IATI import: its body is a file (the edge's URL and header checks come first all the same)
    req.set('Content-Type', s.headers?.['Content-Type'] ?? 'application/xml').send(typeof s.body === 'string' ? s.body : '<iati-activities version="2.03"/>');
  } else if (r.method === 'POST') {
    const body = s.body ?? validBody(r);
    req.set('Content-Type', s.headers?.['Content-Type'] ?? 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
  }
  return req;
}

interface Answer {
  readonly status: number;
  readonly problem: boolean;
  readonly code: unknown;
  readonly errors?: unknown;
}

function answerOf(res: { status: number; headers: Record<string, string>; body: unknown; text?: string }): Answer {
  const problem = /^application\/problem\+json/.test(res.headers['content-type'] ?? '');
  let body = res.body as { code?: unknown; errors?: unknown } | undefined;
  if (problem && (body === undefined || Object.keys(body).length === 0) && res.text) body = JSON.parse(res.text);
  return { status: res.status, problem, code: body?.code, ...(body?.errors ? { errors: body.errors } : {}) };
}

/**
 * Sends and checks one hostile input: the expected status and code, problem+json, and nothing
 * appended. Returns a line describing the mismatch, or null.
 */
async function refused(label: string, sending: () => PromiseLike<request.Response>, status: number, code: string, path?: string): Promise<string | null> {
  const before = await countEvents(t.db.pool);
  let res: request.Response;
  try {
    res = await sending();
  } catch (e) {
    return `${label}: no answer (${(e as Error).message}); expected ${status} ${code}`;
  }
  const a = answerOf(res);
  const appended = (await countEvents(t.db.pool)) - before;
  const pathOk = path === undefined || (Array.isArray(a.errors) && a.errors.some((e: { path?: string }) => e.path === path));
  if (a.status === status && a.problem && a.code === code && appended === 0 && pathOk) return null;
  return `${label}: got ${a.status} ${a.problem ? 'problem+json' : 'NOT problem+json'} ${String(a.code)}${pathOk ? '' : ` errors ${JSON.stringify(a.errors)}`}${appended ? `, ${appended} event(s) appended` : ''}; expected ${status} ${code}${path ? ` at ${path}` : ''}`;
}

async function allRefused(checks: Array<[string, () => PromiseLike<request.Response>, number, string, string?]>): Promise<void> {
  const mismatches: string[] = [];
  for (const [label, sending, status, code, path] of checks) {
    const m = await refused(label, sending, status, code, path);
    if (m) mismatches.push(m);
  }
  expect(mismatches).toEqual([]);
  expect(checks.length).toBeGreaterThan(0);
}

/** Every string leaf of a JSON value, as a path of keys. */
function stringLeaves(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}

function withValue<T>(body: T, at: ReadonlyArray<string | number>, value: unknown): T {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const k of at.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string | number, unknown>;
  }
  node[at[at.length - 1]!] = value;
  return copy as T;
}

/** A member written into the JSON text as is (JSON.stringify cannot write a `__proto__` key). */
function withRawMember(body: Record<string, unknown>, member: string): string {
  const json = JSON.stringify(body);
  return json === '{}' ? `{${member}}` : `{${member},${json.slice(1)}`;
}

beforeAll(async () => {
  // The problem filter logs 5xx only, and nothing here may be one: any error logged is a failure.
  jest.spyOn(Logger.prototype, 'error').mockImplementation((...args: unknown[]) => void errorLog.push(args.map(String).join(' ').slice(0, 300)));
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errorLog.push(args.map(String).join(' ').slice(0, 300)));
  t = await startTestApp();
  const post = (actor: ActorName, path: string, body: unknown) => request(t.server).post(path).set(ACTORS[actor]).send(body as object);
  ids.requestId = (await post('state', '/requests', requestBody()).expect(201)).body.id;
  await post('secretariat', `/requests/${ids.requestId}/triage`, triageBody).expect(200);
  ids.offerId = (await post('donor', '/offers', offerBody()).expect(201)).body.id;
  const engagement = (await post('secretariat', '/engagements', VALID_BODIES['POST /engagements']!()).expect(201)).body;
  ids.engagementId = engagement.id;
  ids.position = engagement.globalPosition;
  ids.clientId = (await post('donor', '/service-accounts', { name: 'GIZ project database' }).expect(201)).body.account.clientId;
  const doc = (await request(t.server).get('/docs/openapi.json').expect(200)).body as {
    paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; requestBody?: { content?: Record<string, unknown>; required?: boolean }; security?: unknown[] }>>;
  };
  routes = Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, op]) => ({
      method: method.toUpperCase() as Route['method'],
      template,
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      // A JSON body described by a DTO; an upload route takes a file's bytes (any type but JSON);
      // a streamed route, a file of its own media type (the IATI imports: XML).
      dto: op.requestBody !== undefined && op.requestBody.required !== false && 'application/json' in (op.requestBody.content ?? {}),
      upload: op.requestBody?.content !== undefined && 'application/octet-stream' in op.requestBody.content,
      streamed: op.requestBody?.content !== undefined && !('application/json' in op.requestBody.content) && !('application/octet-stream' in op.requestBody.content),
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
});

afterAll(async () => {
  await t?.close();
  jest.restoreAllMocks();
});

describe('the routes under test', () => {
  it('come from the OpenAPI document: GET and POST only, and a valid body is known for every POST route', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.method !== 'GET' && r.method !== 'POST').map(key)).toEqual([]);
    expect(posts().map(key).filter((k) => !(k in VALID_BODIES))).toEqual([]);
    expect(Object.keys(VALID_BODIES).filter((k) => !posts().some((r) => key(r) === k))).toEqual([]);
  });

  it('streamed bodies are the IATI imports only, which refuse other media types (their hostile files: iati-import.e2e-spec.ts)', async () => {
    expect(streamedPosts().map(key).sort()).toEqual(['POST /iati/imports', 'POST /iati/imports/preview']);
    await allRefused(
      streamedPosts().flatMap((r): Array<[string, () => PromiseLike<request.Response>, number, string]> => [
        [`${key(r)} text/plain`, () => request(t.server).post(r.template).set(ACTORS.donor).set('Content-Type', 'text/plain').send('<iati-activities/>'), 415, 'request.unsupported_media_type'],
        [`${key(r)} a form`, () => request(t.server).post(r.template).set(ACTORS.donor).set('Content-Type', 'application/x-www-form-urlencoded').send('a=1'), 415, 'request.unsupported_media_type'],
      ]),
    );
  });
});

describe('text PostgreSQL cannot store: 400 request.unstorable_text', () => {
  const texts: Array<[string, string]> = [
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a surrogate pair in the wrong order', '\udc00\ud83d'],
  ];

  it.each(texts)('%s in any string of any body, nested too', async (_label, text) => {
    await allRefused(
      posts().flatMap((r) => {
        const valid = validBody(r);
        const leaves = stringLeaves(valid);
        const at = leaves.length > 0 ? leaves : [['note', 'lines', 0]];
        return at.map((leaf): [string, () => request.Test, number, string] => [`${key(r)} at /${leaf.join('/')}`, () => send(r, { body: withValue(valid, leaf, text) }), 400, 'request.unstorable_text']);
      }),
    );
  });

  it.each(texts)('%s in an object key, at the top and nested', async (_label, text) => {
    await allRefused(
      posts().flatMap((r): Array<[string, () => request.Test, number, string]> => [
        [`${key(r)} top`, () => send(r, { body: { ...validBody(r), [`k${text}`]: 1 } }), 400, 'request.unstorable_text'],
        [`${key(r)} nested`, () => send(r, { body: { ...validBody(r), note: [{ [`k${text}`]: 'x' }] } }), 400, 'request.unstorable_text'],
      ]),
    );
  });

  it.each([['%00'], ['a%00b'], ['%00%00']])('%s in any path parameter of any route', async (encoded) => {
    await allRefused(
      routes.flatMap((r) => r.params.map((param): [string, () => request.Test, number, string] => [`${key(r)} {${param}}`, () => send(r, { path: pathOf(r, { param, value: encoded }) }), 400, 'request.unstorable_text'])),
    );
  });

  it.each([['x=%00'], ['%00=1'], ['minPosition=1%00'], ['access_token=%00']])('?%s on any route', async (query) => {
    await allRefused(routes.map((r) => [`${key(r)}?${query}`, () => send(r, { path: `${pathOf(r)}?${query}` }), 400, 'request.unstorable_text']));
  });
});

describe('JSON nested or wide beyond the limits (32 levels, 1,000 members, 256 KiB): 400 request.too_complex or 413, never a stack overflow', () => {
  const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const rows: Array<[string, (valid: Record<string, unknown>) => string, number, string]> = [
    ['10,000 nested arrays as the body', () => '['.repeat(10_000) + ']'.repeat(10_000), 400, 'request.too_complex'],
    ['10,000 nested objects as the body', () => nested(10_000), 400, 'request.too_complex'],
    ['10,000 nested arrays in a field', (v) => withRawMember(v, `"note":${'['.repeat(10_000)}${']'.repeat(10_000)}`), 400, 'request.too_complex'],
    ['33 levels (one too many)', (v) => withRawMember(v, `"note":${nested(32)}`), 400, 'request.too_complex'],
    ['an array of 1,001 items', (v) => withRawMember(v, `"note":[${Array(1001).fill(0).join(',')}]`), 400, 'request.too_complex'],
    ['an object of 1,001 members', (v) => withRawMember(v, `"note":{${Array.from({ length: 1001 }, (_, i) => `"k${i}":0`).join(',')}}`), 400, 'request.too_complex'],
    ['an array of 100,000 items (within 256 KiB)', (v) => withRawMember(v, `"note":[${Array(100_000).fill(0).join(',')}]`), 400, 'request.too_complex'],
    ['an array of 150,000 items (over 256 KiB)', (v) => withRawMember(v, `"note":[${Array(150_000).fill(0).join(',')}]`), 413, 'request.too_large'],
    ['a body of 300 KiB', (v) => withRawMember(v, `"note":"${'x'.repeat(300 * 1024)}"`), 413, 'request.too_large'],
  ];

  it.each(rows)('%s, on every POST route', async (_label, body, status, code) => {
    await allRefused(posts().map((r) => [key(r), () => send(r, { body: body(validBody(r)) }), status, code]));
  });

  it('32 levels pass the edge and are then refused as an unknown field (the limit is exactly 32)', async () => {
    await allRefused(posts().filter((r) => r.dto).map((r) => [key(r), () => send(r, { body: withRawMember(validBody(r), `"note":${nested(31)}`) }), 400, 'request.invalid_body', '/note']));
  });
});

describe('ids in the path: a malformed id names no resource, 404 request.malformed_id on reads and commands alike', () => {
  // The coordinated view's and the directory's ids are not UUIDs (their own cases below and in 'donors').
  const uuidRoutes = () =>
    routes.flatMap((r) => r.params.filter((p) => p === 'id' || p === 'milestoneId').filter(() => !r.template.startsWith('/coordination/') && !r.template.startsWith('/directory/') && !r.template.startsWith('/exports/donors/')).map((param) => ({ r, param })));
  const malformed: Array<[string, string, number, string]> = [
    ['not a UUID', 'not-a-uuid', 404, 'request.malformed_id'],
    ['10,000 characters', 'x'.repeat(10_000), 404, 'request.malformed_id'],
    ['a UUID with one character too many', `${randomUUID()}0`, 404, 'request.malformed_id'],
    ['the nil UUID (no version)', '00000000-0000-0000-0000-000000000000', 404, 'request.malformed_id'],
    ['a space', 'a%20b', 404, 'request.malformed_id'],
    ['an encoded slash', '..%2F..', 404, 'request.malformed_id'],
    ['a line feed', '%0A', 404, 'request.malformed_id'],
    ['%FF (no UTF-8)', '%FF', 400, 'request.malformed_url'],
    ['%E0%A4%A (a truncated sequence)', '%E0%A4%A', 400, 'request.malformed_url'],
    ['%C0%80 (an overlong NUL)', '%C0%80', 400, 'request.malformed_url'],
    ['%ED%A0%80 (an encoded surrogate)', '%ED%A0%80', 400, 'request.malformed_url'],
    ['%00', '%00', 400, 'request.unstorable_text'],
  ];

  it.each(malformed)('%s: the same answer on every route', async (_label, value, status, code) => {
    const answers = new Map<string, string[]>();
    const checks = uuidRoutes().map(({ r, param }): [string, () => PromiseLike<request.Response>, number, string] => [
      `${key(r)} {${param}}`,
      async () => {
        const res = await send(r, { path: pathOf(r, { param, value }) });
        const same = JSON.stringify({ status: res.status, code: res.body?.code, detail: res.body?.detail, errors: res.body?.errors });
        answers.set(same, [...(answers.get(same) ?? []), `${key(r)} {${param}}`]);
        return res;
      },
      status,
      code,
    ]);
    await allRefused(checks);
    expect([...answers.keys()]).toHaveLength(1);
  });

  it('the routes with UUIDs in their path include reads and commands', () => {
    const methods = new Set(uuidRoutes().map(({ r }) => r.method));
    expect([...methods].sort()).toEqual(['GET', 'POST']);
  });

  it('a well-formed id in capitals names the same resource', async () => {
    const res = await request(t.server).get(`/requests/${ids.requestId.toUpperCase()}?minPosition=${ids.position}`).set(ACTORS.secretariat).expect(200);
    expect(res.body.requestId).toBe(ids.requestId);
  });

  it('countries: two letters, else malformed; a code of no country is 404 too', async () => {
    const r: Route = { method: 'GET', template: '/coordination/countries/{code}', params: ['code'], dto: false };
    await allRefused([
      ...['K', 'KEN', 'K1', '%C3%9F', 'x'.repeat(10_000), '%0AKE'].map((v): [string, () => request.Test, number, string] => [v.slice(0, 20), () => send(r, { path: pathOf(r, { param: 'code', value: v }) }), 404, 'request.malformed_id']),
      ['XX', () => send(r, { path: pathOf(r, { param: 'code', value: 'XX' }) }), 404, 'coordination.unknown_country'],
      ['%FF', () => send(r, { path: pathOf(r, { param: 'code', value: '%FF' }) }), 400, 'request.malformed_url'],
    ]);
    expect((await send(r, { path: '/coordination/countries/ke' }).expect(200)).body.country).toBe('KE');
  });

  it('the directory: an organisation id is 2-64 lower-case letters, digits and hyphens, else malformed; an unknown one is organisation.not_found', async () => {
    const directoryRoutes = routes.filter((r) => r.template.startsWith('/directory/') && r.params.includes('id'));
    expect(directoryRoutes.length).toBeGreaterThan(5);
    await allRefused(
      directoryRoutes.flatMap((r) => [
        ...['Donor-GIZ', 'x', 'a%20b', 'x'.repeat(65), '-giz', 'a%0Ab'].map((v): [string, () => request.Test, number, string] => [`${key(r)} ${v.slice(0, 20)}`, () => send(r, { path: pathOf(r, { param: 'id', value: v }) }), 404, 'request.malformed_id']),
        [`${key(r)} nobody-here`, () => send(r, { path: pathOf(r, { param: 'id', value: 'nobody-here' }) }), 404, 'organisation.not_found'] as [string, () => request.Test, number, string],
      ]),
    );
  });

  it('donors: an organisation id is 1-100 characters on one line', async () => {
    const r: Route = { method: 'GET', template: '/coordination/donors/{id}', params: ['id'], dto: false };
    await allRefused([
      ...['x'.repeat(101), 'a%0Ab', 'a%09b', 'a%E2%80%AEb', 'a%C2%85b'].map((v): [string, () => request.Test, number, string] => [v.slice(0, 20), () => send(r, { path: pathOf(r, { param: 'id', value: v }) }), 404, 'request.malformed_id']),
      ['nobody', () => send(r, { path: pathOf(r, { param: 'id', value: 'nobody' }) }), 404, 'coordination.donor_not_found'],
    ]);
  });
});

describe('what Node refuses before routing: problem+json, not an empty answer', () => {
  const token = ACTORS.secretariat.Authorization;
  const rows: Array<[string, () => string | Buffer, number, string]> = [
    ['a request line of 20,000 characters', () => `GET /requests/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'request.uri_too_long'],
    ['a query string of 20,000 characters', () => `GET /requests?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'request.uri_too_long'],
    ['a header of 20,000 characters', () => `GET /requests HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'request.headers_too_large'],
    ['an Authorization header of 20,000 characters', () => `GET /requests HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'request.headers_too_large'],
    ['200 headers of 100 characters', () => `GET /requests HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 200 }, (_, i) => `X-H${i}: ${'a'.repeat(100)}\r\n`).join('')}\r\n`, 431, 'request.headers_too_large'],
    ['a request line that is no HTTP', () => 'GARBAGE\r\n\r\n', 400, 'request.malformed_http'],
    ['an unknown method Node does not parse', () => `FOO /requests HTTP/1.1\r\nHost: x\r\nAuthorization: ${token}\r\n\r\n`, 400, 'request.malformed_http'],
    ['NUL in a header', () => `GET /requests HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n`, 400, 'request.malformed_http'],
    ['a raw byte 0xFF in the path', () => Buffer.from(`GET /coordination/donors/a\u00ffb HTTP/1.1\r\nHost: x\r\nAuthorization: ${token}\r\n\r\n`, 'latin1'), 400, 'request.malformed_http'],
    ['a space in the path', () => `GET /requests/a b HTTP/1.1\r\nHost: x\r\n\r\n`, 400, 'request.malformed_http'],
    ['a Content-Length that is no number', () => `POST /requests HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`, 400, 'request.malformed_http'],
    ['Content-Length and Transfer-Encoding together', () => `POST /requests HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, 400, 'request.malformed_http'],
    ['a chunk size that is no number', () => `POST /requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400, 'request.malformed_http'],
  ];

  it.each(rows)('%s', async (_label, bytes, status, code) => {
    const before = await countEvents(t.db.pool);
    const res = await rawHttp(t.url, bytes());
    expect({ status: res.status, type: res.headers['content-type'], code: JSON.parse(res.body).code, connection: res.headers.connection }).toEqual({
      status,
      type: expect.stringMatching(/^application\/problem\+json/),
      code,
      connection: 'close',
    });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    expect(await countEvents(t.db.pool)).toBe(before);
  });
});

describe('__proto__, constructor and prototype keys: refused like any unknown field, and nothing polluted', () => {
  const rows: Array<[string, string, (valid: Record<string, unknown>) => string, string]> = [
    ['__proto__ at the top', '/__proto__', (v) => withRawMember(v, '"__proto__":{"polluted":"yes"}'), 'top'],
    ['constructor.prototype at the top', '/constructor', (v) => withRawMember(v, '"constructor":{"prototype":{"polluted":"yes"}}'), 'top'],
    ['prototype at the top', '/prototype', (v) => withRawMember(v, '"prototype":{"polluted":"yes"}'), 'top'],
    ['__proto__ nested in a field', '/__proto__', (v) => nestedMember(v, '"__proto__":{"polluted":"yes"}'), 'nested'],
    ['constructor nested in a field', '/constructor', (v) => nestedMember(v, '"constructor":{"prototype":{"polluted":"yes"}}'), 'nested'],
  ];

  /** The member inside the body's first object-valued field, or inside a `note` object. */
  function nestedMember(v: Record<string, unknown>, member: string): string {
    const field = Object.keys(v).find((k) => v[k] !== null && typeof v[k] === 'object' && !Array.isArray(v[k]));
    if (!field) return withRawMember(v, `"note":{${member}}`);
    const inner = JSON.stringify(v[field]);
    return JSON.stringify(v).replace(`"${field}":${inner}`, `"${field}":${inner === '{}' ? `{${member}}` : `{${member},${inner.slice(1)}`}`);
  }

  it.each(rows)('%s, on every POST route', async (_label, suffix, body, where) => {
    await allRefused(
      posts().map((r) => {
        const valid = validBody(r);
        const field = Object.keys(valid).find((k) => valid[k] !== null && typeof valid[k] === 'object' && !Array.isArray(valid[k]));
        const path = where === 'top' ? suffix : `/${field ?? 'note'}${suffix}`;
        return [key(r), () => send(r, { body: body(valid) }), 400, 'request.invalid_body', path];
      }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('calendar dates: impossible days are refused, not rolled over', () => {
  const queryDates: Array<[string, string]> = [
    ['/coordination/summary', 'asOf'],
    ['/coordination/gaps', 'asAt'],
    ['/coordination/pipeline', 'asAt'],
    ['/coordination/countries/KE', 'asAt'],
    ['/coordination/countries', 'asAt'],
    ['/coordination/milestones/overdue', 'asAt'],
    ['/coordination/milestones/disputed', 'asAt'],
    ...['summary', 'gaps', 'overlaps', 'pipeline', 'coverage', 'need-sources', 'trends', 'countries', 'milestones/overdue', 'milestones/disputed', 'funding'].flatMap(
      (route): Array<[string, string]> => [
        [`/coordination/${route}`, 'from'],
        [`/coordination/${route}`, 'to'],
      ],
    ),
    ['/offers', 'registeredFrom'],
    ['/offers', 'registeredTo'],
    ['/requests', 'submittedFrom'],
    ['/requests', 'submittedTo'],
    ['/offers', 'availableOn'],
    ['/engagements', 'proposedFrom'],
    ['/engagements', 'proposedTo'],
    ['/engagements/{engagementId}', 'asAt'],
  ];
  const impossible: string[][] = [
    ['2026-02-31'],
    ['2025-13-01'],
    ['2026-02-29'],
    ['2025-00-10'],
    ['2025-01-00'],
    ['0000-01-01'],
    ['2026-02-31T00:00:00Z'],
    ['2026-01-01T24:00:00Z'],
    ['2026-01-01T23:60:00Z'],
    ['0001-01-01T00:00:00%2B14:00'],
    ['2026-01-01T00:00:00%2B25:00'],
    ['20260101'],
    ['2026-1-1'],
  ];
  const at = (path: string) => path.replace('{engagementId}', ids.engagementId);

  it.each(impossible)('?…=%s: 400 coordination.invalid_query on every date parameter', async (value) => {
    await allRefused(
      queryDates.map(([path, param]) => [`${path}?${param}`, () => request(t.server).get(`${at(path)}?${param}=${value}`).set(ACTORS.secretariat), 400, 'coordination.invalid_query', `/query/${param}`]),
    );
  });

  it.each([['2024-02-29'], ['2000-02-29'], ['2024-02-29T23:30:00%2B03:00']])('?…=%s (a real leap day) is accepted on every date parameter', async (value) => {
    for (const [path, param] of queryDates) {
      const res = await request(t.server).get(`${at(path)}?${param}=${value}&minPosition=${ids.position}`).set(ACTORS.secretariat);
      expect({ path, param, status: res.status }).toEqual({ path, param, status: 200 });
    }
  });

  const bodyDates: Array<[string, string, ActorName, (d: string) => Record<string, unknown>, string]> = [
    ['an offer available from', '/offers', 'donor', (d) => offerBody({ availability: { from: d, to: '2099-12-31' } }), '/availability/from'],
    ['an offer available to', '/offers', 'donor', (d) => offerBody({ availability: { from: '2020-01-01', to: d } }), '/availability/to'],
    ['a request desired from', '/requests', 'state', (d) => requestBody({ desiredWindow: { from: d, to: '2099-12-31' } }), '/desiredWindow/from'],
    ['a milestone due', '/engagements/{id}/milestones', 'donor', (d) => ({ title: { en: 'Report' }, dueDate: d }), '/dueDate'],
    ['a milestone rescheduled to', '/engagements/{id}/milestones/{m}/reschedule', 'donor', (d) => ({ dueDate: d, reason: 'Elections' }), '/dueDate'],
  ];
  const bodyPath = (p: string) => p.replace('{id}', ids.engagementId).replace('{m}', ids.milestoneId);

  it.each([['2026-02-31'], ['2025-13-01'], ['2026-02-29'], ['0000-01-01'], ['2026-02-31T00:00:00Z'], ['2026-2-3']])('%s in a body: 400 request.invalid_body at the field', async (value) => {
    await allRefused(
      bodyDates.map(([label, path, actor, body, field]) => [label, () => request(t.server).post(bodyPath(path)).set(ACTORS[actor]).send(body(value)), 400, 'request.invalid_body', field]),
    );
  });

  it('a leap day in a body is accepted', async () => {
    await request(t.server).post('/offers').set(ACTORS.donor).send(offerBody({ availability: { from: '2024-02-29', to: '2028-02-29' } })).expect(201);
  });
});

describe('control characters: refused in single-line fields; multi-line texts keep line feeds and tabs only', () => {
  type Field = [string, string, ActorName, ReadonlyArray<string | number>];
  const singleLine: Field[] = [
    ['request title', 'POST /requests', 'state', ['title', 'en']],
    ['request title in Arabic', 'POST /requests', 'state', ['title', 'ar']],
    ['beneficiary institution', 'POST /requests', 'state', ['beneficiaryInstitution']],
    ['contact name', 'POST /requests', 'state', ['contactPerson', 'name']],
    ['need source report symbol', 'POST /requests', 'state', ['sources', 0, 'reportSymbol']],
    ['country code', 'POST /requests', 'state', ['country']],
    ['article code', 'POST /requests', 'state', ['suggestedArticles', 0]],
    ['provider id', 'POST /offers', 'donor', ['providerId']],
    ['offer title', 'POST /offers', 'donor', ['title', 'fr']],
    ['language code', 'POST /offers', 'donor', ['languages', 0]],
    ['currency code', 'POST /offers', 'donor', ['capacity', 'currency']],
    ['match reason', 'POST /engagements', 'secretariat', ['reasons', 0]],
    ['milestone title', 'POST /engagements/{id}/milestones', 'donor', ['title', 'en']],
    ['priority code', 'POST /requests/{id}/triage', 'secretariat', ['priority']],
    ['amended title', 'POST /requests/{id}/amend', 'state', ['title', 'en']],
  ];
  const multiLine: Field[] = [
    ['request description', 'POST /requests', 'state', ['description', 'en']],
    ['offer description', 'POST /offers', 'donor', ['description', 'en']],
    ['clarification question', 'POST /requests/{id}/return-for-clarification', 'secretariat', ['question', 'fr']],
    ['clarification answer', 'POST /requests/{id}/clarification', 'state', ['answer', 'en']],
    ['follow-up comment', 'POST /requests/{id}/follow-up', 'state', ['comment', 'en']],
    ['decline reason', 'POST /requests/{id}/decline', 'secretariat', ['reason']],
    ['erasure reason', 'POST /requests/{id}/contact-person/erasure', 'secretariat', ['reason']],
    ['need source text', 'POST /requests', 'state', ['sources', 0, 'need']],
    ['restriction reason', 'POST /requests/{id}/restrict', 'state', ['reason']],
    ['withdrawal reason', 'POST /offers/{id}/withdraw', 'donor', ['reason']],
    ['dispute reason', 'POST /engagements/{id}/milestones/{milestoneId}/dispute', 'state', ['reason']],
    ['reschedule reason', 'POST /engagements/{id}/milestones/{milestoneId}/reschedule', 'donor', ['reason']],
    ['milestone notes', 'POST /engagements/{id}/milestones/{milestoneId}/report', 'donor', ['notes', 'en']],
    ['dispute answer', 'POST /engagements/{id}/milestones/{milestoneId}/dispute/answer', 'donor', ['answer']],
    ['dispute resolution reason', 'POST /engagements/{id}/milestones/{milestoneId}/dispute/resolve', 'secretariat', ['reason']],
  ];
  const route = (k: string) => routes.find((r) => key(r) === k)!;
  const checks = (fields: Field[], value: string) =>
    fields.map(([label, k, actor, at]): [string, () => request.Test, number, string, string] => [
      label,
      () => send(route(k), { as: actor, body: withValue(validBody(route(k)), at, `a${value}b`) }),
      400,
      'request.invalid_body',
      // class-validator names the list for an item (`@SingleLine({ each: true })`), and the item for a field of a nested object in a list.
      `/${at.filter((k, i) => typeof k === 'string' || i < at.length - 1).join('/')}`,
    ]);
  const names: Record<string, string> = { '\n': 'LF', '\t': 'TAB', '\r': 'CR', '\u0007': 'BEL', '\u000b': 'VT', '\u001b': 'ESC', '\u007f': 'DEL', '\u0085': 'NEL (C1)', '\u009b': 'CSI (C1)', '\u2028': 'LINE SEPARATOR', '\u2029': 'PARAGRAPH SEPARATOR', '\u202d': 'LEFT-TO-RIGHT OVERRIDE', '\u202e': 'RIGHT-TO-LEFT OVERRIDE' };
  const named = (cs: string[]) => cs.map((c) => [names[c]!, c]);

  it.each(named(['\n', '\t', '\r', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202d', '\u202e']))('%s in a single-line field', async (_name, c) => {
    await allRefused(checks(singleLine, c!));
  });

  it.each(named(['\r', '\u0007', '\u000b', '\u001b', '\u007f', '\u0085', '\u009b', '\u202e']))('%s in a multi-line text', async (_name, c) => {
    await allRefused(checks(multiLine, c!));
  });

  it('line feeds and tabs in a multi-line text, bidi marks and isolates in a title: accepted', async () => {
    const body = requestBody({
      title: { en: 'Asset declarations', ar: 'تعزيز نظام \u2068GIZ\u2069 لإقرارات الذمة المالية\u200f' },
      description: { en: 'First line\nSecond line\twith a tab\u2028and a line separator' },
    });
    const id = (await request(t.server).post('/requests').set(ACTORS.state).send(body).expect(201)).body.id;
    const [submitted] = await streamEvents(t.db.pool, requestStreamId(id));
    expect({ title: submitted!.data.title, description: submitted!.data.description }).toEqual({ title: body.title, description: body.description });
  });
});

describe('media types and body shapes', () => {
  const json = (r: Route) => JSON.stringify(validBody(r));
  const rows: Array<[string, (r: Route) => request.Test, number, string]> = [
    ['JSON sent as text/plain', (r) => send(r, { body: json(r), headers: { 'Content-Type': 'text/plain' } }), 415, 'request.unsupported_media_type'],
    ['a form', (r) => send(r, { body: 'country=KE&title[en]=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'request.unsupported_media_type'],
    ['a deeply nested form', (r) => send(r, { body: `a${'[a]'.repeat(100)}=1`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'request.unsupported_media_type'],
    ['multipart', (r) => send(r, { body: '--b\r\nContent-Disposition: form-data; name="country"\r\n\r\nKE\r\n--b--\r\n', headers: { 'Content-Type': 'multipart/form-data; boundary=b' } }), 415, 'request.unsupported_media_type'],
    ['XML', (r) => send(r, { body: '<request/>', headers: { 'Content-Type': 'application/xml' } }), 415, 'request.unsupported_media_type'],
    ['JSON in latin1', (r) => send(r, { body: json(r), headers: { 'Content-Type': 'application/json; charset=latin1' } }), 415, 'request.unsupported_media_type'],
    ['gzip that is not gzip', (r) => send(r, { body: json(r), headers: { 'Content-Encoding': 'gzip' } }), 400, 'request.unreadable_body'],
    ['an unknown content encoding', (r) => send(r, { body: json(r), headers: { 'Content-Encoding': 'zstd-x' } }), 415, 'request.unsupported_media_type'],
    ['malformed JSON', (r) => send(r, { body: '{"a":' }), 400, 'request.malformed_json'],
    ['JSON null', (r) => send(r, { body: 'null' }), 400, 'request.malformed_json'],
    ['a JSON number', (r) => send(r, { body: '1' }), 400, 'request.malformed_json'],
    ['a JSON string', (r) => send(r, { body: '"text"' }), 400, 'request.malformed_json'],
    ['JSON true', (r) => send(r, { body: 'true' }), 400, 'request.malformed_json'],
  ];

  it.each(rows)('%s, on every POST route (but the uploads, which take any bytes)', async (_label, sending, status, code) => {
    await allRefused(posts().filter((r) => !r.upload).map((r) => [key(r), () => sending(r), status, code]));
  });

  it.each([
    ['an empty body', ''],
    ['an empty object', '{}'],
    ['an array', '[]'],
    ['an array of the right fields', (r: Route) => JSON.stringify([validBody(r)])],
  ] as Array<[string, string | ((r: Route) => string)]>)('%s where a body is required: 400 request.invalid_body', async (_label, body) => {
    await allRefused(posts().filter((r) => r.dto).map((r) => [key(r), () => send(r, { body: typeof body === 'string' ? body : body(r) }), 400, 'request.invalid_body']));
  });

  it('a body without Content-Type: 415', async () => {
    const res = await rawHttp(t.url, `POST /requests HTTP/1.1\r\nHost: x\r\nAuthorization: ${ACTORS.state.Authorization}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect({ status: res.status, type: res.headers['content-type'], code: JSON.parse(res.body).code }).toEqual({ status: 415, type: expect.stringMatching(/^application\/problem\+json/), code: 'request.unsupported_media_type' });
  });
});

describe('query strings', () => {
  const rows: Array<[string, string, number, string]> = [
    ['a parameter given twice', 'minPosition=1&minPosition=2', 400, 'coordination.invalid_query'],
    ['an array parameter', 'minPosition[]=1', 400, 'coordination.invalid_query'],
    ['an object parameter', 'minPosition[a]=1', 400, 'coordination.invalid_query'],
    ['a nested object parameter', `a${'[b]'.repeat(50)}=1`, 400, 'coordination.invalid_query'],
    ['an unknown parameter', 'colour=red', 400, 'coordination.invalid_query'],
    ['a query string of 12,000 characters', `x=${'a'.repeat(12_000)}`, 400, 'coordination.invalid_query'],
    ['2,000 parameters', Array.from({ length: 2000 }, (_, i) => `p${i}=1`).join('&'), 400, 'coordination.invalid_query'],
    ['a number too large', 'minPosition=99999999999999999999', 400, 'coordination.invalid_query'],
    ['a negative number', 'minPosition=-1', 400, 'coordination.invalid_query'],
  ];

  it.each(rows)('%s: 400 on every read route', async (_label, query, status, code) => {
    await allRefused(queried().map((r) => [key(r), () => send(r, { path: `${pathOf(r)}?${query}` }), status, code]));
  });

  it.each([['minPosition=%FF'], ['%FF=1'], ['x=%E0%A4%A'], ['x=%']])('?%s: 400 request.malformed_url on every route', async (query) => {
    await allRefused(routes.map((r) => [key(r), () => send(r, { path: `${pathOf(r)}?${query}` }), 400, 'request.malformed_url']));
  });
});

describe('methods and headers', () => {
  it.each([['PROPFIND'], ['TRACE'], ['PATCH'], ['PUT'], ['DELETE'], ['SEARCH'], ['OPTIONS'], ['MKCOL']])('%s: 404 request.unknown_route problem', async (method) => {
    const mismatches: string[] = [];
    for (const path of ['/requests', `/requests/${ids.requestId}`, `/requests/${ids.requestId}/triage`, '/coordination/summary', '/health/live', '/nowhere']) {
      const res = await rawHttp(t.url, `${method} ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: ${ACTORS.secretariat.Authorization}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      const code = res.body ? JSON.parse(res.body).code : undefined;
      if (res.status !== 404 || !/^application\/problem\+json/.test(res.headers['content-type'] ?? '') || code !== 'request.unknown_route') mismatches.push(`${path}: ${res.status} ${res.headers['content-type']} ${code}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('HEAD answers like GET without a body, a problem with its type when refused', async () => {
    const ok = await request(t.server).head('/requests').set(ACTORS.secretariat).expect(200);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    const refusedHead = await request(t.server).head('/requests').expect(401);
    expect(refusedHead.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  const command = () => routes.find((r) => r.template === '/requests/{id}/withdraw')!;

  it.each([['garbage'], ['"abc"'], ['W/"x"'], [`"${'9'.repeat(5000)}"`], ['"1", "2"'], ['-1']])('If-Match %#: 400 request.invalid_if_match', async (value) => {
    await allRefused([[value.slice(0, 20), () => send(command(), { as: 'state', headers: { 'If-Match': value } }), 400, 'request.invalid_if_match']]);
  });

  it('If-Match: a version far ahead is 412 command.stale_version', async () => {
    await allRefused([['far ahead', () => send(command(), { as: 'state', headers: { 'If-Match': '"999999999999999"' } }), 412, 'command.stale_version']]);
  });

  it.each([['k'.repeat(201)], ['k'.repeat(8000)], ['a\tb'], ['\u00e9t\u00e9']])('Idempotency-Key %#: 400 idempotency.invalid_key', async (value) => {
    const header = Buffer.from(value, 'latin1').toString('latin1');
    await allRefused([[value.slice(0, 20), () => send(command(), { as: 'state', headers: { 'Idempotency-Key': header } }), 400, 'idempotency.invalid_key']]);
  });

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it.each([
    ['Bearer'],
    ['Bearer x'],
    ['Bearer a.b.c'],
    ['Basic dXNlcjpwYXNz'],
    [`Bearer ${b64(null)}.${b64(null)}.x`],
    [`Bearer ${b64([])}.${b64({})}.x`],
    [`Bearer ${b64(1)}.${b64('s')}.x`],
    [`Bearer ${'a'.repeat(12_000)}`],
    ['Bearer a.b.c.d.e'],
  ])('Authorization %#: 401 auth.malformed_token on reads and commands', async (value) => {
    await allRefused(
      [...gets().filter((r) => !r.template.startsWith('/health') && !r.template.startsWith('/docs')).slice(0, 5), ...posts().filter((r) => !r.public)].map((r) => [
        key(r),
        () => send(r, { headers: { Authorization: value } }),
        401,
        'auth.malformed_token',
      ]),
    );
  });
});

describe('the server log', () => {
  it('holds no error and no stack trace for any of the above (the problem filter logs 5xx only)', () => {
    expect(errorLog).toEqual([]);
  });
});
