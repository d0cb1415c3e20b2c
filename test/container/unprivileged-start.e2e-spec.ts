// The image's command as the image runs it, without Docker: the built API started as an
// unprivileged user (`nobody`, standing for the image's `node`) from a root-owned, read-only
// application folder holding what the Dockerfile copies (dist, node_modules, package.json),
// with the environment the Dockerfile and docker-compose.yml give it, and its signing key
// made by the compose file's `keys` service in a folder standing for the key volume. Only the
// hosts differ: a fresh test database for `postgres`, no Kafka (test/as-started covers it).
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_AUTH_KEY, tokenFor } from '../support/auth';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { assertBuildIsCurrent, ENTRY, freePort, issueToken, PlatformProcess, type LaunchOptions } from '../as-started/support/platform-process';
import { readComposeFile, readRuntimeStage, ROOT, volumeMounts } from './support/deployment';

const SKIPPED = 'unprivileged start-up test skipped: it runs the image’s command as `nobody` through setpriv, which needs root (CI runs as root)';
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
const run = promisify(execFile);

if (process.getuid?.() !== 0) {
  console.warn(SKIPPED);
  describe.skip(SKIPPED, () => {
    it('the API starts as an unprivileged user in a read-only folder, with the keys compose provides', () => undefined);
  });
} else {
  const stage = readRuntimeStage();
  const compose = readComposeFile();
  const apiService = compose.services.api!;
  const keysService = compose.services.keys!;
  const keyMount = volumeMounts(apiService).find((m) => String(apiService.environment?.AUTH_JWT_KEYS_FILE).startsWith(`${m.target}/`))!;
  const temporary: string[] = [];
  const processes: PlatformProcess[] = [];
  const databases: TestDatabase[] = [];
  let appDir: string;
  let volumeDir: string;
  let keyFile: string;
  let keysRuns: string[];
  let env: NodeJS.ProcessEnv;
  let api: PlatformProcess;
  let base: string;
  let launch: LaunchOptions;

  /** A folder laid out as the image's WORKDIR: what the Dockerfile copies, as links into this build. */
  const imageFolder = (owner: 'root' | 'nobody'): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ta-image-app-'));
    temporary.push(dir);
    for (const name of stage.copied) symlinkSync(join(ROOT, name), join(dir, name));
    if (owner === 'nobody') execFileSync('chown', ['nobody:nogroup', dir]);
    chmodSync(dir, owner === 'root' ? 0o555 : 0o755);
    return dir;
  };

  /** A path inside the key volume, as the processes see it, on the folder standing for the volume. */
  const onVolume = (path: string) => (path.startsWith(`${keyMount.target}/`) ? join(volumeDir, path.slice(keyMount.target.length + 1)) : path);

  /** The API's environment in the image: the Dockerfile's ENV, then the compose file's. */
  const imageEnvironment = (settings: Record<string, string>): NodeJS.ProcessEnv => {
    const composed = Object.fromEntries(Object.entries(apiService.environment ?? {}).map(([k, v]) => [k, onVolume(String(v))]));
    delete composed.KAFKA_BROKERS;
    return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', ...stage.env, ...composed, ...settings };
  };

  const tables = async (db: TestDatabase) =>
    Number((await db.pool.query(`SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`)).rows[0].count);

  beforeAll(async () => {
    assertBuildIsCurrent();
    try {
      execFileSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), 'test', '-r', join(ROOT, ENTRY.api)]);
    } catch {
      throw new Error(`nobody cannot read ${join(ROOT, ENTRY.api)}: run the tests from a folder every user can read`);
    }
    appDir = imageFolder('root');
    launch = { cwd: appDir, via: AS_NOBODY };
    // The key volume: a new named volume takes the owner of the image's folder (`node`: here, nobody).
    volumeDir = mkdtempSync(join(tmpdir(), 'ta-key-volume-'));
    temporary.push(volumeDir);
    execFileSync('chown', ['nobody:nogroup', volumeDir]);
    chmodSync(volumeDir, 0o700);
    keysRuns = [];
    for (let i = 0; i < 2; i++) {
      const [program, ...args] = keysService.command!;
      expect(program).toBe('node');
      const { stdout } = await run(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), process.execPath, ...args.map(onVolume)], { cwd: appDir, env: imageEnvironment({}) });
      keysRuns.push(stdout.trim());
    }
    chmodSync(volumeDir, 0o500); // mounted read-only into the API

    const db = await createTestDatabase();
    databases.push(db);
    const port = await freePort();
    env = imageEnvironment({ DATABASE_URL: db.url, PORT: String(port) });
    keyFile = env.AUTH_JWT_KEYS_FILE!;
    api = new PlatformProcess('api', apiService.command![1]!, env, launch);
    processes.push(api);
    base = `http://127.0.0.1:${port}`;
    await api.waitHealthy(`${base}/health/ready`, 90_000);
  }, 150_000);

  afterAll(async () => {
    const codes = await Promise.all(processes.map(async (p) => [p.name, await p.stop()] as const));
    await Promise.all(databases.map((db) => db.drop()));
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
    expect(codes).toEqual(codes.map(([name]) => [name, 0])); // SIGTERM: a clean shutdown
  }, 60_000);

  describe('the image’s command as `nobody` in a read-only application folder (docker compose up)', () => {
    it('the keys service makes one key file readable by its owner only, and keeps it on the next run', () => {
      expect(keysRuns[0]).toMatch(new RegExp(`^${keyFile}: created \\(k\\d{8}-[0-9a-f]{8}\\)$`));
      expect(keysRuns[1]).toBe(keysRuns[0]!.replace('created', 'kept'));
      const stat = statSync(keyFile);
      expect({ mode: stat.mode & 0o777, owner: execFileSync('stat', ['-c', '%U', keyFile], { encoding: 'utf8' }).trim() }).toEqual({ mode: 0o600, owner: 'nobody' });
    });

    it('answers 200 on /health/ready, and says in its log where its keys came from', async () => {
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      const kid = readFileSync(keyFile, 'utf8').split(':')[0];
      expect(api.log).toContain(`bearer tokens verified with AUTH_JWT_KEYS_FILE ${keyFile} (${kid})`);
    });

    it('accepts a token from the token tool run in its environment (docker compose exec api ...), and refuses one signed with another key', async () => {
      const token = await issueToken(env, { role: 'secretariat', sub: 'unodc-officer' }, launch);
      const ok = await fetch(`${base}/requests`, { headers: { Authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      const foreign = tokenFor({ role: 'secretariat', sub: 'unodc-officer' }, { key: TEST_AUTH_KEY });
      const refused = await fetch(`${base}/requests`, { headers: { Authorization: `Bearer ${foreign}` } });
      expect({ status: refused.status, type: refused.headers.get('content-type') }).toEqual({ status: 401, type: expect.stringContaining('application/problem+json') });
    });

    it('writes nothing into its folder or the key volume', () => {
      expect(readdirSync(appDir).sort()).toEqual([...stage.copied].sort());
      expect(readdirSync(volumeDir)).toEqual(['jwt-keys']);
    });

    it('runs the projector there too, without keys (it verifies no tokens)', async () => {
      const db = await createTestDatabase();
      databases.push(db);
      const healthPort = await freePort();
      const projectorEnv = imageEnvironment({ DATABASE_URL: db.url, HEALTH_PORT: String(healthPort) });
      delete projectorEnv.AUTH_JWT_KEYS_FILE;
      delete projectorEnv.PORT;
      const projector = new PlatformProcess('projector', ENTRY.projector, projectorEnv, launch);
      processes.push(projector);
      await projector.waitHealthy(`http://127.0.0.1:${healthPort}/health/ready`);
    }, 90_000);
  });

  describe('in production without keys', () => {
    it('exits with status 1 and one line naming AUTH_JWT_KEYS and AUTH_JWT_KEYS_FILE, writing no key and changing nothing', async () => {
      // A folder nobody may write, so that a development key would have been written there.
      const writable = imageFolder('nobody');
      const db = await createTestDatabase();
      databases.push(db);
      const noKeys = imageEnvironment({ DATABASE_URL: db.url, PORT: String(await freePort()) });
      delete noKeys.AUTH_JWT_KEYS_FILE;
      const refused = new PlatformProcess('api without keys', apiService.command![1]!, noKeys, { cwd: writable, via: AS_NOBODY });
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([refused.exit(), new Promise((r) => (timer = setTimeout(() => r('still running after 30 s'), 30_000)))]);
      clearTimeout(timer);
      await refused.stop();
      expect(code).toBe(1);
      expect(refused.log.split('\n')).toEqual([
        expect.stringMatching(/^api: cannot start: NODE_ENV=production and no signing keys: set AUTH_JWT_KEYS \(.*\) or AUTH_JWT_KEYS_FILE \(.*\); no development key is made in production/),
      ]);
      expect(readdirSync(writable).sort()).toEqual([...stage.copied].sort());
      expect(await tables(db)).toBe(0);
    }, 60_000);
  });
}
