import 'reflect-metadata';
import { loadConfig, openInfrastructure } from '@ta/platform';
import { reportCli } from './report-cli';

/**
 * npm run report -- --from 2025-01-01 --to 2025-07-01 --lang ar --format pdf --out report.pdf
 * Makes a report of the database of DATABASE_URL (or the embedded default), records its
 * ReportGenerated event, writes the document; a progress bar on stderr when it takes more than
 * a second. Prints the report's id, position and SHA-256 on stderr. Exit code 0, or 2 on an error.
 */
async function main(): Promise<number> {
  const infra = await openInfrastructure(loadConfig(), { poolSize: 2 });
  try {
    const r = await reportCli(process.argv.slice(2), infra.eventStore.store);
    process.stderr.write(`report ${r.reportId} at ${r.position}, sha256 ${r.sha256}${r.out ? ` -> ${r.out}` : ''}\n`);
    return 0;
  } finally {
    await infra.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
