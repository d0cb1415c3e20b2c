// The built signing-keys tool, as the compose file's `keys` service and an operator run it
// (`node dist/apps/api/src/tools/signing-keys.js …`, or `npm run keys -- …`).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig } from '@ta/platform';
import { assertBuildIsCurrent, ENTRY, ROOT } from '../as-started/support/platform-process';

let dir: string;
let file: string;

const tool = (...args: string[]) =>
  new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(process.execPath, [ENTRY.signingKeys, ...args], { cwd: ROOT }, (e, out, err) => resolve({ code: e ? Number(e.code) : 0, out: out.trim(), err: err.trim() }));
  });
const kids = () => loadAuthConfig({ AUTH_JWT_KEYS_FILE: file }, dir)!.keys.map((k) => k.kid);

beforeAll(() => {
  assertBuildIsCurrent();
  dir = mkdtempSync(join(tmpdir(), 'ta-signing-keys-'));
  file = join(dir, 'jwt-keys');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the signing-keys tool', () => {
  it('init makes a file with one key, readable by its owner only, and keeps it on the next run', async () => {
    const made = await tool('init', file);
    expect(made).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`^${file}: created \\(k\\d{8}-[0-9a-f]{8}\\)$`)) });
    const text = readFileSync(file, 'utf8');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await tool('init', file)).toMatchObject({ code: 0, out: `${file}: kept (${kids()[0]})` });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(made.out + made.err).not.toContain(text.split(':')[1]!.trim()); // never prints a secret
  });

  it('rotate puts a new key first and keeps the others; retire drops one, never the last', async () => {
    const [first] = kids();
    const rotated = await tool('rotate', file);
    const [second] = kids();
    expect(rotated).toMatchObject({ code: 0, out: `${file}: ${second} added first; it signs once the API restarts (verified: ${second}, ${first})` });
    expect(kids()).toEqual([second, first]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await tool('retire', file, first!)).toMatchObject({ code: 0 });
    expect(kids()).toEqual([second]);
    expect(await tool('retire', file, second!)).toEqual({ code: 1, out: '', err: `signing-keys: ${second} is the only key in ${file}: rotate first` });
    expect(await tool('retire', file, 'unknown')).toEqual({ code: 1, out: '', err: `signing-keys: ${file} holds no key unknown (it holds ${second})` });
    expect(kids()).toEqual([second]);
  });

  it('refuses a file it cannot use, and a command it does not know', async () => {
    expect(await tool('rotate', join(dir, 'missing'))).toEqual({ code: 1, out: '', err: `signing-keys: cannot read ${join(dir, 'missing')} (ENOENT)` });
    expect(await tool('shuffle', file)).toMatchObject({ code: 2, err: expect.stringMatching(/^usage: signing-keys init <file>/) });
    expect(await tool('retire', file)).toMatchObject({ code: 2 });
  });
});
