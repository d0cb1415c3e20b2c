import fc from 'fast-check';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, IDENTITIES, type ActorName } from '../support/case-api';
import { createCaseFixture, type CaseFixture } from '../support/case-fixture';
import { OpenApi, type Operation } from '../support/openapi';
import { fuzzRequests, MUTATION_KINDS, type FuzzRequest } from './request-mutations';

/**
 * A fuzz suite generated from the OpenAPI document: for every operation, requests valid except
 * for one field, parameter, path segment or header (request-mutations.ts), sent as every role
 * (and without a token), with the ids of real cases so that they reach the handlers. It fails
 * on a 5xx, on a 4xx that is not problem details with a `code`, on an answer the document does
 * not describe, and on no answer at all.
 *
 * FUZZ_SECONDS (default 60): the time shared by the operations. FUZZ_SEED: replay a run (the
 * seed is printed). FUZZ_RUNS: a fixed number of cases per operation instead of a time budget.
 * FUZZ_OPERATION: only the operations whose `METHOD /path` contains it.
 */

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
const RUNS = process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : undefined;
const ONLY = process.env.FUZZ_OPERATION;
const FIXTURES = 3;
const ROLES = Object.keys(IDENTITIES) as ActorName[];

jest.setTimeout((SECONDS + 180) * 1000);

let t: TestApp;
let api: OpenApi;
const fixtures: CaseFixture[] = [];

beforeAll(async () => {
  t = await startTestApp({ COORDINATION_WAIT_TIMEOUT_MS: '100' });
  api = new OpenApi((await request(t.server).get('/docs/openapi.json').expect(200)).body);
  for (let i = 0; i < FIXTURES; i++) fixtures.push(await createCaseFixture(t.server));
  await request(t.server).get(`/requests?minPosition=${fixtures.at(-1)!.lastPosition}`).set(ACTORS.secretariat);
}, 120_000);
afterAll(() => t?.close());

interface Failure {
  readonly key: string;
  readonly reason: string;
  readonly example: string;
  count: number;
}

interface Stats {
  cases: number;
  readonly statuses: Map<number, number>;
  readonly kinds: Map<string, number>;
  readonly perOperation: Map<string, { cases: number; statuses: Set<number> }>;
  readonly failures: Map<string, Failure>;
}

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

function pathValuesOf(op: Operation, fx: CaseFixture): Record<string, string> {
  const base = op.path.split('/')[1];
  // The step "record a lesson" is dismissed on an engagement.
  const id = op.path.startsWith('/practices/lessons/') ? fx.engagementId : ({ requests: fx.requestId, offers: fx.offerId, engagements: fx.engagementId, coordination: 'donor-giz' }[base ?? ''] ?? fx.requestId);
  // a well-formed service account id that is nobody's (404 service_account.not_found)
  return { id, milestoneId: fx.milestoneId, code: 'KE', clientId: 'sa-0000000000000000', topic: 'ta.case.offers', file: 'OfferRegistered.v1.json', sha256: 'a'.repeat(64) };
}

