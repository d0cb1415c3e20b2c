/**
 * npm run bench:http   (BENCH_SECONDS=20, BENCH_BASELINE_SECONDS=10, BENCH_CONNECTIONS=50, BENCH_CPU_PROF=1)
 * The command API under load, as deployed: the built entry points started as `npm start`,
 * `npm run start:projector` and `npm run start:relay` start them (the API with
 * COORDINATION_PROJECTOR=external, its sealer and notifier inside; the case's process managers
 * in the projector's process, PROCESS_MANAGERS=projector, or BENCH_PROCESS_MANAGERS=api; the relay
 * when a broker is given: BENCH_KAFKA_BROKERS, else TEST_KAFKA_BROKERS), on a fresh database of
 * DATABASE_URL's server or the embedded PostgreSQL.
 * autocannon drives it from BENCH_CONNECTIONS concurrent clients, each looping over a case's
 * life: submit a request, triage it, register an offer, propose the match, accept it (provider,
 * then State), and on an engagement accepted earlier and already activated by the process manager
 * plan a milestone, report it, confirm it. Nine commands a loop, each with its own bearer token;
 * creations carry an Idempotency-Key.
 * Which engagements are active: the load generator asks the event store every 200 ms which of the
 * engagements accepted in the run have their EngagementActivated committed, and plans milestones
 * only on those (oldest first; a client that finds none starts its next loop instead: counted in
 * `milestone_loops_skipped`). Not "accepted N loops ago, so surely active": at high throughput that
 * guess ran out (409 engagement.not_active, the bench's own fault, 789 in one run), and a longer
 * guess would only move the edge. Asking the log changes nothing the platform is judged on: a 409
 * on an engagement whose activation is committed is the platform's fault and counts as an error,
 * like every non-2xx; and how long the process manager takes to activate is printed
 * (`activation_p50_ms`/`activation_p99_ms`, from the State's acceptance answered to the activation
 * seen, to within the 200 ms poll; the poll's own statement, about 2 ms of PostgreSQL's time, is
 * charged to the commands).
 * The baseline in the same run, before and after: the same HTTP stack doing one INSERT + COMMIT
 * per request (POST /bench/baseline, served only with BENCH_BASELINE_ROUTE=on), same clients.
 * Every non-2xx answer counts as an error. Peak RSS: VmHWM of each process at the end.
 * Then, latency at a given load: the same loop from BENCH_CONNECTIONS independent users at fixed
 * mean arrival rates (open loop, `paced-load.ts`: Poisson arrivals, a warm-up not counted;
 * BENCH_RATES, default a quarter, half and three quarters of the closed loop's rate; =off skips;
 * BENCH_RATE_SECONDS), latency counted from when each request was due: how long users wait at a
 * given load, where the closed loop's p99 is the queue that 50 clients always waiting build on
 * 2 cores (docs/benchmarks.md). Not in the ratios, nor in the CPU figures.
 * BENCH_CPU_PROF=1: the API, the projector and the relay run with --cpu-prof (profiles in
 * .data/bench-http-prof/; node dist/test/bench/cpu-profile-summary.js FILE sums one).
 * Each process's stdout and stderr are kept in .data/bench-http-logs/<process>.log
 * (BENCH_NODE_ARGS passes Node options to the three, --trace-gc say).
 * Last line: one JSON object.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { signJwt } from '@ta/platform';
import { offerBody as caseOfferBody, requestBody as caseRequestBody } from '../support/case-api';
import { openBenchDatabase } from './bench-database';
import { runPaced, type PacedRun } from './paced-load';
import { percentile } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
// After the measured phases, the same case loop from independent users at fixed mean arrival
// rates (open loop): BENCH_RATES, commands per second, comma-separated; by default a quarter, half and
// three quarters of the rate the closed loop reached; BENCH_RATES=off skips them.
const RATES = process.env.BENCH_RATES ?? '';
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 15);
// Node's options for the API, the projector and the relay (--trace-gc, --max-semi-space-size=32, ...).
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
// Where the case's process managers and offer expiry run (PROCESS_MANAGERS): the projector's process by default, =api to compare.
const PROCESS_MANAGERS = process.env.BENCH_PROCESS_MANAGERS ?? 'projector';
const BROKERS = process.env.BENCH_KAFKA_BROKERS ?? process.env.TEST_KAFKA_BROKERS ?? '';
const dist = join(__dirname, '..', '..');
const root = join(dist, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function peakRssMb(child: ChildProcess): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) of a process, from /proc (Linux). */
function cpuOf(pid: number | undefined, reapedChildren = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime in clock ticks (USER_HZ 100); cutime, cstime: of the children it has reaped
    return (Number(fields[11]) + Number(fields[12]) + (reapedChildren ? Number(fields[13]) + Number(fields[14]) : 0)) / 100;
  } catch {
    return 0;
  }
}

