import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** The web app's types of the API, generated from its OpenAPI document and committed. */
export const API_SCHEMA_FILE = join(ROOT, 'apps/web/src/lib/api-schema.d.ts');

const HEADER = [
  "// The API as its OpenAPI document (/docs/openapi.json) describes it. Regenerate with `npm run web:types`",
  '// (test/web/api-schema.e2e-spec.ts fails when this file differs from the running API\'s document).',
  '',
].join('\n');

/**
 * The declaration file for an OpenAPI document, by openapi-typescript's own command line (an ES
 * module, run by Node rather than jest's CommonJS runtime): `paths`, `operations` and
 * `components` (`components['schemas']['RequestView']`...), enums as unions of their literals.
 * Types only: nothing of it reaches the bundle.
 */
export function apiSchemaSource(document: unknown): string {
  const generated = execFileSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js')], {
    cwd: ROOT,
    input: JSON.stringify(document),
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  return HEADER + generated;
}

/** The first line where two texts differ, for a short failure message. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  committed: ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}`;
  }
  return 'none';
}
