// `npm run contracts:schemas`: writes the contracts' JSON Schemas to libs/contracts/schemas
// (run from the repository's root, as npm does), removing files of contracts that are gone.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { SCHEMA_FILES_DIR, schemaFiles } from './schema-files';

function listed(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listed(join(dir, e.name)) : [join(dir, e.name)]));
}

const root = join(process.cwd(), SCHEMA_FILES_DIR);
const files = schemaFiles();
for (const old of listed(root)) {
  if (!files.has(relative(root, old).split(sep).join('/'))) rmSync(old);
}
for (const [path, content] of files) {
  const target = join(root, ...path.split('/'));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}
console.log(`wrote ${files.size} files to ${SCHEMA_FILES_DIR}`);
