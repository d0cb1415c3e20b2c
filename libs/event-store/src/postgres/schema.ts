import { join } from 'node:path';
import { sqlMigrationSet } from '@ta/postgres';

/**
 * The PostgreSQL event store's schema: its tables in `libs/event-store/migrations/`, each of
 * its functions in `libs/event-store/migrations/functions/` (docs/event-store.md has the reasoning).
 */
export const eventStoreMigrations = sqlMigrationSet('event_store', join(__dirname, '..', '..', 'migrations'));