/** The embedded PostgreSQL's processes (the postmaster and its children), or none when DATABASE_URL names another server. */
function postgresPids(): number[] {
  if (process.env.DATABASE_URL) return [];
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(process.cwd(), '.data', 'bench-postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === postmaster;
    } catch {
      return false;
    }
  });
  return [postmaster, ...children.map(Number)];
}

type Cpu = Record<string, number>;
function cpuNow(children: Record<string, ChildProcess | null>): Cpu {
  const own = process.cpuUsage();
  return {
    ...Object.fromEntries(Object.entries(children).flatMap(([name, c]) => (c ? [[name, cpuOf(c.pid)]] : []))),
    // The postmaster with its reaped children (backends that ended between two snapshots) and its living children.
    postgres: postgresPids().reduce((sum, pid, i) => sum + cpuOf(pid, i === 0), 0),
    'load generator': (own.user + own.system) / 1e6,
  };
}
/** CPU milliseconds per request of each process between two snapshots. */
function cpuPerRequest(from: Cpu, to: Cpu, requests: number): Cpu {
  return Object.fromEntries(Object.keys(to).map((k) => [k, round(((to[k]! - (from[k] ?? 0)) * 1000) / requests, 2)]));
}

function start(name: string, entry: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...nodeArgs, join(dist, entry)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  // Each process's log kept whole (its consumers' retried batches, say; what BENCH_NODE_ARGS
  // such as --trace-gc print on stdout) in .data/bench-http-logs/.
  const logs = join(root, '.data', 'bench-http-logs');
  mkdirSync(logs, { recursive: true });
  const file = createWriteStream(join(logs, `${name}.log`));
  child.stdout!.on('data', (d: Buffer) => file.write(d));
  child.stderr!.on('data', (d: Buffer) => {
    file.write(d);
    tail = (tail + d.toString()).slice(-2000);
  });
  child.once('exit', () => file.end());
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGKILL') log(`${name} exited with ${code ?? signal}: ${tail}`);
  });
  return child;
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fetch(url).then((r) => r.ok, () => false))) {
    if (Date.now() > end) throw new Error(`${what} did not come up at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

type Ctx = { requestId?: string; offerId?: string; engagementId?: string; planned?: string; milestoneId?: string };

interface Run {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly total: number;
  readonly errors: number;
  readonly byStatus: Record<string, number>;
  readonly load: number;
}

/** p95 from autocannon's histogram (it reports p90 and p97.5, not p95): the latencies it kept. */
function summary(r: autocannon.Result, p95: number): Run {
  const byStatus = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count ?? 0]));
  return {
    requestsPerSecond: round(r.requests.total / r.duration),
    p50: r.latency.p50,
    p95,
    p99: r.latency.p99,
    max: r.latency.max,
    total: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
    byStatus,
    load: round(loadavg()[0]!, 2),
  };
}

/**
 * The engagements accepted in the run, and of those the ones whose activation is committed in the
 * log (oldest first): milestones are planned only on these. `poll` asks the event store; a
 * committed EngagementActivated is what the engagement's decider will read.
 */
class ActiveEngagements {
  private readonly pending = new Map<string, number>(); // engagement id -> when the State's acceptance was answered
  private readonly active: string[] = [];
  /** Milliseconds from the acceptance answered to the activation seen, since `resetFigures`. */
  activationMs: number[] = [];
  /** Loops that found no active engagement for their milestone steps, since `resetFigures`. */
  skipped = 0;

  constructor(private readonly pool: Pool) {}

  accepted(engagementId: string): void {
    this.pending.set(engagementId, performance.now());
  }

  get activeCount(): number {
    return this.active.length;
  }

  /** Accepted in the run and not yet used (active or not). */
  get acceptedCount(): number {
    return this.pending.size + this.active.length;
  }

  /** The oldest active engagement not yet used, or undefined (the client starts its next loop). */
  take(): string | undefined {
    const id = this.active.shift();
    if (id === undefined) this.skipped++;
    return id;
  }

  async poll(): Promise<void> {
    if (this.pending.size === 0) return;
    const { rows } = await this.pool.query<{ stream_id: string }>(
      `SELECT stream_id FROM event_store.events WHERE stream_id = ANY($1) AND event_type = 'EngagementActivated'`,
      [[...this.pending.keys()].map((id) => `engagement-${id}`)],
    );
    const activated = new Set(rows.map((r) => r.stream_id.slice('engagement-'.length)));
    const now = performance.now();
    for (const [id, since] of this.pending) {
      if (!activated.has(id)) continue;
      this.pending.delete(id);
      this.active.push(id);
      this.activationMs.push(now - since);
    }
  }

  /** Polls every 200 ms until `stop` is called. */
  follow(): { stop(): Promise<void> } {
    let running = true;
    const loop = (async () => {
      while (running) {
        await this.poll().catch((e: unknown) => log(`the activation poll failed: ${String(e)}`));
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
      },
    };
  }

  resetFigures(): void {
    this.activationMs = [];
    this.skipped = 0;
  }
}

async function runCannon(options: autocannon.Options): Promise<Run> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...options, connections: CONNECTIONS, timeout: 30 }, (err, r) => (err ? reject(err) : resolve(r)));
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  return summary(result, round(percentile(latencies.sort((a, b) => a - b), 95), 2));
}

async function main(): Promise<void> {
  const db = await openBenchDatabase(1);
  // Engagements both parties accepted; milestones are planned on those the process manager activated.
  const engagements = new ActiveEngagements(db.pool);
  const following = engagements.follow();
  const children: ChildProcess[] = [];
  const killAll = () => children.forEach((c) => c.kill('SIGKILL'));
  process.once('exit', killAll);
  const profDir = join(root, '.data', 'bench-http-prof');
  try {
    const port = 42000 + Math.floor(Math.random() * 2000);
    const base = `http://127.0.0.1:${port}`;
    const key = { kid: 'bench', secret: randomBytes(32).toString('base64url') };
    const common = { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'development', PROCESS_MANAGERS };
    const prefix = `bench-http-${randomUUID().slice(0, 8)}.`;
    if (CPU_PROF) mkdirSync(profDir, { recursive: true });
    const api = start(
      'api',
      'apps/api/src/main.js',
      {
        ...common,
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: '',
        AUTH_JWT_KEYS: `${key.kid}:${key.secret}`,
        RATE_LIMIT_PER_MINUTE: '0', // 50 clients from one address: the rate limit is not what is measured
        COORDINATION_PROJECTOR: 'external',
        DIRECTORY_SEED_FILE: join(root, 'test', 'support', 'directory-seed.json'),
        BENCH_BASELINE_ROUTE: 'on',
      },
      CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
    );
    children.push(api);
    await waitFor(`${base}/health/live`, 'the API');
    const prof = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
    const projector = start('projector', 'apps/projector/src/main.js', { ...common, HEALTH_PORT: '' }, prof);
    children.push(projector);
    const relay = BROKERS ? start('relay', 'apps/relay/src/main.js', { ...common, KAFKA_BROKERS: BROKERS, KAFKA_TOPIC_PREFIX: prefix, HEALTH_PORT: '' }, prof) : null;
    if (relay) children.push(relay);
    await waitFor(`${base}/health/ready`, 'readiness of the API');

    const now = Math.floor(Date.now() / 1000);
    const bearer = (claims: Record<string, string>) =>
      `Bearer ${signJwt({ ...claims, iss: 'ta-platform', aud: 'ta-platform-api', iat: now, exp: now + 3600 } as never, { kid: key.kid, secret: Buffer.from(key.secret, 'utf8') })}`;
    const as = {
      state: { 'content-type': 'application/json', authorization: bearer({ sub: 'bench-fp-ke', role: 'state', country: 'KE' }) },
      secretariat: { 'content-type': 'application/json', authorization: bearer({ sub: 'bench-unodc', role: 'secretariat' }) },
      donor: { 'content-type': 'application/json', authorization: bearer({ sub: 'bench-giz', role: 'donor', organisation: 'donor-giz' }) },
    };
    const requestBody = JSON.stringify(caseRequestBody());
    const offerBody = JSON.stringify(caseOfferBody());

    const failures = new Map<string, number>();
    const failed = (step: string, status: number, body: string) => {
      const k = `${step} ${status} ${(/"code":"([^"]+)"/.exec(body) ?? [])[1] ?? ''}`;
      failures.set(k, (failures.get(k) ?? 0) + 1);
    };
    const ok = (s: number) => s >= 200 && s < 300;
    const idOf = (body: string, field = 'id') => (JSON.parse(body) as Record<string, string>)[field];
    // Each step's name, for the open loop's figures by step.
    const stepNames = new WeakMap<autocannon.Request, string>();
    const named = (name: string, request: autocannon.Request) => (stepNames.set(request, name), request);
    const step = (name: string, method: 'POST', headers: Record<string, string>, path: (c: Ctx) => string | undefined, body: (c: Ctx) => string, onOk?: (c: Ctx, body: string) => void, idempotent = false): autocannon.Request => named(name, {
      method,
      setupRequest: (req, context) => {
        const c = context as Ctx;
        const p = path(c);
        if (p === undefined) return undefined as unknown as autocannon.Request; // back to the loop's first step
        return { ...req, path: p, headers: idempotent ? { ...headers, 'idempotency-key': randomUUID() } : headers, body: body(c) };
      },
      onResponse: (status, resBody, context) => (ok(status) ? onOk?.(context as Ctx, resBody) : failed(name, status, resBody)),
    });
    const caseLoop = (withMilestones: boolean): autocannon.Request[] => [
      step('submit', 'POST', as.state, () => '/requests', () => requestBody, (c, b) => (c.requestId = idOf(b)), true),
      step('triage', 'POST', as.secretariat, (c) => c.requestId && `/requests/${c.requestId}/triage`, () => '{"articles":["art-8"],"taTypes":["c2-capacity-building"],"priority":"high"}'),
      step('offer', 'POST', as.donor, () => '/offers', () => offerBody, (c, b) => (c.offerId = idOf(b)), true),
      step('propose', 'POST', as.secretariat, (c) => (c.requestId && c.offerId ? '/engagements' : undefined), (c) => JSON.stringify({ requestId: c.requestId, offerId: c.offerId, amount: '40000.00', score: 0.86, reasons: ['article 8 in both'] }), (c, b) => (c.engagementId = idOf(b)), true),
      step('accept-provider', 'POST', as.donor, (c) => c.engagementId && `/engagements/${c.engagementId}/accept`, () => '{}'),
      step('accept-state', 'POST', as.state, (c) => c.engagementId && `/engagements/${c.engagementId}/accept`, () => '{}', (c) => engagements.accepted(c.engagementId!)),
      ...(withMilestones
        ? [
            step('plan-milestone', 'POST', as.donor, (c) => ((c.planned = engagements.take()) ? `/engagements/${c.planned}/milestones` : undefined), () => '{"title":{"en":"Risk model delivered"},"dueDate":"2027-03-31"}', (c, b) => (c.milestoneId = idOf(b, 'milestoneId'))),
            step('report-milestone', 'POST', as.donor, (c) => c.milestoneId && `/engagements/${c.planned}/milestones/${c.milestoneId}/report`, () => '{}'),
            step('confirm-milestone', 'POST', as.state, (c) => c.milestoneId && `/engagements/${c.planned}/milestones/${c.milestoneId}/confirm`, () => '{}'),
          ]
        : []),
    ];
    const baseline = (seconds: number) => runCannon({ url: base, duration: seconds, requests: [{ method: 'POST', path: '/bench/baseline', headers: as.state, body: requestBody }] });

    // Warm-up: the baseline, then cases without milestones until two active engagements per
    // client are waiting, so that the measured run starts with milestone steps to take.
    const depth = 2 * CONNECTIONS;
    log(`warming up (baseline ${WARMUP_SECONDS} s, then cases until ${depth} engagements are active)...`);
    await baseline(WARMUP_SECONDS);
    for (let round = 0; engagements.acceptedCount < depth; round++) {
      if (round === 10) throw new Error(`only ${engagements.acceptedCount} engagements accepted in the warm-up: ${JSON.stringify(Object.fromEntries(failures))}`);
      // By count, not time: a loop of six steps can take longer than any fixed time on a loaded machine.
      await runCannon({ url: base, amount: 6 * (depth - engagements.acceptedCount + CONNECTIONS), requests: caseLoop(false) });
    }
    for (const until = Date.now() + 120_000; engagements.activeCount < depth; await new Promise((r) => setTimeout(r, 200))) {
      if (Date.now() > until) throw new Error(`only ${engagements.activeCount} of ${engagements.acceptedCount} engagements active 120 s after the warm-up's load`);
    }
    failures.clear();
    log(`${engagements.activeCount} engagements active; baseline for ${BASELINE_SECONDS} s...`);
    const procs = { api, projector, relay };
    // Each phase starts with the consumers idle (caught up), so the baseline is not charged with the commands' after-effects.
    const settle = async () => {
      // Every durable consumer at the head of the log, or not moving for 3 s (one that checkpoints only now and then).
      let last = '';
      let since = Date.now();
      for (const end = Date.now() + 120_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
        const { rows } = await db.pool.query<{ name: string; p: string; head: string }>(
          'SELECT name, global_position AS p, (SELECT max(global_position) FROM event_store.events) AS head FROM event_store.consumers ORDER BY name',
        );
        if (rows.every((r) => r.p === r.head)) return;
        const now = JSON.stringify(rows);
        if (now !== last) [last, since] = [now, Date.now()];
        else if (Date.now() - since > 3000) return;
      }
      log('the consumers did not settle in 120 s');
    };
    await settle();
    const cpu0 = cpuNow(procs);
    const before = await baseline(BASELINE_SECONDS);
    const cpu1 = cpuNow(procs);
    log(`baseline: ${before.requestsPerSecond} requests/s, p99 ${before.p99} ms; commands for ${SECONDS} s...`);
    await settle();
    // BENCH_PG_STATEMENTS=1: what PostgreSQL spent the command phase on (needs pg_stat_statements preloaded).
    const statements = process.env.BENCH_PG_STATEMENTS === '1';
    if (statements) await db.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()');
    const cpu2 = cpuNow(procs);
    engagements.resetFigures();
    const commands = await runCannon({ url: base, duration: SECONDS, requests: caseLoop(true) });
    const cpu3 = cpuNow(procs);
    await following.stop(); // not charged to the consumers' catch-up
    const activation = engagements.activationMs.sort((a, b) => a - b);
    const milestoneLoopsSkipped = engagements.skipped;
    // The commands' after-effects: the consumers catching up after the load stops (charged to the commands).
    await settle();
    const cpu4 = cpuNow(procs);
    if (statements) {
      // Statements sent by a client (toplevel); with pg_stat_statements.track = all, those run inside functions are listed too (marked "in fn").
      const here = `dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      const { rows } = await db.pool.query<{ calls: string; ms: string; top: boolean; query: string }>(
        `SELECT calls::text, round(total_exec_time::numeric, 1)::text AS ms, toplevel AS top, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query
         FROM pg_stat_statements WHERE ${here} ORDER BY total_exec_time DESC LIMIT 50`,
      );
      log(`pg_stat_statements over the command phase (${commands.total} commands): calls, total ms, query`);
      for (const r of rows) log(`${r.calls.padStart(7)} ${r.ms.padStart(9)} ${r.top ? '      ' : 'in fn '} ${r.query}`);
      const total = await db.pool.query<{ calls: string }>(`SELECT sum(calls)::text AS calls FROM pg_stat_statements WHERE ${here} AND toplevel`);
      log(`statements sent in all: ${total.rows[0]!.calls} (${round(Number(total.rows[0]!.calls) / commands.total)} per command)`);
    }
    log(`commands: ${commands.requestsPerSecond}/s, p99 ${commands.p99} ms; baseline again for ${BASELINE_SECONDS} s...`);
    const cpu5 = cpuNow(procs);
    const after = await baseline(BASELINE_SECONDS);
    const cpu6 = cpuNow(procs);
    // Latency at a given load, not at saturation: the same loop at fixed arrival rates.
    const rates =
      RATES === 'off' ? [] : RATES ? RATES.split(',').map(Number) : [0.25, 0.5, 0.75].map((f) => Math.max(1, Math.round(f * commands.requestsPerSecond)));
    const paced: Array<PacedRun & { milestoneLoopsSkipped: number }> = [];
    for (const rate of rates) {
      await settle();
      log(`commands at a fixed rate of ${rate}/s for ${RATE_SECONDS} s...`);
      engagements.resetFigures();
      const poll = engagements.follow();
      const run = await runPaced(base, caseLoop(true), { clients: CONNECTIONS, rate, seconds: RATE_SECONDS, nameOf: (r) => stepNames.get(r) ?? '?' });
      await poll.stop();
      paced.push({ ...run, milestoneLoopsSkipped: engagements.skipped });
    }
    const rss = { api: peakRssMb(api), projector: peakRssMb(projector), ...(relay ? { relay: peakRssMb(relay) } : {}) };
    const loadAtEnd = round(loadavg()[0]!, 2);
    for (const c of [...children].reverse()) await stop(c);
    process.off('exit', killAll);

    const baselineRate = round((before.requestsPerSecond + after.requestsPerSecond) / 2);
    const ratio = round(commands.requestsPerSecond / baselineRate, 3);
    console.log(`# http benchmark on ${db.server}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${CONNECTIONS} connections; relay ${relay ? `on (${BROKERS})` : 'off (no broker given)'}; 1-min load average at the end ${loadAtEnd}`);
    console.log(`baseline POST /bench/baseline (INSERT + COMMIT), ${BASELINE_SECONDS} s before and after: ${before.requestsPerSecond} and ${after.requestsPerSecond} requests/s; p50 ${before.p50}/${after.p50} ms, p99 ${before.p99}/${after.p99} ms; errors ${before.errors + after.errors}`);
    console.log(`commands (9-step case loop), ${SECONDS} s: ${commands.requestsPerSecond} commands/s (${commands.total}); p50 ${commands.p50} ms, p95 ${commands.p95} ms, p99 ${commands.p99} ms, max ${commands.max} ms; errors ${commands.errors}; statuses ${JSON.stringify(commands.byStatus)}`);
    if (failures.size > 0) console.log(`non-2xx by step: ${JSON.stringify(Object.fromEntries(failures))}`);
    console.log(`activation by the process manager, from the State's acceptance answered to EngagementActivated seen in the log (200 ms poll): p50 ${round(percentile(activation, 50))} ms, p99 ${round(percentile(activation, 99))} ms (${activation.length}); loops without an active engagement for their milestone steps: ${milestoneLoopsSkipped}`);
    const cpuBaseline = cpuPerRequest(cpu0, cpu1, before.total);
    const cpuCommands = cpuPerRequest(cpu2, cpu4, commands.total);
    const cpuAfter = cpuPerRequest(cpu5, cpu6, after.total);
    // The same ratio in CPU time (every process, the load generator left out): what the throughput
    // ratio would be on a machine of our own, less sensitive to the other load on a shared one.
    const cpuTotal = (c: Cpu) => Object.entries(c).reduce((sum, [k, v]) => (k === 'load generator' ? sum : sum + v), 0);
    const cpuRatio = round((cpuTotal(cpuBaseline) + cpuTotal(cpuAfter)) / 2 / cpuTotal(cpuCommands), 3);
    console.log(`CPU ms per request, baseline (before, after): ${JSON.stringify(cpuBaseline)} ${JSON.stringify(cpuAfter)}`);
    console.log(`CPU ms per command (the load and the consumers catching up after it): ${JSON.stringify(cpuCommands)}; during the load only: ${JSON.stringify(cpuPerRequest(cpu2, cpu3, commands.total))}`);
    for (const p of paced) {
      console.log(
        `commands at a fixed rate of ${p.rate}/s (open loop, ${CONNECTIONS} connections, ${RATE_SECONDS} s): ${p.requestsPerSecond}/s answered (${p.total}); from due: p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms, max ${p.max} ms; from sent: p99 ${p.serviceP99} ms; sent late ${p.late}; errors ${p.errors}; loops without milestones ${p.milestoneLoopsSkipped}`,
      );
      console.log(`  by step, from sent, p50/p99 ms: ${p.bySteps.map((b) => `${b.name} ${b.p50}/${b.p99}`).join(', ')}`);
    }
    console.log(`peak RSS (MB): ${JSON.stringify(rss)}${CPU_PROF ? `; CPU profiles in ${profDir}` : ''}`);
    console.log(
      JSON.stringify({
        bench: 'http',
        connections: CONNECTIONS,
        seconds: SECONDS,
        http_commands_per_s: commands.requestsPerSecond,
        http_baseline_per_s: baselineRate,
        http_ratio: ratio,
        http_p50_ms: commands.p50,
        http_p95_ms: commands.p95,
        http_p99_ms: commands.p99,
        http_errors: commands.errors,
        http_cpu_ratio: cpuRatio,
        milestone_loops_skipped: milestoneLoopsSkipped,
        activation_p50_ms: round(percentile(activation, 50)),
        activation_p99_ms: round(percentile(activation, 99)),
        baseline_p99_ms: Math.max(before.p99, after.p99),
        at_fixed_rates: paced.map((p) => ({ rate_per_s: p.rate, commands_per_s: p.requestsPerSecond, p50_ms: p.p50, p99_ms: p.p99, errors: p.errors })),
        peak_rss_mb: rss,
        cpu_ms_per_command: cpuCommands,
        cpu_ms_per_baseline_request: cpuBaseline,
        relay: relay !== null,
        process_managers: PROCESS_MANAGERS,
        postgres: db.server,
        cpus: cpus().length,
        load_average_1m: loadAtEnd,
      }),
    );
  } finally {
    await following.stop(); // again when the run failed before
    killAll();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
