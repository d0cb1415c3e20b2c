import 'reflect-metadata';
import { coordinationMigrations, createCoordinationDataSource, createCoordinationProjector } from '@ta/coordination';
import { loadConfig, openInfrastructure } from '@ta/platform';

/**
 * The projector alone (the API then runs with COORDINATION_PROJECTOR=external; if both run,
 * the consumer's lock keeps one active and the other on standby). Stops on SIGINT/SIGTERM;
 * a SIGKILL loses nothing (checkpoint and rows commit together).
 */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[projector] ${line}\n`);
  const infra = await openInfrastructure(loadConfig(), { migrationSets: [coordinationMigrations], log, poolSize: 5 });
  const dataSource = await createCoordinationDataSource(infra.connectionString, { poolSize: 3 }).initialize();
  const batchSize = process.env.PROJECTOR_BATCH_SIZE ? Number(process.env.PROJECTOR_BATCH_SIZE) : undefined;
  infra.consumers.register(
    createCoordinationProjector(infra.eventStore, dataSource, { ...(batchSize ? { batchSize } : {}), onError: (e) => log(`error: ${(e as Error).message ?? String(e)}`) }),
  );
  infra.consumers.startAll();
  log(`running on ${infra.databaseDescription}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: stopping`);
    await infra.consumers.stopAll();
    await dataSource.destroy();
    await infra.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
