import type { ProcessDefinition } from '@ta/platform';
import { createApp } from './create-app';
import { API_MIGRATION_SETS } from './migration-sets';

/**
 * The API process: HTTP (commands, queries, the web app) and, unless configured away, the
 * projector, the process managers, the audit sealer and the Kafka relay, whose modules
 * register them while the application initialises.
 */
export function apiProcess(options: { logger?: false } = {}): ProcessDefinition {
  return {
    name: 'api',
    migrationSets: API_MIGRATION_SETS,
    async compose(infra) {
      const http = await createApp(infra, options);
      return {
        http,
        started: [
          `event store on ${infra.databaseDescription}`,
          `bearer tokens verified with ${infra.config.auth.source}; issue one with: npm run token -- --role secretariat --sub me`,
        ],
      };
    },
  };
}
