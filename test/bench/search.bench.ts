/**
 * npm run bench:search   (BENCH_CASES=10000, BENCH_RUNS=5)
 * GET /search at scale, on one fresh PostgreSQL database (DATABASE_URL's server or the embedded
 * one). BENCH_CASES requests and as many offers are inserted straight into the read-model
 * tables and the search documents (no events), their titles and descriptions in the six
 * languages in turn (one case in six each), built from a vocabulary so that a word is in a
 * known share of them; one request in seven restricted. Then, each timed BENCH_RUNS times after
 * a warm-up (median):
 * - the baseline: the first page of the plain list (`GET /requests`, 50, as a donor: the
 *   visibility predicate on every row);
 * - search as a donor for a word in about 1 case in 60 (English), in 1 in 6 (Russian, by
 *   another form of it), Chinese (a bigram phrase), and with a country filter.
 * Prints the times and the ratios search / list; last line: one JSON object.
 */
import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { runMigrations } from '@ta/postgres';
import { coordinationMigrations, createCoordinationDataSource, ReadModelQueries, SearchQueries, type Viewer } from '@ta/coordination';
import { openBenchDatabase } from './bench-database';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DONOR: Viewer = { role: 'donor', organisation: 'donor-3' };
const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A text per language for case i: its topic word (one of ten) and a rarer word (one of sixty cases). */
const TEXTS = `
  CASE i % 6
    WHEN 0 THEN jsonb_build_object('en', 'Support on ' || (ARRAY['procurement','asset declarations','whistleblowers','audits','integrity','judges','customs','lobbying','ethics','budgets'])[1 + i % 10] || CASE WHEN i % 60 = 0 THEN ' beekeeping' ELSE '' END || ' for the ministry')
    WHEN 1 THEN jsonb_build_object('fr', 'Appui aux ' || (ARRAY['marchés publics','déclarations de patrimoine','lanceurs d''alerte','audits'])[1 + i % 4] || ' du ministère')
    WHEN 2 THEN jsonb_build_object('es', 'Apoyo a las ' || (ARRAY['contrataciones públicas','declaraciones patrimoniales','auditorías'])[1 + i % 3] || ' del ministerio')
    WHEN 3 THEN jsonb_build_object('ru', 'Поддержка ' || (ARRAY['государственных закупок','декларирования имущества','аудиторских проверок'])[1 + i % 3] || ' министерства')
    WHEN 4 THEN jsonb_build_object('ar', 'دعم ' || (ARRAY['المشتريات العامة','إقرارات الذمة المالية','التدقيق'])[1 + i % 3] || ' في الوزارة')
    ELSE jsonb_build_object('zh', '支持' || (ARRAY['政府采购','财产申报','审计'])[1 + i % 3] || '工作')
  END`;

const FILL = [
  `TRUNCATE coordination.requests, coordination.offers, coordination.search_documents`,
  `INSERT INTO coordination.requests (request_id, country, title, beneficiary_institution, institution_key, articles, ta_types, classified, priority, status,
       restricted, preferred_languages, submitted_at, submitted_by, status_since, engagement_ids, live_engagements, updated_at, position)
SELECT 'req-' || i, (ARRAY['KE','NG','UA','FR','CN','PE'])[1 + i % 6], ${TEXTS}, 'Ministry', 'ministry', ARRAY['art-9'], ARRAY['c1-legal-advice'], true, 'high',
       'open_for_offers', i % 7 = 0, ARRAY['en'], now() - i * interval '1 minute', 'focal', now(), ARRAY[]::text[], 0, now(), i
  FROM generate_series(1, $1::int) i`,
  `INSERT INTO coordination.offers (offer_id, provider_id, provider_kind, ta_types, articles, eligible_countries, eligible_regions, languages, modality, capacity_kind,
       currency, capacity, committed, remaining, available_from, available_to, title, status, registered_at, updated_at, position)
SELECT 'off-' || i, 'donor-' || (i % 40), 'bilateral', ARRAY['c1-legal-advice'], ARRAY['art-9'], ARRAY['KE'], ARRAY[]::text[], ARRAY['en'], 'hybrid',
       'money', 'USD', 10000000, 0, 10000000, date '2025-01-01', date '2026-12-31', ${TEXTS}, 'open', now(), now(), i
  FROM generate_series(1, $1::int) i`,
  // What the projection would write: the texts by field, and the indexed text by language (Chinese as bigrams, computed in SQL here).
  `INSERT INTO coordination.search_documents (doc_id, kind, case_id, request_id, texts, titles, bodies, updated_at, position)
SELECT kind || ':' || id, kind, id, CASE WHEN kind = 'request' THEN id END,
       jsonb_build_object('title', jsonb_build_object('role', 'title', 'text', t), 'description', jsonb_build_object('role', 'body', 'text', t)),
       grams, grams, now(), i
  FROM (SELECT i, k.kind, k.kind_prefix || i AS id, ${TEXTS} AS t FROM generate_series(1, $1::int) i,
               (VALUES ('request', 'req-'), ('offer', 'off-')) k(kind, kind_prefix)) s,
       LATERAL (SELECT CASE WHEN t ? 'zh' THEN jsonb_build_object('zh', (SELECT string_agg(substr(t->>'zh', n, 2), ' ' ORDER BY n) FROM generate_series(1, char_length(t->>'zh')) n)) ELSE t END AS grams) g`,
  `ANALYZE coordination.requests`,
  `ANALYZE coordination.offers`,
  `ANALYZE coordination.search_documents`,
];

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
  const search = new SearchQueries(rows.sql);
  try {
    log(`# search benchmark on ${db.server}; ${cpus().length} cores; ${CASES} requests + ${CASES} offers; ${RUNS} runs per figure (median)`);
    const f0 = performance.now();
    for (const statement of FILL) await db.pool.query(statement, statement.includes('$1') ? [CASES] : []);
    log(`rows inserted in ${((performance.now() - f0) / 1000).toFixed(1)} s`);
    const list = await timed(() => rows.listRequests({}, DONOR, { sort: '-submittedAt', limit: 50 }));
    const figures: Record<string, number> = {};
    const queries: Array<[string, string, object]> = [
      ['rare_en', 'beekeeping', {}],
      ['common_ru', 'государственные', {}],
      ['zh_phrase', '审计工作', {}],
      ['common_en_country', 'procurement', { country: 'KE' }],
    ];
    for (const [name, q, filters] of queries) {
      const r = await timed(() => search.search(q, filters, DONOR, { limit: 50 }));
      if (r.result.items.length === 0) throw new Error(`${name}: no hits for "${q}"`);
      figures[`${name}_ms`] = round(r.ms);
      figures[`${name}_hits_on_page`] = r.result.items.length;
      figures[`${name}_ratio`] = round(r.ms / list.ms, 2);
      console.log(`search "${q}" ${JSON.stringify(filters)}: ${round(r.ms)} ms, ${r.result.items.length} hits on the first page; ratio to the list ${round(r.ms / list.ms, 2)}`);
    }
    console.log(`list (first page of /requests as a donor): ${round(list.ms)} ms`);
    console.log(JSON.stringify({ bench: 'search', cases: CASES, runs: RUNS, list_ms: round(list.ms), ...figures, postgres: db.server, cpus: cpus().length, load_average_1m: round(loadavg()[0]!) }));
  } finally {
    await dataSource.destroy();
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
