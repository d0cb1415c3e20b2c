import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { wholeCase } from '../../test/case-fixtures';
import { appendCases } from '../../test/bulk-append';
import { projectionHarness, type ProjectionHarness } from '../../test/projection-harness';
import { READ_MODEL_NAMES } from '../read-models/projection';
import { hasReached } from './read-your-writes';
import { rebuildReadModels, REBUILD_SUFFIX } from './rebuild/rebuild-read-models';
import { TEMPORAL_READ_MODELS } from '../read-models/read-models';

// The real projector process (apps/projector), compiled by swc into a scratch folder under .data.
const root = join(__dirname, '..', '..', '..', '..');
const build = join(root, '.data', `projector-build-${randomUUID().slice(0, 8)}`);
const CASES = 600; // 10,800 events

let h: ProjectionHarness;
let head = 0;

beforeAll(async () => {
  const swc = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@swc', 'cli', 'bin', 'swc.js'), 'apps/projector', 'libs', '-d', build, '--copy-files', '-q', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts'],
    { cwd: root, encoding: 'utf8' },
  );
  if (swc.status !== 0) throw new Error(`swc failed: ${swc.stderr}`);
  h = await projectionHarness({ projector: false });
  await appendCases(h.es.store, Array.from({ length: CASES }, (_, i) => wholeCase(i)));
  head = Number((await h.rows<{ g: string }>('SELECT max(global_position) AS g FROM event_store.events'))[0]!.g);
}, 120_000);

afterAll(async () => {
  await h?.close();
  rmSync(build, { recursive: true, force: true });
});

function startProjector(): ChildProcess {
  return spawn(process.execPath, [join(build, 'apps', 'projector', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: h.db.url, PROJECTOR_BATCH_SIZE: '100' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function checkpoint(): Promise<number> {
  const rows = await h.rows<{ p: string }>(`SELECT global_position AS p FROM event_store.consumers WHERE name = 'coordination'`);
  return Number(rows[0]?.p ?? 0);
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('the projector process killed with SIGKILL mid-run', () => {
  it('resumes after a restart and ends with read models equal, row for row, to a from-scratch rebuild, also with cases still coming in', async () => {
    // Cases keep coming while it is killed (one at a time, by a second writer), so the kills fall
    // both inside the backlog and at the head, where batches are small and interleave with appends.
    let appending = true;
    let more = 0;
    const appender = (async () => {
      while (appending) {
        await appendCases(h.es.store, [wholeCase(CASES + more)], 1);
        more++;
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const killedAt: number[] = [];
    for (let round = 0; round < 3; round++) {
      const child = startProjector();
      const from = await checkpoint();
      // Let it apply a few batches, then kill it wherever it is (usually inside a batch's transaction).
      await until(async () => (await checkpoint()) > from + 800 + Math.floor(Math.random() * 800), 60_000, 'the projector to make progress');
      child.kill('SIGKILL');
      await exited(child);
      killedAt.push(await checkpoint());
    }
    appending = false;
    await appender;
    expect(more).toBeGreaterThan(0);
    head = Number((await h.rows<{ g: string }>('SELECT max(global_position) AS g FROM event_store.events'))[0]!.g);
    expect(killedAt[0]).toBeGreaterThan(0);
    expect(killedAt[2]).toBeLessThan(head); // killed before the end, three times

    const child = startProjector();
    try {
      await until(() => hasReached(h.es.store, head), 60_000, 'the restarted projector to catch up');
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }

    await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { swap: false });
    // Every table, and the temporal read models' history tables (the versions survive the kills too).
    for (const name of [...READ_MODEL_NAMES, ...[...TEMPORAL_READ_MODELS.keys()].map((m) => `${m}_history`)]) {
      const live = `coordination.${name}`;
      const fresh = `coordination.${name}${REBUILD_SUFFIX}`;
      const counts = await h.rows<{ live: string; fresh: string; only_live: string; only_fresh: string }>(
        `SELECT (SELECT count(*) FROM ${live}) AS live, (SELECT count(*) FROM ${fresh}) AS fresh,
                (SELECT count(*) FROM (SELECT * FROM ${live} EXCEPT ALL SELECT * FROM ${fresh}) x) AS only_live,
                (SELECT count(*) FROM (SELECT * FROM ${fresh} EXCEPT ALL SELECT * FROM ${live}) y) AS only_fresh`,
      );
      expect({ name, ...counts[0] }).toEqual({ name, live: counts[0]!.fresh, fresh: counts[0]!.fresh, only_live: '0', only_fresh: '0' });
      if (!name.endsWith('_history')) expect(Number(counts[0]!.live)).toBeGreaterThan(0);
    }
    const requests = await h.rows<{ n: string }>(`SELECT count(*) AS n FROM coordination.requests`);
    expect(Number(requests[0]!.n)).toBe(CASES + more);
  }, 120_000);
});
