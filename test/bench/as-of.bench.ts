/**
 * npm run bench:as-of   (BENCH_EVENTS=1000000; BENCH_DATABASE_URL: a database that already holds
 * such a log and its read models, e.g. one kept by `BENCH_KEEP_DB=1 npm run bench:projections`)
 * In one run:
 * 1. unless BENCH_DATABASE_URL: the log of `bench:projections` (its case mix, 1,000,008 events)
 *    on a fresh database, each event appended on its own as commands append them and the
 *    cases' lives interleaved, each over a fifth of the log (`generate`, interleaved: the
 *    temporal tables keep a version per change, and as of a past date most open cases read
 *    their version of then from the history, as in use), and its read models built by the
 *    rebuild CLI in a child process (the history included);
 * 2. the real API in its own process (built entry point, configured by environment only; its
 *    other consumers set at the head of the log), asked over HTTP with a bearer token, one request at a time: each view
 *    live (the baseline), then as of 20 instants spread over the log's recorded times, twice;
 * 3. p50/p95 per view and over all, older half of the dates against newer half (the cost must
 *    not grow with the age of the date), the API process's peak RSS (VmHWM);
 * 4. the same views as of the same dates in a bare answering process (`as-of-answerer.ts`: the
 *    API's coordination reader without the rest of the API), its times and peak RSS.
 * Last line: one JSON object with `as_of_p95_ms` (over HTTP, step 2) and `as_of_peak_rss_mb`
 * (the bare answering process, as the former in-memory fold was measured; the API process's
 * own peak is `api_peak_rss_mb`).
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { openPostgresEventStore } from '@ta/event-store';
import { createPool, runMigrations } from '@ta/postgres';
import { coordinationMigrations } from '@ta/coordination';
import { signJwt } from '@ta/platform';
import { openBenchDatabase } from './bench-database';
import { generate } from './case-mix';
import { percentile } from './stats';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DATES = 20;
const ROUNDS = 2;
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The views asked: path and query (besides `asOf`). */
const VIEWS: ReadonlyArray<readonly [string, string]> = [
  ['summary', '/coordination/summary'],
  ['requests', '/requests?limit=50'],
  ['requests KE', '/requests?country=KE&limit=50'],
  ['request detail', '/requests/req-4321'],
  ['engagements', '/engagements?limit=50'],
  ['offers', '/offers?limit=50'],
  ['gaps', '/coordination/gaps?limit=50'],
  ['pipeline', '/coordination/pipeline'],
  ['coverage', '/coordination/coverage'],
  ['countries', '/coordination/countries'],
  ['country KE', '/coordination/countries/KE'],
  ['donor', '/coordination/donors/donor-3'],
  ['overdue milestones', '/coordination/milestones/overdue?limit=50'],
  ['funding', '/coordination/funding'],
];

const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: Math.round(percentile(s, 50) * 10) / 10, p95: Math.round(percentile(s, 95) * 10) / 10, n: s.length };
};

function rebuildInChild(url: string): Promise<{ events: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--single-threaded-gc', join(__dirname, '..', '..', 'apps', 'projector', 'src', 'rebuild.js'), 'all', '--json'], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`rebuild exited with ${code}`))));
  });
}

