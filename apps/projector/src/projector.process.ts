import { caseProcessesHost, processManagerMigrations, registerCaseProcesses } from '@ta/case';
import { coordinationMigrations, createCoordinationDataSource, createCoordinationProjector } from '@ta/coordination';
import { createDirectoryProjector, directoryMigrations } from '@ta/directory';
import { createIatiProjector, iatiMigrations } from '@ta/iati';
import { envInt, type ProcessDefinition } from '@ta/platform';
import { createPracticesProjector, practicesMigrations } from '@ta/practices';

/**
 * The projector alone (the API then runs with COORDINATION_PROJECTOR=external; if both run,
 * the consumer's lock keeps one active and the other on standby). A SIGKILL loses nothing:
 * checkpoint and rows commit together. PROJECTOR_BATCH_SIZE tunes its batches. With
 * PROCESS_MANAGERS=projector it also runs the case's process managers and offer expiry scheduler
 * (the API then does not), off the API's event loop.
 */
export const projectorProcess: ProcessDefinition = {
  name: 'projector',
  migrationSets: [processManagerMigrations, coordinationMigrations, directoryMigrations, practicesMigrations, iatiMigrations],
  // Each consumer on the shared pool holds one connection for its advisory lock (docs/operations.md, standbys): four here (six with the
  // process managers and offer expiry), plus their batches and the health check.
  poolSize: 12,
  checkConfig: (config) => void caseProcessesHost(config.env),
  async compose(infra, log) {
    const dataSource = await createCoordinationDataSource(infra.connectionString, { poolSize: 3 }).initialize();
    const batchSize = envInt(infra.config.env, 'PROJECTOR_BATCH_SIZE', 0, 0);
    infra.consumers.register(
      createCoordinationProjector(infra.eventStore, dataSource, {
        ...(batchSize > 0 ? { batchSize } : {}),
        onError: (e) => log(`error: ${(e as Error).message ?? String(e)}`),
      }),
    );
    infra.consumers.register(createDirectoryProjector(infra.eventStore, { onError: (e) => log(`directory: ${(e as Error).message ?? String(e)}`) }));
    infra.consumers.register(createPracticesProjector(infra.eventStore, { onError: (e) => log(`practices: ${(e as Error).message ?? String(e)}`) }));
    infra.consumers.register(createIatiProjector(infra.eventStore, { onError: (e) => log(`iati: ${(e as Error).message ?? String(e)}`) }));
    const caseProcesses = registerCaseProcesses(infra, 'projector', { log });
    return { started: [`running on ${infra.databaseDescription}`, caseProcesses], close: () => dataSource.destroy() };
  },
};
