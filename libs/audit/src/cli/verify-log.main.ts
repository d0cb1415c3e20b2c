import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadConfig, openInfrastructure } from '@ta/platform';
import { auditMigrations, parseExternalSeals, verifyLog, type ExternalSeal } from '../index';

/**
 * npm run verify:log [-- --seals seals.json] [--json]
 * Verifies the log of DATABASE_URL (or the embedded default): every stream's hash chain and
 * every seal; with --seals, also against seals kept outside the platform (ta.audit.seals).
 * Exit code 0: intact; 1: a broken link (the first is named); 2: could not verify.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const sealsAt = args.indexOf('--seals');
  let externalSeals: ExternalSeal[] | undefined;
  if (sealsAt >= 0) {
    const file = args[sealsAt + 1];
    if (!file) throw new Error('--seals needs a file');
    externalSeals = parseExternalSeals(readFileSync(file, 'utf8'));
  }
  const infra = await openInfrastructure(loadConfig(), { poolSize: 2, migrationSets: [auditMigrations] });
  try {
    const report = await verifyLog(infra.pool, externalSeals ? { externalSeals } : {});
    if (json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`log on ${infra.databaseDescription}`);
      console.log(
        `${report.checkedEvents} events in ${report.checkedStreams} streams, ${report.checkedSeals} seals` +
          `${report.lastSeal ? ` (last: seal ${report.lastSeal.sealNo}, ${report.lastSeal.sealHash})` : ''}, ${report.unsealedEvents} events not sealed yet` +
          `${externalSeals ? `, ${report.externalSealsChecked} external seals compared` : ''}; ${report.durationMs} ms`,
      );
      if (report.ok) {
        console.log('OK: every hash chain and every seal verifies');
      } else {
        console.log(`BROKEN: ${report.brokenLinks} broken link(s); the first:`);
        console.log(`  [${report.firstBroken!.kind}] ${report.firstBroken!.message}`);
        for (const p of report.problems.slice(1)) console.log(`  then [${p.kind}] ${p.message}`);
      }
    }
    return report.ok ? 0 : 1;
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
