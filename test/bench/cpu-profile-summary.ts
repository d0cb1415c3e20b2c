/**
 * node dist/test/bench/cpu-profile-summary.js FILE.cpuprofile [TOP]
 * Where a process's CPU went, from a V8 profile (`--cpu-prof`, as `BENCH_CPU_PROF=1` of
 * bench:http writes them): self time by package or library (node_modules/<name>, libs/<name>,
 * Node's internals, garbage collection, idle), then the functions with the most self time, then
 * the total (self and callees) of the functions whose names are given in BENCH_PROF_FUNCTIONS
 * (comma-separated), e.g. `query,verifySignature,execute`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function area(url: string, fn: string): string {
  if (fn === '(garbage collector)' || fn === '(idle)' || fn === '(program)') return fn;
  if (url === '') return '(native / V8 builtins)';
  const nm = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const lib = /dist\/(libs|apps)\/([^/]+)/.exec(url);
  if (lib) return `${lib[1]}/${lib[2]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/(.*?)(\/.*)?$/, 'node:$1');
  return url;
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary FILE.cpuprofile [TOP]');
  const top = Number(topArg ?? 30);
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  const ms = (t: number) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`);

  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, t] of self) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)') continue;
    const a = area(f.url, f.functionName);
    areas.set(a, (areas.get(a) ?? 0) + t);
    const k = `${f.functionName || '(anonymous)'} ${a}:${f.lineNumber + 1}`;
    fns.set(k, (fns.get(k) ?? 0) + t);
  }
  console.log('\nself time by area');
  for (const [a, t] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(t)} ${pct(t)}  ${a}`);
  console.log('\nself time by function');
  for (const [f, t] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`${ms(t)} ${pct(t)}  ${f}`);

  const wanted = (process.env.BENCH_PROF_FUNCTIONS ?? '').split(',').filter(Boolean);
  if (wanted.length > 0) {
    console.log('\ntotal time (self and callees, counted once per sample) under functions named');
    for (const name of wanted) {
      let t = 0;
      p.samples.forEach((id, i) => {
        for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
          if (byId.get(n)!.callFrame.functionName === name) {
            t += p.timeDeltas[i] ?? 0;
            break;
          }
        }
      });
      console.log(`${ms(t)} ${pct(t)}  ${name}`);
    }
  }
}

main();
