/**
 * The file of signing keys that AUTH_JWT_KEYS_FILE names (one `kid:secret` a line, the first
 * signs, all verify). Prints key ids, never secrets.
 *
 *   signing-keys init <file>          a file with one new key, once; an existing file is checked and kept
 *   signing-keys rotate <file>        a new key first (it signs once the API restarts), the others kept
 *   signing-keys retire <file> <kid>  drops a key whose tokens have expired (never the last one)
 *
 * `npm run keys -- init <file>`; in the image `node dist/apps/api/src/tools/signing-keys.js …`
 * (the compose file's `keys` service runs `init` before the API starts).
 */
import { existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, formatSigningKeys, newSigningKey, parseSigningKeys, type SigningKey } from '@ta/platform';

const USAGE = 'usage: signing-keys init <file> | rotate <file> | retire <file> <kid>';

function main(args: readonly string[]): void {
  const [command, file, kid] = args;
  if (!file || !['init', 'rotate', 'retire'].includes(command ?? '') || (command === 'retire') !== Boolean(kid) || args.length > 3) {
    console.error(USAGE);
    process.exit(2);
  }
  const path = resolve(file);
  const kids = (keys: readonly SigningKey[]) => keys.map((k) => k.kid).join(', ');
  switch (command) {
    case 'init': {
      if (existsSync(path)) {
        console.log(`${path}: kept (${kids(read(path))})`);
        return;
      }
      const key = newSigningKey(new Date());
      writeNew(path, [key]);
      console.log(`${path}: created (${key.kid})`);
      return;
    }
    case 'rotate': {
      const keys = read(path);
      const key = newSigningKey(new Date());
      replace(path, [key, ...keys]);
      console.log(`${path}: ${key.kid} added first; it signs once the API restarts (verified: ${kids([key, ...keys])})`);
      return;
    }
    case 'retire': {
      const keys = read(path);
      const rest = keys.filter((k) => k.kid !== kid);
      if (rest.length === keys.length) throw new ConfigError(`${path} holds no key ${kid} (it holds ${kids(keys)})`);
      if (rest.length === 0) throw new ConfigError(`${kid} is the only key in ${path}: rotate first`);
      replace(path, rest);
      console.log(`${path}: ${kid} retired; the API accepts its tokens until it restarts (verified: ${kids(rest)})`);
      return;
    }
  }
}

function read(path: string): SigningKey[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseSigningKeys(text, path);
}

/** Written beside the file and moved into place, readable by its owner only. */
function staged(path: string, keys: readonly SigningKey[]): string {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, formatSigningKeys(keys), { mode: 0o600, flag: 'wx' });
  return tmp;
}

/** Never overwrites: a file another `init` made first is kept. */
function writeNew(path: string, keys: readonly SigningKey[]): void {
  const tmp = staged(path, keys);
  try {
    linkSync(tmp, path);
  } finally {
    unlinkSync(tmp);
  }
}

function replace(path: string, keys: readonly SigningKey[]): void {
  renameSync(staged(path, keys), path);
}

try {
  main(process.argv.slice(2));
} catch (e) {
  console.error(`signing-keys: ${(e as Error).message}`);
  process.exit(1);
}