async function send(op: Operation, req: FuzzRequest, actor: ActorName | null, stats: Stats): Promise<void> {
  const url = `${t.url}${req.path}${req.query}`;
  const headers = { ...(actor ? ACTORS[actor] : {}), ...req.headers };
  const record = (reason: string, status: number | string, code?: string) => {
    const key = `${op.label} | ${req.mutation.kind} ${req.mutation.target} | ${status}${code ? ` ${code}` : ''}`;
    const known = stats.failures.get(key);
    if (known) known.count++;
    else {
      const body = req.body === undefined ? '' : ` body ${JSON.stringify(req.body.length > 300 ? `${req.body.slice(0, 300)}… (${req.body.length} chars)` : req.body)}`;
      stats.failures.set(key, { key, reason, count: 1, example: `${op.method.toUpperCase()} ${url.slice(t.url.length, t.url.length + 300)} as ${actor ?? 'nobody'} ${JSON.stringify(req.headers)}${body}` });
    }
  };
  stats.cases++;
  bump(stats.kinds, req.mutation.kind);
  let res: Response;
  try {
    res = await fetch(url, { method: op.method.toUpperCase(), headers, ...(req.body !== undefined ? { body: req.body } : {}), signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    record(`no answer: ${(e as Error).message}`, 'none');
    return;
  }
  bump(stats.statuses, res.status);
  const perOp = stats.perOperation.get(op.label) ?? { cases: 0, statuses: new Set<number>() };
  perOp.cases++;
  perOp.statuses.add(res.status);
  stats.perOperation.set(op.label, perOp);
  const type = res.headers.get('content-type') ?? undefined;
  if (/text\/event-stream/.test(type ?? '')) {
    await res.body?.cancel();
    const wrong = api.check(op, res.status, type, undefined);
    if (wrong) record(wrong, res.status);
    return;
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: reported below when it is a problem
  }
  const code = typeof (body as { code?: unknown })?.code === 'string' ? (body as { code: string }).code : undefined;
  if (res.status >= 500) return record(`server error: ${text.slice(0, 200)}`, res.status, code);
  if (res.status >= 400 && !/^application\/problem\+json/.test(type ?? '')) return record(`a ${res.status} as ${type ?? 'no content type'}: ${text.slice(0, 200)}`, res.status);
  if (res.status >= 400 && code === undefined) return record(`a ${res.status} problem without a code: ${text.slice(0, 200)}`, res.status);
  const wrong = api.check(op, res.status, type, body);
  if (wrong) record(`not as documented: ${wrong}`, res.status, code);
}

function summary(stats: Stats, operations: readonly Operation[], ms: number): string {
  const counts = (m: Map<string | number, number>) => [...m.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([k, n]) => `${k}: ${n}`).join(', ');
  const lines = [
    `OpenAPI fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${RUNS !== undefined ? `${RUNS} cases per operation` : `${SECONDS} s budget`}, ${(ms / 1000).toFixed(1)} s`,
    `operations covered: ${stats.perOperation.size}/${operations.length}; cases: ${stats.cases}`,
    `statuses: ${counts(stats.statuses)}`,
    `mutations: ${counts(stats.kinds)}`,
    ...operations.map((op) => {
      const s = stats.perOperation.get(op.label);
      return `  ${op.label}: ${s ? `${s.cases} cases, ${[...s.statuses].sort().join(' ')}` : 'not covered'}`;
    }),
  ];
  const failures = [...stats.failures.values()];
  if (failures.length > 0) {
    lines.push(`FAILURES (${failures.length} distinct):`);
    for (const f of failures) lines.push(`- ${f.key} (x${f.count}): ${f.reason}\n    e.g. ${f.example}`);
  }
  return lines.join('\n');
}

describe('the API under requests generated from its OpenAPI document', () => {
  it('answers every case with a documented status and problem details, never a 5xx', async () => {
    const operations = api.operations.filter((op) => !ONLY || op.label.includes(ONLY));
    expect(operations.length).toBeGreaterThan(0);
    const stats: Stats = { cases: 0, statuses: new Map(), kinds: new Map(), perOperation: new Map(), failures: new Map() };
    const started = Date.now();
    const perOperationMs = (SECONDS * 1000) / operations.length;
    for (const [i, op] of operations.entries()) {
      const requests = fuzzRequests({
        api,
        op,
        known: fixtures.map((fx) => ({ requestId: fx.requestId, offerId: fx.offerId, minPosition: fx.lastPosition })),
        pathValues: fixtures.map((fx) => pathValuesOf(op, fx)),
      });
      const actors = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ROLES) }, { weight: 1, arbitrary: fc.constant(null) });
      const property = fc.asyncProperty(requests, actors, async (req, actor) => {
        await send(op, req, actor, stats);
        return true;
      });
      try {
        await fc.assert(
          property,
          RUNS !== undefined
            ? { seed: (SEED + i) | 0, numRuns: RUNS }
            : { seed: (SEED + i) | 0, numRuns: 1_000_000_000, interruptAfterTimeLimit: perOperationMs, markInterruptAsFailure: false },
        );
      } catch (e) {
        // An operation whose first case takes longer than its share of the budget (a report
        // rendered by Chromium on a slow machine) is interrupted before any case: it gets one.
        if (!String((e as Error).message).startsWith('Property interrupted after 0 tests')) throw e;
        await fc.assert(property, { seed: (SEED + i) | 0, numRuns: 1 });
      }
    }
    const report = summary(stats, operations, Date.now() - started);
    console.log(report);
    expect(stats.perOperation.size).toBe(operations.length);
    // Enough cases to have tried every kind of mutation (a short run may not have).
    if (stats.cases >= 2000 && !ONLY) expect(MUTATION_KINDS.filter((k) => !stats.kinds.has(k))).toEqual([]);
    expect([...stats.failures.keys()]).toEqual([]);
  });
});
