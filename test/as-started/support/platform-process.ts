import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

/** The project's root: the processes run from here, as `npm start` runs them. */
export const ROOT = join(__dirname, '..', '..', '..');

/** The built entry points, as package.json's start scripts and docker-compose.yml run them. */
export const ENTRY = {
  api: 'dist/apps/api/src/main.js',
  projector: 'dist/apps/projector/src/main.js',
  relay: 'dist/apps/relay/src/main.js',
  token: 'dist/apps/api/src/tools/issue-token.js',
  signingKeys: 'dist/apps/api/src/tools/signing-keys.js',
} as const;

/** Where and how a process is started: from the project's root by default, as the user running the tests. */
export interface LaunchOptions {
  readonly cwd?: string;
  /** A command that runs node, e.g. `['setpriv', '--reuid=nobody', ...]`. */
  readonly via?: readonly string[];
}

/**
 * The build is what runs: refuse to test an entry point older than the sources it is built
 * from (`npm test` builds first; `npm run build` alone does too).
 */
export function assertBuildIsCurrent(): void {
  const built = Math.min(...Object.values(ENTRY).map((e) => mtimeOf(join(ROOT, e))));
  const newest = newestSource([join(ROOT, 'apps'), join(ROOT, 'libs')]);
  if (!Number.isFinite(built)) throw new Error(`the built entry points are missing: run \`npm run build\` first (${Object.values(ENTRY).join(', ')})`);
  if (newest.mtime > built) {
    throw new Error(`dist/ is older than ${relative(ROOT, newest.path)}: run \`npm run build\` first (npm test does it before jest)`);
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NaN;
  }
}

function newestSource(dirs: readonly string[]): { path: string; mtime: number } {
  let newest = { path: '', mtime: 0 };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'web' && entry.name !== 'test') walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) {
        const mtime = statSync(path).mtimeMs;
        if (mtime > newest.mtime) newest = { path, mtime };
      }
    }
  };
  dirs.forEach(walk);
  return newest;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * What a user's shell hands a process: PATH and HOME, nothing of the test runner's own
 * environment (NODE_ENV=test, TEST_*), plus the platform's settings given.
 */
export function userEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...settings };
}

/** A platform process started from its built entry point, configured by its environment only. */
export class PlatformProcess {
  private readonly child: ChildProcess;
  private readonly output: string[] = [];
  private exited: Promise<number | null>;

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    options: LaunchOptions = {},
  ) {
    const [command, ...args] = [...(options.via ?? []), process.execPath, entry];
    this.child = spawn(command!, args, { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Everything it printed, for assertions and for the failure message. */
  get log(): string {
    return this.output.join('\n');
  }

  /** Resolves with the exit code once the process has exited by itself. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  /** Waits until the process prints a line matching `pattern`; fails when it exits first. */
  async waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((c) => (exitCode = c));
    for (;;) {
      const line = this.output.find((l) => pattern.test(l));
      if (line) return line;
      if (exitCode !== undefined) throw new Error(`${this.name} exited with ${exitCode} before printing ${pattern}:\n${this.log}`);
      if (Date.now() > until) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until `url` answers 200. */
  async waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const r = await fetch(url).then(
        async (res) => ({ status: res.status, body: await res.text() }),
        (e: unknown) => ({ status: 0, body: String(e) }),
      );
      if (r.status === 200) return;
      last = `${r.status} ${r.body}`;
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.log}`);
      if (Date.now() > until) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last}):\n${this.log}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  /** SIGKILL, as a crash or the OOM killer does: no shutdown at all. Resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as `docker stop` and Ctrl-C do: resolves with the exit code (SIGKILL after the timeout). */
  async stop(timeoutMs = 20_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** `npm run token -- ...` as the README has it: the built tool, with the process's environment. */
export async function issueToken(env: NodeJS.ProcessEnv, args: Record<string, string>, options: LaunchOptions = {}): Promise<string> {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  const [command, ...rest] = [...(options.via ?? []), process.execPath, ENTRY.token, ...argv];
  const { stdout } = await promisify(execFile)(command!, rest, { cwd: options.cwd ?? ROOT, env });
  return stdout.trim();
}
