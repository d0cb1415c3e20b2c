/**
 * npm run bench:integrity
 * What checking a stream's chain at use costs (docs/audit.md, "Checked at use"): on one
 * PostgreSQL, in one run, the same stream reads and command-shaped transactions (BEGIN, read the
 * stream, append one event with the expected version, COMMIT) with the check on and off,
 * interleaved round by round. Streams of 5, 20 and 100 events. Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { ExpectedVersion, openPostgresEventStore, PostgresEventStore, type NewEvent } from '@ta/event-store';
import { withTransaction } from '@ta/postgres';
import { openBenchDatabase } from './bench-database';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OPS = Number(process.env.BENCH_OPS ?? 300);
const LENGTHS = [5, 20, 100];

const event = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'RequestTriaged',
  schemaVersion: 1,
  data: { requestId: randomUUID(), articles: ['art-8', 'art-9'], taTypes: ['c2-capacity-building'], priority: 'high', note: { en: 'Support for asset declaration verification' }, n: i },
  metadata: { actorId: 'officer-1', actorRole: 'secretariat', correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() },
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const db = await openBenchDatabase(4);
  const es = await openPostgresEventStore(db.pool, { groupCommit: false });
  const checked = es.store;
  const unchecked = new PostgresEventStore(db.pool, es.notifier, { groupCommit: false, integrity: { check: false } });
  const results: Record<string, { on: number[]; off: number[] }> = {};
  try {
    for (const n of LENGTHS) {
      // Streams to read (never written to again) and streams the commands append to.
      const readStreams = Array.from({ length: 20 }, (_, s) => `bench-read-${n}-${s}`);
      for (const id of readStreams) await checked.append(id, Array.from({ length: n }, (_, i) => event(i)), ExpectedVersion.noStream);
      const cmdStreams = { on: `bench-cmd-on-${n}`, off: `bench-cmd-off-${n}` };
      for (const id of Object.values(cmdStreams)) await checked.append(id, Array.from({ length: n }, (_, i) => event(i)), ExpectedVersion.noStream);
      const read: { on: number[]; off: number[] } = (results[`read_${n}`] = { on: [], off: [] });
      const cmd: { on: number[]; off: number[] } = (results[`command_${n}`] = { on: [], off: [] });
      for (let round = 0; round < ROUNDS; round++) {
        for (const [label, store] of [
          ['on', checked],
          ['off', unchecked],
        ] as const) {
          let t0 = performance.now();
          for (let i = 0; i < OPS; i++) await store.readStream(readStreams[i % readStreams.length]!);
          read[label].push(((performance.now() - t0) * 1000) / OPS);
          // A command: load and append in one transaction. The stream grows by one event per
          // command; a fresh stream of n events each round keeps the length near n.
          const id = `${cmdStreams[label]}-${round}`;
          await checked.append(id, Array.from({ length: n }, (_, i) => event(i)), ExpectedVersion.noStream);
          const ops = Math.max(20, Math.floor(OPS / 5));
          t0 = performance.now();
          for (let i = 0; i < ops; i++) {
            await withTransaction(db.pool, async (client) => {
              const history = await store.readStreamWith(client, id);
              await store.appendWith(client, id, [event(i)], ExpectedVersion.exact(history.length));
            });
          }
          cmd[label].push(((performance.now() - t0) * 1000) / ops);
        }
      }
    }
    console.log(`# ${db.server}; ${ROUNDS} rounds, check on and off interleaved; mean µs per operation, median of the rounds`);
    console.log('# operation             check on   check off   added');
    const summary: Record<string, number> = {};
    for (const [name, r] of Object.entries(results)) {
      const on = median(r.on);
      const off = median(r.off);
      console.log(`# ${name.padEnd(20)} ${on.toFixed(0).padStart(9)} ${off.toFixed(0).padStart(11)} ${(on - off).toFixed(0).padStart(7)} (${(((on - off) / off) * 100).toFixed(0)}%)`);
      summary[`${name}_us_on`] = Math.round(on);
      summary[`${name}_us_off`] = Math.round(off);
    }
    console.log(JSON.stringify(summary));
  } finally {
    await es.close();
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
