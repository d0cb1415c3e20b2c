// docker-compose.yml as Docker Compose reads it, checked without a Docker engine:
// `docker-compose config` (Debian's docker-compose 1.29, which .ci/run installs) parses and
// validates the file; the test then checks that what it would start are the built entry
// points, that the API gets its signing keys, and the image's runtime stage.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCompose, readRuntimeStage, ROOT, volumeMounts, type ComposeFile, type ComposeService } from './support/deployment';

const hasCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const SKIPPED = 'docker-compose.yml check skipped: docker-compose is not installed (apt-get install docker-compose; .ci/run installs it)';

const dependsOn = (s: ComposeService, name: string) => (Array.isArray(s.depends_on) ? { condition: 'service_started' } : (s.depends_on as Record<string, { condition: string }> | undefined)?.[name]);

if (!hasCompose) {
  console.warn(SKIPPED);
  describe.skip(SKIPPED, () => {
    it('docker-compose config parses docker-compose.yml', () => undefined);
  });
} else {
  describe('docker-compose.yml, as `docker-compose config` reads it', () => {
    let compose: ComposeFile;

    beforeAll(() => {
      // Without the caller's COMPOSE_* settings: the file as committed (it interpolates nothing).
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COMPOSE_')));
      const printed = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      compose = parseCompose(printed);
    });

    it('is valid, with PostgreSQL, Kafka, the key initialisation and the API', () => {
      expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'kafka', 'keys', 'api']));
    });

    it("runs the platform's built entry points (files `npm run build` produces), the API as the image's command", () => {
      const built = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
      expect(built.map(([name]) => name).sort()).toEqual(['api', 'api-2', 'keys', 'projector', 'projector-2', 'relay', 'relay-2']);
      for (const [name, service] of built) {
        const [program, entry] = service.command ?? [];
        expect({ name, program, entry: entry?.startsWith('dist/') }).toEqual({ name, program: 'node', entry: true });
        expect({ name, entry, built: existsSync(join(ROOT, entry!)) }).toEqual({ name, entry, built: true });
      }
      expect(compose.services.api!.command).toEqual(['node', 'dist/apps/api/src/main.js']);
      expect(compose.services.api!.command).toEqual(readRuntimeStage().cmd);
    });

    it("gives the API its signing keys: a file in the volume the `keys` service fills once, mounted read-only, read after that service succeeded", () => {
      const api = compose.services.api!;
      const keys = compose.services.keys!;
      const environment = api.environment ?? {};
      expect(environment.AUTH_JWT_KEYS).toBeUndefined(); // one source of keys: both set is refused
      const file = String(environment.AUTH_JWT_KEYS_FILE);
      const apiMount = volumeMounts(api).find((m) => file.startsWith(`${m.target}/`));
      expect(apiMount).toMatchObject({ readOnly: true });
      const keysMount = volumeMounts(keys).find((m) => m.volume === apiMount!.volume);
      expect(keysMount).toEqual({ volume: apiMount!.volume, target: apiMount!.target, readOnly: false });
      expect(Object.keys(compose.volumes ?? {})).toContain(apiMount!.volume);
      expect(keys.command).toEqual(['node', 'dist/apps/api/src/tools/signing-keys.js', 'init', file]);
      expect(dependsOn(api, 'keys')).toEqual({ condition: 'service_completed_successfully' });
      expect(keys.restart).toBe('no');
      // The image runs in production, where the API refuses to start without keys.
      expect(environment.NODE_ENV ?? readRuntimeStage().env.NODE_ENV).toBe('production');
    });

    it('runs two API replicas behind one proxy, two projectors and two relays (one of each pair on standby)', () => {
      const { api, proxy, projector, relay } = compose.services as Record<string, ComposeService>;
      expect(compose.services['api-2']).toEqual(api);
      expect(compose.services['projector-2']).toEqual(projector);
      expect(compose.services['relay-2']).toEqual(relay);
      // the projectors and the relay are theirs, not the API's
      expect(api!.environment?.COORDINATION_PROJECTOR).toBe('external');
      // the case's process managers with the projectors, in both (one setting, one answer)
      expect([api!.environment?.PROCESS_MANAGERS, projector!.environment?.PROCESS_MANAGERS]).toEqual(['projector', 'projector']);
      expect(api!.environment?.KAFKA_BROKERS).toBeUndefined();
      expect(projector!.command).toEqual(['node', 'dist/apps/projector/src/main.js']);
      expect(relay!.command).toEqual(['node', 'dist/apps/relay/src/main.js']);
      expect(String(relay!.environment?.KAFKA_BROKERS)).toBe('kafka:9092');
      for (const s of [projector!, relay!]) expect(s.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${s.environment?.HEALTH_PORT}/health/ready`);
      // one address: the proxy publishes the port, the replicas none; it forwards to both, and the API trusts its one hop
      const ports = (s: ComposeService | undefined) => (s as { ports?: Array<{ published: number; target: number }> } | undefined)?.ports;
      expect(ports(proxy)).toEqual([{ published: 3000, target: 3000 }]);
      for (const name of ['api', 'api-2', 'projector', 'projector-2', 'relay', 'relay-2']) expect({ name, ports: ports(compose.services[name]) }).toEqual({ name, ports: undefined });
      const mount = (proxy!.volumes ?? []).map(String).find((v) => v.includes('nginx.conf'))!;
      const conf = readFileSync(join(ROOT, 'infra', 'proxy', 'nginx.conf'), 'utf8');
      expect(mount).toMatch(/infra\/proxy\/nginx\.conf:\/etc\/nginx\/nginx\.conf/);
      expect(conf.match(/server (api(-2)?):(\d+)/g)).toEqual([`server api:${api!.environment?.PORT}`, `server api-2:${api!.environment?.PORT}`]);
      expect(api!.environment?.TRUST_PROXY).toBe('1');
    });

    it("starts the API on a healthy PostgreSQL and checks the API's readiness on its port", () => {
      const api = compose.services.api!;
      expect(dependsOn(api, 'postgres')).toEqual({ condition: 'service_healthy' });
      expect(String(api.environment?.DATABASE_URL)).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(api.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${api.environment?.PORT}/health/ready`);
    });
  });
}

describe('the image (the Dockerfile’s runtime stage)', () => {
  const stage = readRuntimeStage();

  it('runs the API in production as the unprivileged `node` user, from /app', () => {
    expect(stage).toMatchObject({ user: 'node', workdir: '/app', cmd: ['node', 'dist/apps/api/src/main.js'] });
    expect(stage.env.NODE_ENV).toBe('production');
  });

  it('holds what the processes need: the build (with the web app), production node_modules, package.json', () => {
    expect([...stage.copied].sort()).toEqual(['dist', 'node_modules', 'package.json']);
  });

  it('owns to `node` the folder the compose file mounts the key volume on, and nothing under /app', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const target = volumeMounts(parseCompose(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).services.keys!)[0]!.target;
    expect(dockerfile).toContain(`chown node:node ${target}`);
    expect(dockerfile).not.toMatch(/chown\s+(-R\s+)?node(:node)?\s+\/app/);
    expect(dockerfile).not.toMatch(/COPY\s+--chown/);
  });

  it('keeps a developer’s .env out of the build context', () => {
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n')).toContain('.env');
  });
});
