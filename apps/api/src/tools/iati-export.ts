/**
 * npm run iati:export -- [--provider donor-giz] [--country KE] [--out activities.xml]
 * npm run iati:export -- --organisations [--out organisations.xml]
 *
 * Writes an IATI 2.03 file (docs/iati.md) from the platform's read models and directory, the
 * same file GET /iati/activities.xml (or organisations.xml) gives: to --out, else to stdout.
 * Reads DATABASE_URL (the embedded default's: postgres://postgres:postgres@127.0.0.1:54329/ta_platform
 * while the API runs). In the image: `docker compose exec api node dist/apps/api/src/tools/iati-export.js …`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { codelists } from '@ta/codelists';
import { IatiPublisher } from '@ta/iati';
import { createPool } from '@ta/postgres';

export const IATI_EXPORT_USAGE = 'usage: npm run iati:export -- [--provider <organisation id>] [--country XX] [--organisations] [--out FILE]   (DATABASE_URL names the database)';

/** The file the arguments ask for, read from the database at `databaseUrl`. */
export async function iatiExport(args: readonly string[], databaseUrl: string | undefined): Promise<{ xml: string; out: string | undefined }> {
  const { values } = parseArgs({
    args: [...args],
    options: { provider: { type: 'string' }, country: { type: 'string' }, organisations: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set\n${IATI_EXPORT_USAGE}`);
  const country = values.country?.toUpperCase();
  if (country && !codelists.has('countries', country)) throw new Error(`--country ${values.country}: not an ISO 3166-1 alpha-2 code of the countries list`);
  if (values.organisations && (values.provider || country)) throw new Error(`--organisations takes no --provider or --country\n${IATI_EXPORT_USAGE}`);
  const pool = createPool({ connectionString: databaseUrl, max: 2, applicationName: 'iati-export' });
  try {
    const publisher = new IatiPublisher(pool);
    const xml = values.organisations ? await publisher.organisationsFile() : await publisher.activitiesFile({ ...(values.provider ? { provider: values.provider } : {}), ...(country ? { country } : {}) });
    return { xml, out: values.out };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  try {
    const { xml, out } = await iatiExport(process.argv.slice(2), process.env.DATABASE_URL);
    if (out) {
      writeFileSync(out, xml);
      console.error(`wrote ${out}`);
    } else process.stdout.write(xml);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
  }
}

if (require.main === module) void main();
