import { requireAuth, type ProcessDefinition } from '@ta/platform';
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
    checkConfig(config) {
      requireAuth(config); // in production, no start without configured signing keys
    },
    async compose(infra) {
      const http = await createApp(infra, options);
      // The production image has no dev dependencies to build with: it runs the built tool.
      const tokenTool = infra.config.env.NODE_ENV === 'production' ? 'node dist/apps/api/src/tools/issue-token.js' : 'npm run token --';
      return {
        http,
        started: [
          `event store on ${infra.databaseDescription}`,
          `bearer tokens verified with ${requireAuth(infra.config).source}; issue one with: ${tokenTool} --role secretariat --sub me`,
        ],
      };
    },
  };
}
