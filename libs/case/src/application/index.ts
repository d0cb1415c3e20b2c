export { CaseModule } from './case.module';
export { processManagerMigrations, PROCESS_MANAGERS_CONSUMER } from './process-managers';
export type { CommandResponse } from './http';
export { READ_ACCESS_POLICY, type ReadRule } from './access-policy';
