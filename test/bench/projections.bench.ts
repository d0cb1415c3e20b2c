/**
 * npm run bench:projections   (BENCH_EVENTS=1000000, BENCH_LAG_SECONDS=15, BENCH_RATE=200)
 * In one run, on one fresh PostgreSQL database:
 * 1. generates a realistic mix of case events through the event store (one append per stream
 *    per case, 12 appenders): 10% of BENCH_EVENTS first, then the rest;
 * 2. after each, the plain `readAll` speed over the whole log (the baseline) and a rebuild of
 *    all read models in a child process (`apps/projector/src/rebuild.js`: events/s, peak RSS);
 * 3. the lag from a command's HTTP response (the real API: POST /requests, POST
 *    /requests/:id/triage) to its effect being visible in the read model, at a steady rate.
 * Last line: one JSON object. BENCH_KEEP_DB=1 keeps the database (for repeated rebuilds with
 * `node dist/apps/projector/src/rebuild.js all --json`), BENCH_SKIP_LAG=1 skips step 3.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { LOG_START, openPostgresEventStore, type PostgresEventStore } from '@ta/event-store';
import { createPool, runMigrations } from '@ta/postgres';
import { openBenchDatabase } from './bench-database';
import { coordinationMigrations } from '@ta/coordination';
import { signJwt } from '@ta/platform';
import { generate } from './case-mix';
import { percentile } from './stats';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 15);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function readAllRate(store: PostgresEventStore): Promise<{ rate: number; events: number }> {
  await store.readAll({ limit: 5000 }); // warm-up
  const t0 = performance.now();
  let after = LOG_START;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 5000 });
    if (page.length === 0) break;
    events += page.length;
    after = page[page.length - 1]!.logPosition;
  }
  return { rate: events / ((performance.now() - t0) / 1000), events };
}

function rebuildInChild(url: string): Promise<{ events: number; eventsPerSecond: number; peakRssMb: number; seconds: number; phases: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=160', '--single-threaded-gc', join(__dirname, '..', '..', 'apps', 'projector', 'src', 'rebuild.js'), 'all', '--json'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`rebuild exited with ${code}`))));
  });
}

interface Lag {
  p50: number;
  p99: number;
  max: number;
  commands: number;
  errors: number;
  achievedRate: number;
  /** p99 of this process's event-loop delay while measuring (ms). */
  probeLoopDelayP99: number;
  /** 1-minute load average at the end of the phase. */
  load: number;
}

