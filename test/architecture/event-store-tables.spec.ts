import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Named on purpose: the audit's first migration takes its table back from where older databases
 * kept it; the command executor's `commands.append_once` calls the store's own `event_store.append`
 * (its stream lock and expected-version check, unchanged) and stores the idempotency key and the
 * answer in the same statement: one round trip per command (docs/benchmarks.md, bench:http).
 */
const ALLOWED = new Set([join('libs', 'audit', 'migrations', '001-seals.sql'), join('libs', 'platform', 'migrations', 'functions', 'append-once.sql')]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx|sql)$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The event store's tables are its own: another library asks it (`checkpoints`,
 * `readHashedRange`, `logRows`, ...) instead of naming `event_store.*` in its SQL, where no
 * import rule could see the dependency. Tests may name them (they tamper with the log).
 */
describe('the event store owns its tables', () => {
  it('no source outside libs/event-store names an event_store table or function', () => {
    const offenders: string[] = [];
    const dirs = [...readdirSync(join(ROOT, 'libs')).map((l) => join(ROOT, 'libs', l)), join(ROOT, 'apps')];
    for (const dir of dirs) {
      if (relative(ROOT, dir) === join('libs', 'event-store')) continue;
      for (const file of sources(dir)) {
        if (file.split('/').includes('test') || ALLOWED.has(relative(ROOT, file))) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            // `event_store.` followed by a name that is not an error code (`event_store.wrong_expected_version` is one).
            for (const m of line.matchAll(/\bevent_store\.([a-z_]+)\b/g)) {
              if (!/^(wrong_expected_version|duplicate_event_id|invalid_limit|stream_id_invalid|[a-z]+_invalid|invalid_[a-z_]+)$/.test(m[1]!)) {
                offenders.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
              }
            }
          });
      }
    }
    expect(offenders).toEqual([]);
  });
});