/** A process's resident set: now (VmRSS) and its peak (VmHWM), in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

async function main(): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL;
  const db = given ? null : await openBenchDatabase(4);
  const url = given ?? db!.url;
  try {
    const pool = createPool({ connectionString: url, max: 16, applicationName: 'ta-bench' });
    const es = await openPostgresEventStore(pool);
    await runMigrations(pool, coordinationMigrations);
    if (!given) {
      const t0 = performance.now();
      await generate(es.store, 0, EVENTS, true); // event by event, cases interleaved: a version per change in the history
      log(`generated ${EVENTS} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await pool.query('VACUUM ANALYZE event_store.events');
      const rebuilt = await rebuildInChild(url);
      log(`rebuilt the read models (history included) from ${rebuilt.events} events in ${rebuilt.seconds} s`);
    }
    const { rows: range } = await pool.query<{ first: Date; last: Date; events: string }>(
      'SELECT min(recorded_at) AS first, max(recorded_at) AS last, count(*) AS events FROM event_store.events',
    );
    const sizes = await pool.query<{ t: string; n: string }>(
      `SELECT relname AS t, n_live_tup::text AS n FROM pg_stat_user_tables WHERE schemaname = 'coordination' ORDER BY relname`,
    );
    log(`tables: ${sizes.rows.map((r) => `${r.t} ${r.n}`).join(', ')}`);
    await es.close();
    await pool.end();
    const { first, last } = range[0]!;
    const events = Number(range[0]!.events);
    // 20 instants spread over the log, oldest first.
    const dates = Array.from({ length: DATES }, (_, i) => new Date(first.getTime() + ((i + 0.5) / DATES) * (last.getTime() - first.getTime())));

    // The API's other consumers start at the head (the generated history is not theirs to act
    // on: the process managers and the offer expiry would append events while it is measured);
    // the projector runs inside the API (the embedded default) and catches up whatever is left.
    const admin = createPool({ connectionString: url, max: 1, applicationName: 'ta-bench-as-of' });
    await admin.query(
      `INSERT INTO event_store.consumers(name, commit_order, global_position)
       SELECT n, e.commit_order, e.global_position FROM unnest($1::text[]) AS n,
              (SELECT commit_order, global_position FROM event_store.events ORDER BY commit_order DESC, global_position DESC LIMIT 1) e
       ON CONFLICT (name) DO UPDATE SET commit_order = EXCLUDED.commit_order, global_position = EXCLUDED.global_position`,
      [['case-process-managers', 'case-offer-expiry', 'notify', 'audit-sealer', 'directory-projector', 'practices-projector', 'iati-projector']],
    );
    const port = 43000 + Math.floor(Math.random() * 2000);
    const key = { kid: 'bench', secret: randomBytes(32).toString('base64url') };
    const api = spawn(process.execPath, [join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HOST: '127.0.0.1',
        KAFKA_BROKERS: '',
        AUTH_JWT_KEYS: `${key.kid}:${key.secret}`,
        RATE_LIMIT_PER_MINUTE: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const kill = () => api.kill('SIGKILL');
    process.once('exit', kill);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Every consumer at the head before anything is measured (one the list above forgot reads
    // the whole log here, instead of competing with the views for the CPU).
    for (let i = 0; ; i++) {
      const { rows } = await admin.query<{ behind: string[] }>(
        `SELECT coalesce(array_agg(c.name), '{}') AS behind FROM event_store.consumers c
          WHERE EXISTS (SELECT 1 FROM event_store.events e WHERE (e.commit_order, e.global_position) > (c.commit_order, c.global_position))`,
      );
      if (rows[0]!.behind.length === 0) break;
      if (i > 3000) throw new Error(`consumers did not catch up: ${rows[0]!.behind.join(', ')}`);
      if (i % 50 === 49) log(`waiting for consumers to catch up: ${rows[0]!.behind.join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await admin.end();
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { sub: 'bench-secretariat', role: 'secretariat', iss: 'ta-platform', aud: 'ta-platform-api', iat: now, exp: now + 3600 },
      { kid: key.kid, secret: Buffer.from(key.secret, 'utf8') },
    );
    const get = async (path: string): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      // A detail of a case not yet there at an early date is a 404: answered all the same.
      if (res.status !== 200 && !(res.status === 404 && /^\/(requests|coordination\/donors)\/[^/?]+(\?|$)/.test(path))) throw new Error(`${path}: ${res.status}`);
      return ms;
    };
    const withAsOf = (path: string, d: Date) => `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(d.toISOString())}`;

    // Warm-up (plans, pools, JIT of the process), then the live views: the baseline.
    for (const [, path] of VIEWS) await get(path);
    for (const [, path] of VIEWS) await get(withAsOf(path, dates[10]!));
    const live: number[] = [];
    const livePerView = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS * 2; round++) {
      for (const [name, path] of VIEWS) {
        const ms = await get(path);
        live.push(ms);
        livePerView.set(name, [...(livePerView.get(name) ?? []), ms]);
      }
    }
    const afterLive = memoryOf(api.pid!);

    const asOf: number[] = [];
    const perView = new Map<string, number[]>();
    const older: number[] = [];
    const newer: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, d] of dates.entries()) {
        for (const [name, path] of VIEWS) {
          const ms = await get(withAsOf(path, d));
          asOf.push(ms);
          perView.set(name, [...(perView.get(name) ?? []), ms]);
          (i < DATES / 2 ? older : newer).push(ms);
        }
      }
    }
    const memory = memoryOf(api.pid!);
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    process.off('exit', kill);

    // The bare answering process, the same dates.
    const bare = await new Promise<{ times: Record<string, number[][]>; peakRssMb: number }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(__dirname, 'as-of-answerer.js')], {
        env: { ...process.env, DATABASE_URL: url, BENCH_AS_OF_DATES: dates.map((d) => d.toISOString()).join(','), BENCH_AS_OF_ROUNDS: String(ROUNDS) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`answerer exited with ${code}`))));
    });
    const bareAll = stats(Object.values(bare.times).flat(2));
    const bareOlder = stats(Object.values(bare.times).flatMap((perDate) => perDate.slice(0, DATES / 2).flat()));
    const bareNewer = stats(Object.values(bare.times).flatMap((perDate) => perDate.slice(DATES / 2).flat()));

    const all = stats(asOf);
    const baseline = stats(live);
    console.log(`# as-of benchmark: ${events} events, recorded ${first.toISOString()} .. ${last.toISOString()}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0]!.toFixed(1)}`);
    console.log(`view                     live p50/p95 ms     as of p50/p95 ms (${DATES} dates x ${ROUNDS})   bare reader as of p50/p95 ms`);
    for (const [name] of VIEWS) {
      const l = stats(livePerView.get(name)!);
      const a = stats(perView.get(name)!);
      const b = stats((bare.times[name] ?? []).flat());
      console.log(`${name.padEnd(24)} ${String(l.p50).padStart(7)} / ${String(l.p95).padEnd(9)} ${String(a.p50).padStart(7)} / ${String(a.p95).padEnd(24)} ${String(b.p50).padStart(7)} / ${b.p95}`);
    }
    console.log(`all views                ${baseline.p50} / ${baseline.p95}   as of ${all.p50} / ${all.p95}   (${all.n} requests)`);
    console.log(`older half of the dates p50/p95 ${stats(older).p50} / ${stats(older).p95} ms; newer half ${stats(newer).p50} / ${stats(newer).p95} ms`);
    console.log(`API process RSS after the live views ${afterLive.rss} MB; peak over the run (VmHWM) ${memory.peak} MB`);
    console.log(`bare answering process (the reader alone): as of p50/p95 ${bareAll.p50} / ${bareAll.p95} ms (older half ${bareOlder.p95}, newer half ${bareNewer.p95} ms p95), peak RSS ${bare.peakRssMb} MB`);
    console.log(
      JSON.stringify({
        events,
        dates: DATES,
        views: VIEWS.length,
        requests: all.n,
        live_p50_ms: baseline.p50,
        live_p95_ms: baseline.p95,
        as_of_p50_ms: all.p50,
        as_of_p95_ms: all.p95,
        as_of_p95_ratio_to_live: Math.round((all.p95 / baseline.p95) * 100) / 100,
        as_of_older_half_p95_ms: stats(older).p95,
        as_of_newer_half_p95_ms: stats(newer).p95,
        as_of_bare_p50_ms: bareAll.p50,
        as_of_bare_p95_ms: bareAll.p95,
        as_of_bare_older_half_p95_ms: bareOlder.p95,
        as_of_bare_newer_half_p95_ms: bareNewer.p95,
        api_rss_after_live_mb: afterLive.rss,
        api_peak_rss_mb: memory.peak,
        as_of_peak_rss_mb: bare.peakRssMb,
        load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
      }),
    );
  } finally {
    if (process.env.BENCH_KEEP_DB === '1' && db) log(`kept the database: ${db.url}`);
    else await db?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
