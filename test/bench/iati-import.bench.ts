/**
 * npm run bench:iati-import   (BENCH_ACTIVITIES=20000 by default; BENCH_SIZES=1000,20000 to compare)
 * The import's reading and planning of a large provider file, without the database: an
 * `iati-activities` file of BENCH_ACTIVITIES activities (about 1.9 KB each, half in scope) is
 * generated chunk by chunk and streamed through `readIatiActivities` and `planActivity`, never
 * held whole. Measures the time, the activities per second, and the peak heap and RSS sampled
 * every 10 ms, per size: memory should not grow with the file. The offers' streams are not read
 * (the importer reads one per activity) and no command is sent. Last line: one JSON object.
 */
import { cpus, loadavg } from 'node:os';
import { importedOfferId, planActivity, readIatiActivities, type ImportingProvider } from '@ta/iati';

const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_ACTIVITIES ?? '1000,20000').split(',').map(Number);
const provider: ImportingProvider = { organisationId: 'donor-giz', iatiIdentifier: 'XI-IATI-TEST-GIZ', kind: 'bilateral' };
const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function activity(i: number): string {
  const sector = i % 2 === 0 ? '15113' : '12220';
  return `<iati-activity xml:lang="en" default-currency="EUR" last-updated-datetime="2026-11-01T00:00:00Z">
  <iati-identifier>XI-IATI-TEST-GIZ-B${i}</iati-identifier>
  <reporting-org ref="XI-IATI-TEST-GIZ" type="10"><narrative>GIZ (test)</narrative></reporting-org>
  <title><narrative>Activity ${i}: support to national institutions</narrative><narrative xml:lang="fr">Activité ${i} : appui aux institutions nationales</narrative></title>
  <description type="1"><narrative>${'Technical assistance, training and advice to national institutions. '.repeat(8)}</narrative></description>
  <participating-org ref="XI-IATI-TEST-GIZ" role="1" type="10"><narrative>GIZ (test)</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2027-01-01"/><activity-date type="3" iso-date="2029-12-31"/>
  <recipient-country code="KE" percentage="100"/>
  <sector vocabulary="1" code="${sector}" percentage="100"/>
  <transaction><transaction-type code="2"/><transaction-date iso-date="2027-01-01"/><value value-date="2027-01-01">${(i % 97) * 1000 + 5000}.00</value></transaction>
  <transaction><transaction-type code="3"/><transaction-date iso-date="2027-06-01"/><value value-date="2027-06-01">1000.00</value></transaction>
</iati-activity>
`;
}

async function* file(n: number, counter: { bytes: number }): AsyncGenerator<Buffer> {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-12-07T00:00:00Z">\n');
  counter.bytes += head.length;
  yield head;
  let batch = '';
  for (let i = 1; i <= n; i++) {
    batch += activity(i);
    if (batch.length > 64 * 1024 || i === n) {
      const b = Buffer.from(batch);
      counter.bytes += b.length;
      yield b;
      batch = '';
    }
  }
  const tail = Buffer.from('</iati-activities>\n');
  counter.bytes += tail.length;
  yield tail;
}

async function run(n: number) {
  global.gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 10);
  const counter = { bytes: 0 };
  const counts: Record<string, number> = {};
  const ctx = { provider, today: '2026-12-07', at: '2026-12-07T00:00:00.000Z' };
  const started = process.hrtime.bigint();
  for await (const { activity: a, position } of readIatiActivities(file(n, counter))) {
    const plan = planActivity(a, position, ctx, { status: 'empty' });
    counts[plan.action] = (counts[plan.action] ?? 0) + 1;
    if (position === 1) importedOfferId(provider.organisationId, plan.identifier);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
  return {
    activities: n,
    fileMB: mb(counter.bytes),
    seconds: Math.round(seconds * 100) / 100,
    activitiesPerSecond: Math.round(n / seconds),
    peakHeapMB: mb(peakHeap),
    heapGrowthMB: mb(peakHeap - base.heapUsed),
    peakRssMB: mb(peakRss),
    counts,
  };
}

async function main(): Promise<void> {
  log(`IATI import bench: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const results = [];
  for (const n of SIZES) {
    const r = await run(n);
    log(`${r.activities} activities (${r.fileMB} MB): ${r.seconds} s, ${r.activitiesPerSecond}/s, peak heap ${r.peakHeapMB} MB (+${r.heapGrowthMB}), peak RSS ${r.peakRssMB} MB; ${JSON.stringify(r.counts)}`);
    results.push(r);
  }
  process.stdout.write(`${JSON.stringify({ bench: 'iati-import', cores: cpus().length, results })}\n`);
}

void main();