async function withPool<T>(url: string, work: (pool: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const pool = createPool({ connectionString: url, max: 1, applicationName: 'ta-bench' });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

async function lagPhase(url: string, external: boolean): Promise<Lag> {
  // The case process managers start at the head: the generated history is not theirs to act on.
  const admin = createPool({ connectionString: url, max: 1, applicationName: 'ta-bench-lag' });
  await admin.query(
    `INSERT INTO event_store.consumers(name, commit_order, global_position)
     SELECT 'case-process-managers', commit_order, global_position FROM event_store.events ORDER BY commit_order DESC, global_position DESC LIMIT 1
     ON CONFLICT (name) DO UPDATE SET commit_order = EXCLUDED.commit_order, global_position = EXCLUDED.global_position`,
  );
  await admin.end();
  // The real API in its own process (the projector inside it, as in the embedded default).
  const port = 41000 + Math.floor(Math.random() * 2000);
  // Bearer tokens signed with a key made for this run (the API verifies them; X-Actor headers are not trusted).
  const key = { kid: 'bench', secret: randomBytes(32).toString('base64url') };
  const api = spawn(process.execPath, [join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: '',
      AUTH_JWT_KEYS: `${key.kid}:${key.secret}`,
      // 200 commands/s from one client: the API's rate limit (0: off) is not what is measured here.
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '0',
      ...(external ? { COORDINATION_PROJECTOR: 'external' } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // external: the projector in its own process (apps/projector); else inside the API (the embedded default).
  const projector = external
    ? spawn(process.execPath, [join(__dirname, '..', '..', 'apps', 'projector', 'src', 'main.js')], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'ignore', 'ignore'],
      })
    : null;
  // Whatever happens to this run, its API and projector do not outlive it.
  const killChildren = () => {
    api.kill('SIGKILL');
    projector?.kill('SIGKILL');
  };
  process.once('exit', killChildren);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/health/live`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 300) throw new Error('the API did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const pool = createPool({ connectionString: url, max: 2, applicationName: 'ta-bench-lag' });
  const now = Math.floor(Date.now() / 1000);
  const token = (role: string) =>
    signJwt(
      { sub: `bench-${role}`, role, ...(role === 'state' ? { country: 'KE' } : {}), iss: 'ta-platform', aud: 'ta-platform-api', iat: now, exp: now + 3600 },
      { kid: key.kid, secret: Buffer.from(key.secret, 'utf8') },
    );
  const tokens = { state: token('state'), secretariat: token('secretariat') } as Record<string, string>;
  const headers = (role: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` });
  const body = {
    country: 'KE',
    title: { en: 'Verification of asset declarations' },
    description: { en: 'Support to design a risk-based verification of asset declarations.' },
    suggestedArticles: ['art-8'],
    suggestedTaTypes: ['c2-capacity-building'],
    beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
    preferredLanguages: ['en'],
    restricted: false,
    statePriority: 'medium',
  };
  // One poller for every pending effect: a single query every 2 ms.
  const pending = new Map<string, { status: string; since: number; done: (ms: number) => void }>();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      if (pending.size > 0) {
        const { rows } = await pool.query<{ request_id: string; status: string }>('SELECT request_id, status FROM coordination.requests WHERE request_id = ANY($1)', [[...pending.keys()]]);
        const now = performance.now();
        for (const r of rows) {
          const p = pending.get(r.request_id);
          if (p && p.status === r.status) {
            pending.delete(r.request_id);
            p.done(now - p.since);
          }
        }
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const visible = (id: string, status: string) => new Promise<number>((resolve) => pending.set(id, { status, since: performance.now(), done: resolve }));
  const ready: string[] = [];
  const lags: number[] = [];
  let errors = 0;
  const one = async (i: number) => {
    try {
      if (i % 2 === 1 && ready.length > 0) {
        const id = ready.shift()!;
        const res = await fetch(`${base}/requests/${id}/triage`, { method: 'POST', headers: headers('secretariat'), body: JSON.stringify({ articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' }) });
        if (!res.ok) throw new Error(`triage ${res.status}`);
        await res.json();
        lags.push(await visible(id, 'open_for_offers'));
      } else {
        const res = await fetch(`${base}/requests`, { method: 'POST', headers: headers('state'), body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`submit ${res.status}`);
        const { id } = (await res.json()) as { id: string };
        lags.push(await visible(id, 'submitted'));
        ready.push(id);
      }
    } catch (e) {
      errors++;
      if (errors < 5) log(`command failed: ${(e as Error).message}`);
    }
  };
  const total = Math.round(LAG_SECONDS * RATE);
  const inflight: Array<Promise<void>> = [];
  // The probe shares this process's event loop with the load generator: its own delays are
  // reported beside the lag, so that one can tell whether the measurement dominates.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(one(i));
  }
  await Promise.all(inflight);
  const achievedRate = total / ((performance.now() - t0) / 1000);
  loopDelay.disable();
  polling = false;
  await poller;
  await pool.end();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  if (projector) {
    projector.kill('SIGTERM');
    await new Promise((r) => projector.once('exit', r));
  }
  process.off('exit', killChildren);
  const sorted = lags.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    commands: total,
    errors,
    achievedRate,
    probeLoopDelayP99: loopDelay.percentile(99) / 1e6,
    load: loadavg()[0]!,
  };
}

async function main(): Promise<void> {
  const db = await openBenchDatabase(4);
  const pool = createPool({ connectionString: db.url, max: 16, applicationName: 'ta-bench' });
  const es = await openPostgresEventStore(pool);
  await runMigrations(pool, coordinationMigrations);
  try {
    const small = Math.round(EVENTS / 10);
    let t0 = performance.now();
    const nextCase = await generate(es.store, 0, small);
    log(`generated ${small} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const read100k = await readAllRate(es.store);
    const rebuild100k = await rebuildInChild(db.url);
    log(`at ${read100k.events} events: readAll ${Math.round(read100k.rate)}/s, rebuild ${rebuild100k.eventsPerSecond}/s, peak RSS ${rebuild100k.peakRssMb} MB`);

    t0 = performance.now();
    await generate(es.store, nextCase, EVENTS - read100k.events);
    log(`generated ${EVENTS - read100k.events} more events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await pool.query('VACUUM ANALYZE event_store.events');
    const read = await readAllRate(es.store);
    const rebuild = await rebuildInChild(db.url);
    log(`at ${read.events} events: readAll ${Math.round(read.rate)}/s, rebuild ${rebuild.eventsPerSecond}/s, peak RSS ${rebuild.peakRssMb} MB, phases (s) ${JSON.stringify(rebuild.phases)}`);
    await es.close();
    await pool.end();

    const skipLag = process.env.BENCH_SKIP_LAG === '1';
    const none: Lag = { p50: NaN, p99: NaN, max: NaN, commands: 0, errors: 0, achievedRate: NaN, probeLoopDelayP99: NaN, load: NaN };
    // The rebuild just wrote the whole read model into the WAL (SET LOGGED): flush it now, so that
    // the lag phase measures the projector at 200 commands/s, not the checkpoint of the rebuild.
    if (!skipLag) await withPool(db.url, (p) => p.query('CHECKPOINT'));
    const lag = skipLag ? none : await lagPhase(db.url, true);
    const lagInApi = skipLag ? none : await lagPhase(db.url, false);
    const ratio = Math.round((rebuild.eventsPerSecond / read.rate) * 1000) / 1000;
    const ms = (x: number) => Math.round(x * 10) / 10;
    console.log(`# projections benchmark on ${db.server}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
    console.log(`readAll (pages of 5000), ${read.events} events      ${Math.round(read.rate)} events/s (baseline)`);
    console.log(`rebuild of all read models, ${rebuild.events} events   ${rebuild.eventsPerSecond} events/s   ratio ${ratio}   (${rebuild.seconds} s)`);
    console.log(`rebuild peak RSS: ${rebuild100k.peakRssMb} MB at ${rebuild100k.events} events, ${rebuild.peakRssMb} MB at ${rebuild.events} events`);
    for (const [name, l] of [['projector process', lag], ['projector inside the API', lagInApi]] as const) {
      console.log(`lag command response -> read model (${name}), ${l.commands} commands at ${l.achievedRate.toFixed(0)}/s over HTTP: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms, errors ${l.errors}; probe event-loop delay p99 ${l.probeLoopDelayP99.toFixed(1)} ms, load average ${l.load.toFixed(1)}`);
    }
    console.log(
      JSON.stringify({
        events: read.events,
        read_all_events_per_s: Math.round(read.rate),
        rebuild_events_per_s: rebuild.eventsPerSecond,
        rebuild_ratio: ratio,
        rebuild_peak_rss_mb: rebuild.peakRssMb,
        rebuild_peak_rss_mb_at_10pct: rebuild100k.peakRssMb,
        rebuild_events_at_10pct: rebuild100k.events,
        rebuild_events_per_s_at_10pct: rebuild100k.eventsPerSecond,
        lag_p50_ms: ms(lag.p50),
        lag_p99_ms: ms(lag.p99),
        lag_topology: 'projector process (apps/projector), API with COORDINATION_PROJECTOR=external',
        lag_in_api_p50_ms: ms(lagInApi.p50),
        lag_in_api_p99_ms: ms(lagInApi.p99),
        lag_commands: lag.commands,
        lag_rate_per_s: Math.round(lag.achievedRate),
        lag_errors: lag.errors + lagInApi.errors,
        lag_probe_loop_delay_p99_ms: ms(Math.max(lag.probeLoopDelayP99, lagInApi.probeLoopDelayP99)),
        rebuild_phases_s: rebuild.phases,
        load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
      }),
    );
  } finally {
    if (process.env.BENCH_KEEP_DB === '1') log(`kept the database: ${db.url}`);
    else await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
