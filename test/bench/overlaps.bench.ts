/**
 * npm run bench:overlaps   (BENCH_SIZES=2000,20000, BENCH_RUNS=5)
 * GET /coordination/overlaps at scale, on one fresh PostgreSQL database (DATABASE_URL's server
 * or the embedded one). For each size N, rows are inserted directly into the read-model tables
 * (no events, no projector): N requests of one country naming ONE beneficiary institution
 * (written three ways, one normalised key), articles art-8 + art-9 (one in four: art-9 only),
 * one in seven restricted; N open offers for that country, their windows (20 to 48 days) in 20
 * waves 100 days apart (so each wave's N/20 windows overlap, chained, and the waves do not:
 * 20 groups per article, engagements and offers alike); N live engagements (one per request and
 * offer), one request in a hundred matched twice (the same offer proposed again), and N/4
 * engagements no longer live (completed, declined or cancelled).
 * Then, each timed BENCH_RUNS times after a warm-up (median):
 * - the baseline: one plain read of the same rows (the live engagements of the country joined
 *   to their requests and offers, and the open offers naming the country), counted;
 * - the first page of overlaps (limit 50) as the Secretariat (no visibility predicate), as a
 *   donor (the restricted-request predicate on every row), and the second page (its cursor).
 * Prints the times and the ratios page / baseline; last line: one JSON object.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { runMigrations } from '@ta/postgres';
import { coordinationMigrations, createCoordinationDataSource, CoordinationQueries, ReadModelQueries, type Viewer } from '@ta/coordination';
import { openBenchDatabase } from './bench-database';

const SIZES = (process.env.BENCH_SIZES ?? '2000,20000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LIMIT = 50;
const SECRETARIAT: Viewer = { role: 'secretariat' };
const DONOR: Viewer = { role: 'donor', organisation: 'donor-3' };
const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** N engagements sharing one institution, inserted straight into the read-model tables. */
const FILL = [
  `TRUNCATE coordination.requests, coordination.offers, coordination.engagements`,
  `INSERT INTO coordination.requests (request_id, country, title, beneficiary_institution, institution_key, articles, ta_types, classified, priority, status,
       restricted, preferred_languages, submitted_at, submitted_by, status_since, engagement_ids, live_engagements, updated_at, position)
SELECT 'req-' || i, 'KE', '{"en":"Asset declarations"}',
       (ARRAY['Ethics and Anti-Corruption Commission', 'ETHICS and anti-corruption  commission', ' Ethics And Anti-Corruption Commission '])[1 + i % 3],
       'ethics and anti-corruption commission', CASE WHEN i % 4 = 0 THEN ARRAY['art-9'] ELSE ARRAY['art-8', 'art-9'] END, ARRAY['c1-legal-advice'], true, 'high',
       'matched', i % 7 = 0, ARRAY['en'], now(), 'focal-ke', now(), ARRAY[]::text[], 1, now(), i
  FROM generate_series(1, $1::int) i`,
  `INSERT INTO coordination.offers (offer_id, provider_id, provider_kind, ta_types, articles, eligible_countries, eligible_regions, languages, modality, capacity_kind,
       currency, capacity, committed, remaining, available_from, available_to, title, status, registered_at, updated_at, position)
SELECT 'off-' || i, 'donor-' || (i % 40), 'bilateral', ARRAY['c1-legal-advice'], ARRAY['art-8', 'art-9'], ARRAY['KE'], ARRAY[]::text[], ARRAY['en'], 'hybrid',
       'money', 'USD', 10000000, 2500000, 7500000, date '2025-01-01' + (i % 20) * 100 + (i / 20 * 7 % 50),
       date '2025-01-01' + (i % 20) * 100 + (i / 20 * 7 % 50) + 20 + (i * 13 % 29),
       '{"en":"Integrity programme"}', 'open', now(), now(), i
  FROM generate_series(1, $1::int) i`,
  `INSERT INTO coordination.engagements (engagement_id, request_id, offer_id, provider_id, country, amount, unit_kind, currency, score, reasons, status, accepted_by,
       proposed_at, status_since, updated_at, position)
SELECT 'eng-' || i, 'req-' || i, 'off-' || i, 'donor-' || (i % 40), 'KE', 2500000, 'money', 'USD', 0.8, ARRAY[]::text[],
       (ARRAY['proposed', 'agreed', 'active'])[1 + i % 3], ARRAY[]::text[], now(), now(), now(), i
  FROM generate_series(1, $1::int) i
UNION ALL
SELECT 'eng-twice-' || i, 'req-' || i, 'off-' || i, 'donor-' || (i % 40), 'KE', 2500000, 'money', 'USD', 0.8, ARRAY[]::text[],
       'proposed', ARRAY[]::text[], now(), now(), now(), i
  FROM generate_series(100, $1::int, 100) i
UNION ALL
SELECT 'eng-old-' || i, 'req-' || i, 'off-' || i, 'donor-' || (i % 40), 'KE', 2500000, 'money', 'USD', 0.8, ARRAY[]::text[],
       (ARRAY['completed', 'declined', 'cancelled'])[1 + i % 3], ARRAY[]::text[], now(), now(), now(), i
  FROM generate_series(4, $1::int, 4) i`,
  `ANALYZE coordination.requests`,
  `ANALYZE coordination.offers`,
  `ANALYZE coordination.engagements`,
];

