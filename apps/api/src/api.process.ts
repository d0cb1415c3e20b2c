import type { LoggerService } from '@nestjs/common';
import { createSealer } from '@ta/audit';
import { CaseCommands, caseProcessesHost, PROCESS_MANAGERS_CONSUMER, registerCaseProcesses } from '@ta/case';
import { coordinationReadOptions, CoordinationReader, createCoordinationDataSource, createCoordinationProjector } from '@ta/coordination';
import { createDirectoryProjector, createDirectoryServices, seedDirectoryAtStart } from '@ta/directory';
import { createIatiProjector } from '@ta/iati';
import { createIdentityServices } from '@ta/identity';
import { CommandExecutor, ConfigError, requireAuth, type ProcessDefinition } from '@ta/platform';
import { createNotifier, createNotifyServices } from '@ta/notify';
import { createCaseDocumentsServices } from '@ta/documents';
import { createPracticesProjector, createPracticesServices } from '@ta/practices';
import { createRelay } from '@ta/relay';
import { BENCH_BASELINE_ENV } from './bench-baseline/bench-baseline.module';
import { createApp } from './create-app';
import { API_MIGRATION_SETS } from './migration-sets';

/**
 * The API process: HTTP (commands, queries, the web app) and the background consumers it runs,
 * all listed here: the case's process managers and the offer expiry scheduler (unless PROCESS_MANAGERS=projector:
 * the projector's process runs them), the coordination projector (unless
 * COORDINATION_PROJECTOR=external: `npm run start:projector` runs it), the audit sealer
 * (unless AUDIT_SEALER=off), the notifier (unless NOTIFY=off; e-mail when NOTIFY_SMTP_URL is set) and the
 * Kafka relay (when KAFKA_BROKERS is set).
 */
export function apiProcess(options: { logger?: false | LoggerService; clock?: () => Date } = {}): ProcessDefinition {
  return {
    name: 'api',
    migrationSets: API_MIGRATION_SETS,
    checkConfig(config) {
      requireAuth(config); // in production, no start without configured signing keys
      caseProcessesHost(config.env);
      if (config.env[BENCH_BASELINE_ENV] === 'on' && config.env.NODE_ENV === 'production') {
        throw new ConfigError(`${BENCH_BASELINE_ENV}=on serves a benchmark's route: never in production`);
      }
    },
    async compose(infra, log) {
      const env = infra.config.env;
      const executor = new CommandExecutor(infra.pool, infra.eventStore.store);
      const dataSource = await createCoordinationDataSource(infra.connectionString).initialize();
      const started: string[] = [`event store on ${infra.databaseDescription}`];

      started.push(registerCaseProcesses(infra, 'api', { log, executor, ...(options.clock ? { clock: options.clock } : {}) }));
      if (env.COORDINATION_PROJECTOR === 'external') started.push('COORDINATION_PROJECTOR=external: the projectors run in their own process');
      else {
        infra.consumers.register(createCoordinationProjector(infra.eventStore, dataSource, { onError: (e) => log(`projector: ${(e as Error).message ?? String(e)}`) }));
        infra.consumers.register(createDirectoryProjector(infra.eventStore, { onError: (e) => log(`directory projector: ${(e as Error).message ?? String(e)}`) }));
        infra.consumers.register(createPracticesProjector(infra.eventStore, { onError: (e) => log(`practices projector: ${(e as Error).message ?? String(e)}`) }));
        infra.consumers.register(createIatiProjector(infra.eventStore, { onError: (e) => log(`iati projector: ${(e as Error).message ?? String(e)}`) }));
      }
      const directory = createDirectoryServices(infra, executor);
      started.push(await seedDirectoryAtStart(infra, executor));
      if (directory.publicView) started.push('public view on (PUBLIC_VIEW): open needs and the directory of authorities without sign-in');
      if (!createSealer(infra, { log })) started.push('AUDIT_SEALER=off: this process does not seal the log');
      const notify = createNotifyServices(infra);
      started.push(...createNotifier(infra, { log }, notify));
      if (!createRelay(infra, { log })) started.push('KAFKA_BROKERS is not set: integration events are not published to Kafka');

      const identity = await createIdentityServices(infra, directory.identities);
      started.push(identity.description);
      const http = await createApp(
        {
          infra,
          commands: new CaseCommands(executor, infra.eventStore.store, infra.pool, directory.identities),
          directory,
          practices: createPracticesServices(infra, executor),
          caseDocuments: createCaseDocumentsServices(infra, executor),
          identity,
          notify,
          reader: new CoordinationReader(infra.eventStore.store, dataSource, coordinationReadOptions(env, [PROCESS_MANAGERS_CONSUMER])),
        },
        options,
      );
      // The production image has no dev dependencies to build with: it runs the built tool.
      const tokenTool = env.NODE_ENV === 'production' ? 'node dist/apps/api/src/tools/issue-token.js' : 'npm run token --';
      started.push(`bearer tokens verified with ${requireAuth(infra.config).source}; issue one with: ${tokenTool} --role secretariat --sub me`);
      return {
        http,
        started,
        close: async () => {
          await identity.close();
          await dataSource.destroy();
        },
      };
    },
  };
}
