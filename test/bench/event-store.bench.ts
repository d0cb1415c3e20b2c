/**
 * npm run bench:event-store
 * In one run, on one PostgreSQL: raw INSERT baselines, then the event store doing the same
 * work, printing events/s and the ratio to the baseline. Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { ExpectedVersion, LOG_START, openPostgresEventStore, PostgresEventStore, type NewEvent } from '@ta/event-store';
import { measure, openBenchDatabase } from './bench-database';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function event(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'RequestSubmitted',
    schemaVersion: 1,
    data: {
      requestId: randomUUID(),
      country: 'KE',
      title: { en: 'Support for asset declaration verification', fr: 'Appui à la vérification des déclarations de patrimoine' },
      articles: ['art-8', 'art-9'],
      taTypes: ['capacity_building', 'legal_advice'],
      n: i,
    },
    metadata: { actorId: 'focal-point-ke', actorRole: 'state', correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() },
  };
}

async function main(): Promise<void> {
  const db = await openBenchDatabase(40);
  const { pool } = db;
  const inFlight = process.env.BENCH_GROUP_IN_FLIGHT ? Number(process.env.BENCH_GROUP_IN_FLIGHT) : undefined;
  const es = await openPostgresEventStore(pool, { groupCommit: { maxInFlight: inFlight } });
  const store = es.store;
  // The same adapter with group commit off: every append its own statement and commit.
  const ungrouped = new PostgresEventStore(pool, es.notifier, { groupCommit: false });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

  await pool.query(`CREATE TABLE raw_events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL, stream_id text NOT NULL,
    event_type text NOT NULL, schema_version int NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL)`);
  const rawInsert = (e: NewEvent, s: string) =>
    pool.query('INSERT INTO raw_events(event_id, stream_id, event_type, schema_version, data, metadata) VALUES ($1,$2,$3,$4,$5,$6)', [
      e.id, s, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata),
    ]);
  const rawBatch100 = (events: NewEvent[], s: string) => {
    const values: unknown[] = [];
    const rows = events.map((e, i) => {
      values.push(e.id, s, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata));
      const b = i * 6;
      return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6})`;
    });
    return pool.query(`INSERT INTO raw_events(event_id, stream_id, event_type, schema_version, data, metadata) VALUES ${rows.join(',')}`, values);
  };
  const batchOf = (n: number) => Array.from({ length: n }, (_, i) => event(i));

  // warm-up
  await measure(1, 4, (w, i) => rawInsert(event(i), `warm-${w}`));
  await measure(1, 4, (w) => store.append(`warm-es-${w}-${randomUUID()}`, [event(0)], ExpectedVersion.noStream));

  // Rounds: each figure and its baseline are measured back to back, ROUNDS times, and the
  // median of the rounds is reported (the ratio is the median of each round's ratio): on a
  // noisy machine a checkpoint or a neighbour's burst then hits one round, not the whole figure.
  const rounds: Array<Record<'raw1' | 'es1' | 'raw16' | 'es16' | 'es16u' | 'rawBatch' | 'esBatch', number>> = [];
  let batchStream = `batch-${randomUUID()}`;
  let version = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const raw1 = await measure(SECONDS, 1, (w, i) => rawInsert(event(i), `raw-${w}`));
    const es1 = await measure(SECONDS, 1, (w) => store.append(`s1-${w}-${randomUUID()}`, [event(0)], ExpectedVersion.noStream));
    const raw16 = await measure(SECONDS, 16, (w, i) => rawInsert(event(i), `raw-${w}`));
    const es16 = await measure(SECONDS, 16, (w) => store.append(`s16-${w}-${randomUUID()}`, [event(0)], ExpectedVersion.noStream));
    const es16u = await measure(SECONDS, 16, (w) => ungrouped.append(`s16u-${w}-${randomUUID()}`, [event(0)], ExpectedVersion.noStream));
    // 100-event batches: stream versions follow each writer's own stream
    const rawBatch = 100 * (await measure(SECONDS, 1, () => rawBatch100(batchOf(100), 'raw-batch')));
    const esBatch =
      100 *
      (await measure(SECONDS, 1, async () => {
        const r = await store.append(batchStream, batchOf(100), ExpectedVersion.exact(version));
        version = r.version;
        if (version >= 10_000) {
          batchStream = `batch-${randomUUID()}`;
          version = 0;
        }
      }));
    rounds.push({ raw1, es1, raw16, es16, es16u, rawBatch, esBatch });
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const med = (k: keyof (typeof rounds)[number]) => median(rounds.map((x) => x[k]));
  const medRatio = (a: keyof (typeof rounds)[number], b: keyof (typeof rounds)[number]) => median(rounds.map((x) => x[a] / x[b]));
  const [raw1, es1, raw16, es16, es16u, rawBatchRate, esBatchRate] = (['raw1', 'es1', 'raw16', 'es16', 'es16u', 'rawBatch', 'esBatch'] as const).map(med) as [
    number, number, number, number, number, number, number,
  ];
  const appendPeakMb = Math.max(peak, process.memoryUsage().rss) / 1048576;

  // readAll: the whole log in pages of 1000, beside a plain keyset scan of the raw table
  const total = Number((await pool.query('SELECT count(*) FROM event_store.events')).rows[0].count);
  const rawTotal = Number((await pool.query('SELECT count(*) FROM raw_events')).rows[0].count);
  // Warm both readers up (JIT, caches) on the first pages, then time a full pass each.
  await store.readAll({ limit: 5000 });
  await pool.query('SELECT * FROM raw_events ORDER BY global_position LIMIT 5000');
  let t0 = performance.now();
  let after = LOG_START;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.length === 0) break;
    read += page.length;
    after = page[page.length - 1]!.logPosition;
  }
  const readAllRate = read / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  let last = 0;
  let rawRead = 0;
  for (;;) {
    const { rows } = await pool.query(
      'SELECT global_position, event_id, stream_id, event_type, schema_version, data, metadata FROM raw_events WHERE global_position > $1 ORDER BY global_position LIMIT 1000',
      [last],
    );
    if (rows.length === 0) break;
    rawRead += rows.length;
    last = Number(rows[rows.length - 1].global_position);
  }
  const rawReadRate = rawRead / ((performance.now() - t0) / 1000);
  clearInterval(sampler);

  const r = (x: number) => Math.round(x);
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  const ratio = (a: number, b: number) => round3(a / b);
  const lines: Array<[string, number, number, string, number]> = [
    ['single-event append, 1 writer', es1, raw1, 'raw INSERT+COMMIT, 1 connection', medRatio('es1', 'raw1')],
    ['single-event append, 16 writers', es16, raw16, 'raw INSERT+COMMIT, 16 connections', medRatio('es16', 'raw16')],
    ['  the same, group commit off', es16u, raw16, 'raw INSERT+COMMIT, 16 connections', medRatio('es16u', 'raw16')],
    ['100-event append, 1 writer', esBatchRate, rawBatchRate, 'raw 100-row INSERT', medRatio('esBatch', 'rawBatch')],
    ['readAll (pages of 1000)', readAllRate, rawReadRate, 'raw keyset SELECT (pages of 1000)', readAllRate / rawReadRate],
  ];
  console.log(`# event store benchmark on ${db.server}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${ROUNDS} rounds of ${SECONDS}s per figure, medians`);
  console.log(`# log size at readAll: ${total} events (raw table: ${rawTotal} rows)`);
  for (const [name, v, base, baseName, q] of lines) {
    console.log(`${name.padEnd(34)} ${String(r(v)).padStart(8)} events/s   baseline ${String(r(base)).padStart(8)}/s (${baseName})   ratio ${round3(q)}`);
  }
  console.log(`# single16 ratio per round: ${rounds.map((x) => round3(x.es16 / x.raw16)).join(', ')}; without group commit: ${rounds.map((x) => round3(x.es16u / x.raw16)).join(', ')}; batch: ${rounds.map((x) => round3(x.esBatch / x.rawBatch)).join(', ')}`);
  console.log(`peak RSS of the appending process: ${Math.round(appendPeakMb)} MB`);
  const result = {
    raw_single1_per_s: r(raw1),
    append_single1_per_s: r(es1),
    single1_ratio: round3(medRatio('es1', 'raw1')),
    raw_single16_per_s: r(raw16),
    append_single16_per_s: r(es16),
    single16_ratio: round3(medRatio('es16', 'raw16')),
    single16_ratio_rounds: rounds.map((x) => round3(x.es16 / x.raw16)),
    group_commit_max_in_flight: inFlight ?? 2,
    append_single16_ungrouped_per_s: r(es16u),
    single16_ungrouped_ratio: round3(medRatio('es16u', 'raw16')),
    raw_batch100_events_per_s: r(rawBatchRate),
    append_batch100_events_per_s: r(esBatchRate),
    batch_ratio: round3(medRatio('esBatch', 'rawBatch')),
    read_all_events_per_s: r(readAllRate),
    raw_read_rows_per_s: r(rawReadRate),
    read_all_ratio: ratio(readAllRate, rawReadRate),
    read_all_log_size: total,
    peak_rss_mb: Math.round(appendPeakMb),
  };
  await es.close();
  await db.close();
  console.log(JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