const BASELINE = `
SELECT (SELECT count(*) FROM coordination.engagements e
          JOIN coordination.requests r ON r.request_id = e.request_id
          JOIN coordination.offers o ON o.offer_id = e.offer_id
         WHERE e.country = 'KE' AND e.status IN ('proposed', 'agreed', 'active')) AS engagements,
       (SELECT count(*) FROM coordination.offers o
         WHERE o.eligible_countries @> ARRAY['KE'] AND o.status = 'open' AND o.remaining > 0) AS offers`;

async function timed<T>(op: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await op(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await op();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

async function main(): Promise<void> {
  const db = await openBenchDatabase(4);
  await runMigrations(db.pool, coordinationMigrations);
  const dataSource = await createCoordinationDataSource(db.url, { poolSize: 2 }).initialize();
  const rows = new ReadModelQueries(dataSource);
  const coordination = new CoordinationQueries(rows.sql, rows);
  const results: Array<Record<string, number>> = [];
  try {
    log(`# overlaps benchmark on ${db.server}; ${cpus().length} cores; ${RUNS} runs per figure (median)`);
    for (const n of SIZES) {
      const f0 = performance.now();
      for (const statement of FILL) await db.pool.query(statement, statement.includes('$1') ? [n] : []);
      log(`N = ${n}: rows inserted in ${((performance.now() - f0) / 1000).toFixed(1)} s`);
      const baseline = await timed(() => db.pool.query(BASELINE));
      const first = await timed(() => coordination.overlaps({}, SECRETARIAT, { limit: LIMIT }));
      const donor = await timed(() => coordination.overlaps({}, DONOR, { limit: LIMIT }));
      const cursor = first.result.nextCursor;
      const next = cursor ? await timed(() => coordination.overlaps({}, SECRETARIAT, { limit: LIMIT, cursor })) : { ms: NaN, result: first.result };
      const scanned = Number(baseline.result.rows[0].engagements) + Number(baseline.result.rows[0].offers);
      const line = {
        engagements: n,
        rows_scanned_by_baseline: scanned,
        groups_on_first_page: first.result.items.length,
        largest_group: Math.max(0, ...first.result.items.map((g) => g.size)),
        baseline_ms: round(baseline.ms),
        first_page_ms: round(first.ms),
        first_page_donor_ms: round(donor.ms),
        next_page_ms: round(next.ms),
        ratio: round(first.ms / baseline.ms, 2),
        ratio_donor: round(donor.ms / baseline.ms, 2),
      };
      results.push(line);
      console.log(
        `N = ${n}: baseline (plain read of ${scanned} rows) ${line.baseline_ms} ms; overlaps first page ${line.first_page_ms} ms (ratio ${line.ratio}), ` +
          `as a donor ${line.first_page_donor_ms} ms (ratio ${line.ratio_donor}), next page ${line.next_page_ms} ms; ` +
          `${line.groups_on_first_page} groups on the first page, the largest of ${line.largest_group} members`,
      );
    }
    console.log(JSON.stringify({ bench: 'overlaps', runs: RUNS, limit: LIMIT, sizes: results, postgres: db.server, cpus: cpus().length, load_average_1m: round(loadavg()[0]!) }));
  } finally {
    await dataSource.destroy();
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
