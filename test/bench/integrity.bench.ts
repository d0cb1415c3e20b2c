/**
 * npm run bench:integrity
 * What checking a stream's chain at use costs (docs/audit.md, "Checked at use"): on one
 * PostgreSQL, in one run, the same stream reads and command-shaped transactions (BEGIN, read the
 * stream, append one event with the expected version, COMMIT) with the check on and off,
 * interleaved round by round. Streams of 5, 20 and 100 events. Then (BENCH_HTTP=off skips it)
 * HTTP commands on two API processes on the same database, one with INTEGRITY_CHECK=on and one
 * with off, alternating: a State restricts and opens its request in turn, so the request's
 * stream grows from 1 to 2 x BENCH_HTTP_COMMANDS events. Last line: one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { ExpectedVersion, openPostgresEventStore, PostgresEventStore, type NewEvent } from '@ta/event-store';
import { withTransaction } from '@ta/postgres';
import { loadConfig, startProcess } from '@ta/platform';
import { apiProcess } from '../../apps/api/src/api.process';
import { authHeaders, TEST_AUTH_KEYS_ENV } from '../support/auth';
import { requestBody } from '../support/case-api';
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
    if (process.env.BENCH_HTTP !== 'off') Object.assign(results, await httpCommands(db.url));
    console.log(`# ${db.server}; ${ROUNDS} rounds, check on and off interleaved; mean µs per operation, median of the rounds`);
    console.log('# operation             check on   check off   added   (http_*: median of the commands, µs, client side)');
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

/** Per-command HTTP latency, check on and off, alternating between two API processes. */
async function httpCommands(url: string): Promise<Record<string, { on: number[]; off: number[] }>> {
  const n = Number(process.env.BENCH_HTTP_COMMANDS ?? 100);
  const start = (check: 'on' | 'off') =>
    startProcess(
      apiProcess({ logger: false }),
      loadConfig({ ...process.env, DATABASE_URL: url, INTEGRITY_CHECK: check, AUTH_JWT_KEYS: TEST_AUTH_KEYS_ENV, KAFKA_BROKERS: '', RATE_LIMIT_PER_MINUTE: '0', AUDIT_SEALER: 'off', HOST: '127.0.0.1', PORT: '0' }),
    );
  const on = await start('on');
  const off = await start('off');
  const state = { ...authHeaders({ sub: 'fp-ke', role: 'state', country: 'KE' }), 'Content-Type': 'application/json' };
  const post = async (base: string, path: string, body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: state, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    const json = (await res.json()) as { id?: string };
    return { ms: performance.now() - t0, json };
  };
  const out: Record<string, { on: number[]; off: number[] }> = {};
  try {
    for (const length of [0, Math.floor(n / 2)]) {
      const timings = { on: [] as number[], off: [] as number[] };
      for (const [label, p] of [['on', on], ['off', off]] as const) {
        const id = (await post(p.url!, '/requests', requestBody())).json.id!;
        // Grow the stream to `length` events first, untimed.
        for (let i = 0; i < length; i++) await post(p.url!, `/requests/${id}/${i % 2 === 0 ? 'restrict' : 'open'}`, { reason: 'bench' });
        (timings[label] as number[] & { id?: string }).id = id;
      }
      for (let i = 0; i < n; i++) {
        for (const [label, p] of [['on', on], ['off', off]] as const) {
          const id = (timings[label] as number[] & { id?: string }).id!;
          const step = (length + i) % 2 === 0 ? 'restrict' : 'open';
          timings[label].push((await post(p.url!, `/requests/${id}/${step}`, { reason: 'bench' })).ms * 1000);
        }
      }
      out[`http_command_${length + 1}_to_${length + n + 1}`] = timings;
    }
  } finally {
    await on.close();
    await off.close();
  }
  return out;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
