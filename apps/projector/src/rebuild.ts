import 'reflect-metadata';
import { coordinationMigrations, createCoordinationDataSource, READ_MODEL_NAMES, rebuildReadModels, type ReadModelName } from '@ta/coordination';
import { loadConfig, openInfrastructure } from '@ta/platform';
import { progressBar } from './progress-bar';

/**
 * npm run rebuild:read-models [-- <name>... | all] [--json]
 * Rebuilds into new tables and swaps them in; the API keeps serving meanwhile. Progress on stderr.
 * Tuning (defaults in `rebuildReadModels`): REBUILD_WRITERS (1), REBUILD_PAGE_SIZE (10000),
 * REBUILD_UNLOGGED (0, the default: LOGGED tables throughout; 1: load into UNLOGGED tables, made
 * LOGGED before their indexes are built).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => n !== 'all' && !(READ_MODEL_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown read model(s): ${unknown.join(', ')}; known: ${READ_MODEL_NAMES.join(', ')}, all\n`);
    process.exit(2);
  }
  const models = names.length === 0 || names.includes('all') ? [...READ_MODEL_NAMES] : (names as ReadModelName[]);
  const infra = await openInfrastructure(loadConfig(), { migrationSets: [coordinationMigrations], poolSize: 6 });
  const dataSource = await createCoordinationDataSource(infra.connectionString, { poolSize: 1 }).initialize();
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    process.stderr.write(`rebuilding ${models.join(', ')} on ${infra.databaseDescription}\n`);
    const env = process.env;
    const result = await rebuildReadModels(infra.pool, infra.eventStore.store, dataSource, {
      models,
      onProgress: progressBar(),
      ...(env.REBUILD_UNLOGGED ? { unlogged: env.REBUILD_UNLOGGED !== '0' } : {}),
      ...(env.REBUILD_WRITERS ? { writers: Number(env.REBUILD_WRITERS) } : {}),
      ...(env.REBUILD_PAGE_SIZE ? { pageSize: Number(env.REBUILD_PAGE_SIZE) } : {}),
    });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const summary = { ...result, eventsPerSecond: Math.round(result.eventsPerSecond), seconds: Math.round(result.seconds * 100) / 100, peakRssMb: Math.round(peak / 1048576) };
    if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stderr.write(`rebuilt ${models.join(', ')}: ${result.events} events in ${summary.seconds} s (${summary.eventsPerSecond} events/s), peak RSS ${summary.peakRssMb} MB\n`);
  } finally {
    clearInterval(sampler);
    await dataSource.destroy();
    await infra.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
