import { join } from 'node:path';
import { sqlMigrationSet } from '@ta/postgres';

/** The audit's own table, `audit.seals` (libs/audit/migrations/). */
export const auditMigrations = sqlMigrationSet('audit', join(__dirname, '..', '..', 'migrations'));
