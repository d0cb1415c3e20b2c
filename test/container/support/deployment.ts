import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** The project's root, where the Dockerfile and docker-compose.yml are. */
export const ROOT = join(__dirname, '..', '..', '..');

export interface ComposeService {
  readonly image?: string;
  readonly build?: string | { readonly context: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string | number | null>>;
  readonly volumes?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>> | readonly string[];
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly restart?: string;
  readonly user?: string;
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

/** A compose file's text (docker-compose.yml as written, or as `docker-compose config` prints it). */
export function parseCompose(text: string): ComposeFile {
  const parsed = load(text) as ComposeFile | undefined;
  if (!parsed?.services) throw new Error('not a compose file: no services');
  return parsed;
}

export function readComposeFile(): ComposeFile {
  return parseCompose(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
}

/** `name:/target[:ro]` of a service's named volumes (short syntax, as this compose file writes them). */
export function volumeMounts(service: ComposeService): Array<{ volume: string; target: string; readOnly: boolean }> {
  return (service.volumes ?? []).map((v) => {
    const [volume, target, mode] = v.split(':');
    return { volume: volume!, target: target!, readOnly: mode === 'ro' };
  });
}

export interface RuntimeStage {
  readonly env: Readonly<Record<string, string>>;
  readonly user: string | undefined;
  readonly workdir: string | undefined;
  readonly cmd: readonly string[] | undefined;
  /** What the stage copies from the build into WORKDIR: the sources' names (`dist`, `package.json`, ...). */
  readonly copied: readonly string[];
}

/** The Dockerfile's last stage (the image that runs): its ENV, USER, WORKDIR, CMD and COPY lines. */
export function readRuntimeStage(): RuntimeStage {
  const lines = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const last = lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0).pop() ?? 0;
  const env: Record<string, string> = {};
  let user: string | undefined;
  let workdir: string | undefined;
  let cmd: string[] | undefined;
  const copied: string[] = [];
  for (const line of lines.slice(last + 1)) {
    const [, instruction = '', rest = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    switch (instruction.toUpperCase()) {
      case 'ENV':
        for (const m of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
        break;
      case 'USER':
        user = rest;
        break;
      case 'WORKDIR':
        workdir = rest;
        break;
      case 'CMD':
        cmd = JSON.parse(rest) as string[];
        break;
      case 'COPY': {
        const args = rest.split(/\s+/).filter((a) => !a.startsWith('--'));
        copied.push(...args.slice(0, -1).map((source) => source.split('/').pop()!));
        break;
      }
    }
  }
  return { env, user, workdir, cmd, copied };
}
