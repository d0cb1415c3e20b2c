/**
 * npm run bench:web   (BENCH_CASES=10000, BENCH_RUNS=5)
 * The web app as a user meets it, in Debian's Chromium (/usr/bin/chromium), against the real
 * API on a fresh PostgreSQL database (DATABASE_URL's server, else the embedded one):
 * 1. first_load_kb_gz: the JavaScript the first page (the overview) loads, gzip-compressed,
 *    the world map's chunk (d3-geo, world-atlas; loaded lazily after the first render) included;
 * 2. the time from navigation to the overview fully rendered (every figure, chart and table:
 *    `.overview[data-ready=true]`), median of BENCH_RUNS fresh tabs, first with an empty
 *    record (the baseline) and then with BENCH_CASES cases generated through the event store
 *    and projected by the coordination projector. overview_render_ratio = with cases / empty.
 *    A blank page from the same server is timed too, for scale. The overlaps section loads on
 *    its own and is left out: GET /coordination/overlaps is quadratic in engagements today
 *    (minutes at this size; see docs/web.md).
 * Last line: one JSON object.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { hasReached } from '@ta/coordination';
import { loadConfig, startProcess } from '@ta/platform';
import { startEmbeddedPostgres } from '@ta/postgres';
import { apiProcess } from '../../apps/api/src/api.process';
import { appendCases } from '../../libs/coordination/test/bulk-append';
import { f, wholeCase, type Fixture } from '../../libs/coordination/test/case-fixtures';
import { TEST_AUTH_KEYS_ENV, tokenFor } from '../support/auth';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const log = (line: string) => process.stderr.write(`${line}\n`);

/** A realistic mix: delivered cases in delivery, requests open for offers (gaps), new requests. */
function benchCase(n: number): Fixture[] {
  const kind = n % 10;
  const at = (m: number) => new Date(Date.parse('2025-01-01T08:00:00Z') + n * 60_000 + m * 60_000).toISOString();
  const r = `req-${n}`;
  const country = ['KE', 'PE', 'VN', 'MA', 'UA', 'UG', 'ID', 'CO'][n % 8]!;
  if (kind < 6) return wholeCase(n);
  if (kind < 8) return [f.submitted(r, at(0), { country }), f.triaged(r, at(1))];
  return [f.submitted(r, at(0), { country })];
}

async function database(): Promise<{ url: string; close(): Promise<void> }> {
  let admin = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!admin) {
    const h = await startEmbeddedPostgres({ dataDir: join(process.cwd(), '.data', 'bench-postgres', 'data'), port: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54331), database: 'postgres' });
    admin = h.connectionString;
    stop = () => h.stop();
  }
  const name = `ta_bench_web_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async close() {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
      await stop?.();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeOverview(browser: Browser, base: string, token: string, runs: number): Promise<{ ms: number; jsGzBytes: number; jsFiles: string[] }> {
  const times: number[] = [];
  let jsGzBytes = 0;
  let jsFiles: string[] = [];
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
    await context.addInitScript(`sessionStorage.setItem('ta.token', ${JSON.stringify(token)}); localStorage.setItem('ta.lang', 'en');`);
    const page = await context.newPage();
    // The overlaps section loads on its own and is not part of the figure (see the report).
    await page.route('**/coordination/overlaps*', (route) => route.abort());
    const js: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') js.push(new URL(r.url()).pathname);
    });
    const t0 = performance.now();
    await page.goto('/app/');
    await page.locator('.overview[data-core-ready="true"]').waitFor({ timeout: 120_000 });
    // The world map, drawn once its lazily loaded chunk is in: part of the render, and its
    // JavaScript part of the first load.
    await page.locator('[data-testid="world-map"]').waitFor({ timeout: 120_000 });
    const ms = performance.now() - t0;
    if (i > 0) times.push(ms); // the first run warms the server's caches
    jsFiles = js;
    jsGzBytes = js.reduce((s, p) => s + gzipSync(readFileSync(join(process.cwd(), 'dist/web', p.replace(/^\/app\//, ''))), { level: 9 }).length, 0);
    await context.close();
  }
  return { ms: median(times), jsGzBytes, jsFiles };
}

/** A blank page from the same server, in a fresh tab like the overview. */
async function blankPage(browser: Browser, base: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto('/health/live');
    if (i > 0) times.push(performance.now() - t0);
    await context.close();
  }
  return median(times);
}

async function main(): Promise<void> {
  const db = await database();
  const config = loadConfig({ ...process.env, KAFKA_BROKERS: '', AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV, RATE_LIMIT_PER_MINUTE: '0', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: db.url });
  const running = await startProcess(apiProcess({ logger: false }), config);
  const infra = running.infra;
  const base = running.url!;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const token = tokenFor({ sub: 'unodc-bench', role: 'secretariat' });
  try {
    const blankMs = await blankPage(browser, base);
    const empty = await timeOverview(browser, base, token, RUNS);
    log(`first page JS: ${empty.jsFiles.join(', ')}: ${(empty.jsGzBytes / 1024).toFixed(1)} KB gzip`);
    log(`overview, empty record: ${empty.ms.toFixed(0)} ms (blank page ${blankMs.toFixed(1)} ms)`);

    const t0 = performance.now();
    let events = 0;
    for (let n = 0; n < CASES; ) {
      const chunk: Fixture[][] = [];
      for (; chunk.length < 1000 && n < CASES; n++) chunk.push(benchCase(n));
      events += await appendCases(infra.eventStore.store, chunk, 8);
    }
    const head = await infra.eventStore.store.headPosition();
    log(`generated ${CASES} cases (${events} events) in ${((performance.now() - t0) / 1000).toFixed(1)} s; projecting…`);
    while (!(await hasReached(infra.eventStore.store, head.position))) await new Promise((r) => setTimeout(r, 500));
    log(`projected after ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // What the overview asks the API for, one at a time (a slow query shows here).
    for (const path of [
      '/coordination/summary',
      '/coordination/pipeline',
      '/coordination/gaps?limit=20',
      '/coordination/coverage',
      '/coordination/milestones/overdue?limit=20&awaiting=report',
      '/coordination/milestones/overdue?limit=20&awaiting=confirmation',
      '/coordination/milestones/disputed?limit=20',
      '/coordination/countries',
      '/coordination/trends',
      // The overview under a filter (docs/read-models.md, "The filter"): region, period, article, provider.
      '/coordination/summary?region=002&from=2020-01-01&article=art-9',
      '/coordination/summary?donor=donor-1',
      '/coordination/countries?region=002&sourceKind=review-report',
      '/coordination/trends?region=002&taType=c1-legal-advice',
      '/coordination/milestones/overdue?limit=20&awaiting=report&region=002&article=art-9',
    ]) {
      const q0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300_000) });
      await res.arrayBuffer();
      log(`  GET ${path}: ${res.status} in ${(performance.now() - q0).toFixed(0)} ms`);
    }
    const full = await timeOverview(browser, base, token, RUNS);
    log(`overview, ${CASES} cases: ${full.ms.toFixed(0)} ms`);
    const result = {
      cases: CASES,
      events,
      first_load_kb_gz: Math.round((empty.jsGzBytes / 1024) * 10) / 10,
      overview_render_ms_empty: Math.round(empty.ms),
      overview_render_ms_cases: Math.round(full.ms),
      overview_render_ratio: Math.round((full.ms / empty.ms) * 100) / 100,
      blank_page_ms: Math.round(blankMs * 10) / 10,
      overlaps_excluded: true,
      runs: RUNS,
      cpus: cpus().length,
    };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await running.close();
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
