/**
 * The bare answering process of `bench:as-of` (run as a child: `node as-of-answerer.js`, the
 * database in DATABASE_URL, the dates as ISO strings in BENCH_AS_OF_DATES, comma-separated): the
 * coordination reader of the API (`CoordinationReader.view`, the same queries), without the
 * HTTP server and the other modules, so that its memory is that of answering "as of" (the way
 * the former in-memory fold was measured). Prints one JSON line: per view, the times.
 */
import 'reflect-metadata';
import { openPostgresEventStore } from '@ta/event-store';
import { createPool } from '@ta/postgres';
import { CoordinationReader, coordinationReadOptions, createCoordinationDataSource } from '@ta/coordination';
import type { ReadView } from '@ta/coordination';

const SECRETARIAT = { role: 'secretariat' } as const;
type View = (v: ReadView) => Promise<unknown>;
const page = { limit: 50 };
export const ANSWERED: ReadonlyArray<readonly [string, View]> = [
  ['summary', (v) => v.coordination.summary(v.now, 90, SECRETARIAT)],
  ['requests', (v) => v.rows.listRequests({}, SECRETARIAT, { ...page, sort: '-submittedAt' })],
  ['requests KE', (v) => v.rows.listRequests({ country: 'KE' }, SECRETARIAT, { ...page, sort: '-submittedAt' })],
  ['request detail', (v) => v.rows.request('req-4321', SECRETARIAT).catch(() => null)],
  ['engagements', (v) => v.rows.listEngagements({}, SECRETARIAT, { ...page, sort: '-proposedAt' })],
  ['offers', (v) => v.rows.listOffers({}, { ...page, sort: '-registeredAt' })],
  ['gaps', (v) => v.coordination.gaps({ olderThanDays: 90, asAt: v.now }, SECRETARIAT, { ...page, sort: 'openedAt' })],
  ['pipeline', (v) => v.coordination.pipeline({ asAt: v.now }, SECRETARIAT)],
  ['coverage', (v) => v.coordination.coverage({}, SECRETARIAT)],
  ['countries', (v) => v.coordination.countries(v.now, 90, SECRETARIAT)],
  ['country KE', (v) => v.coordination.country('KE', v.now, 90, SECRETARIAT)],
  ['donor', (v) => v.coordination.donor('donor-3', SECRETARIAT).catch(() => null)],
  ['overdue milestones', (v) => v.coordination.milestones('overdue', { asAt: v.now }, SECRETARIAT, { ...page, sort: 'dueDate' })],
  ['funding', (v) => v.coordination.funding({}, SECRETARIAT)],
];

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const dates = (process.env.BENCH_AS_OF_DATES ?? '').split(',').filter(Boolean).map((d) => new Date(d));
  const rounds = Number(process.env.BENCH_AS_OF_ROUNDS ?? 2);
  const pool = createPool({ connectionString: url, max: 4, applicationName: 'ta-bench-as-of' });
  const es = await openPostgresEventStore(pool);
  const dataSource = await createCoordinationDataSource(url, { poolSize: 6 }).initialize();
  const reader = new CoordinationReader(es.store, dataSource, coordinationReadOptions(process.env, []));
  // Warm-up: every view once live and once as of the middle date.
  for (const [, view] of ANSWERED) await view(await reader.view({}));
  for (const [, view] of ANSWERED) await view(await reader.view({ asOf: dates[Math.floor(dates.length / 2)]! }));
  const times: Record<string, number[][]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [i, d] of dates.entries()) {
      for (const [name, view] of ANSWERED) {
        const t0 = performance.now();
        await view(await reader.view({ asOf: d }));
        ((times[name] ??= Array.from({ length: dates.length }, () => [])))[i]!.push(performance.now() - t0);
      }
    }
  }
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ times, peakRssMb })}\n`);
  await dataSource.destroy();
  await es.close();
  await pool.end();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
