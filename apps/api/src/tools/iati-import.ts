/**
 * npm run iati:import -- --file activities.xml [--provider donor-giz] [--confirm] [--json]
 *
 * Sends a provider's IATI activity file to the running API (docs/iati.md, "Import"): a preview
 * (`POST /iati/imports/preview`) by default, the import itself with --confirm
 * (`POST /iati/imports`). The file is streamed, never read whole. The API does the work and
 * records the events under the caller's identity: the bearer token in TA_TOKEN (a donor's or
 * authority's for its own file; the Secretariat's names --provider), the API at TA_API_URL
 * (default http://127.0.0.1:3000). Prints a summary (or the API's JSON answer with --json);
 * exits 1 when the API refuses the file, 2 on a usage error.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';

export const IATI_IMPORT_USAGE =
  'usage: npm run iati:import -- --file FILE [--provider <organisation id>] [--confirm] [--json]   (TA_TOKEN: a bearer token; TA_API_URL: the API, default http://127.0.0.1:3000)';

export class UsageError extends Error {}

export interface IatiImportRun {
  readonly ok: boolean;
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** What the command prints. */
  readonly text: string;
}

export async function iatiImport(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<IatiImportRun> {
  const { values } = parseArgs({
    args: [...args],
    options: { file: { type: 'string' }, provider: { type: 'string' }, confirm: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (!values.file) throw new UsageError(`--file is required\n${IATI_IMPORT_USAGE}`);
  if (!env.TA_TOKEN) throw new UsageError(`TA_TOKEN is not set (issue one with npm run token)\n${IATI_IMPORT_USAGE}`);
  statSync(values.file); // a missing file: its own error, before the request
  const base = (env.TA_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const url = `${base}/iati/imports${values.confirm ? '' : '/preview'}${values.provider ? `?provider=${encodeURIComponent(values.provider)}` : ''}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env.TA_TOKEN}`, 'Content-Type': 'application/xml' },
    body: Readable.toWeb(createReadStream(values.file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit & { duplex: 'half' });
  const body = (await res.json()) as Record<string, unknown>;
  const text = values.json ? JSON.stringify(body, null, 2) : res.ok ? summary(body, values.confirm) : `refused (${res.status} ${String(body['code'])}): ${String(body['detail'] ?? body['title'])}`;
  return { ok: res.ok, status: res.status, body, text };
}

function summary(body: Record<string, unknown>, confirmed: boolean): string {
  const counts = body['counts'] as Record<string, number>;
  const skipped = body['skipped'] as Record<string, number>;
  const lines = [
    `IATI ${String(body['version'])} file of ${(body['provider'] as { organisationId: string }).organisationId}: ${counts['activities']} activities`,
    `  offers: create ${counts['create']}, update ${counts['update']}, changed but not applicable ${counts['not_applied']}; reported activities: record ${counts['record']}, update ${counts['update_record']}; unchanged ${counts['unchanged']}, skipped ${counts['skip']}`,
    ...Object.entries(skipped).map(([reason, n]) => `  skipped (${reason}): ${n}`),
  ];
  if (confirmed) {
    const applied = (body['applied'] as { outcome: string; identifier: string; code?: string }[]) ?? [];
    const by = (o: string) => applied.filter((a) => a.outcome === o).length;
    lines.push(`applied: created ${by('created')}, recorded ${by('recorded')}, updated ${by('updated')}, failed ${by('failed')}`);
    for (const f of applied.filter((a) => a.outcome === 'failed')) lines.push(`  failed ${f.identifier}: ${f.code ?? ''}`);
  } else lines.push('nothing was recorded: run again with --confirm to import');
  return lines.join('\n');
}

async function main(): Promise<void> {
  try {
    const run = await iatiImport(process.argv.slice(2), process.env);
    console.log(run.text);
    if (!run.ok) process.exitCode = 1;
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) void main();
