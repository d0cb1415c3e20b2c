import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, openInfrastructure } from '@ta/platform';
import { createApp } from './create-app';
import { API_MIGRATION_SETS } from './migration-sets';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Platform');
  const config = loadConfig();
  const infra = await openInfrastructure(config, { log: (l) => logger.log(l), migrationSets: API_MIGRATION_SETS });
  logger.log(`event store on ${infra.databaseDescription}`);
  logger.log(`bearer tokens verified with ${config.auth.source}; issue one with: npm run token -- --role secretariat --sub me`);
  const app = await createApp(infra);
  infra.consumers.startAll();
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.log(`listening on http://${shownHost}:${config.port} (health: /health/ready)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: shutting down`);
    await app.close();
    await infra.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

bootstrap().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
