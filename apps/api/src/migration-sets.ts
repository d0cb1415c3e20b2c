import { auditMigrations } from '@ta/audit';
import { processManagerMigrations } from '@ta/case';
import { coordinationMigrations } from '@ta/coordination';
import { directoryMigrations } from '@ta/directory';
import { iatiMigrations } from '@ta/iati';
import { identityMigrations } from '@ta/identity';
import { notifyMigrations } from '@ta/notify';
import { practicesMigrations } from '@ta/practices';
import type { MigrationSet } from '@ta/postgres';

/** Every schema the API process owns besides the event store's and the command log's. */
export const API_MIGRATION_SETS: readonly MigrationSet[] = [processManagerMigrations, coordinationMigrations, auditMigrations, directoryMigrations, notifyMigrations, practicesMigrations, identityMigrations, iatiMigrations];
