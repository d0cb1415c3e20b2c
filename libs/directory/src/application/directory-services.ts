import { envInt, publicViewEnabled, type CommandExecutor, type Infrastructure } from '@ta/platform';
import { DirectoryCommands } from './directory-commands';
import { DirectoryIdentities } from './directory-identities';
import { DirectoryQueries } from './directory-queries';
import { BASE_SEED, DEVELOPMENT_SEED, readSeed, seedDirectory } from './directory-seed';

/** What a process that serves the directory composes it from. */
export interface DirectoryServices {
  readonly commands: DirectoryCommands;
  readonly queries: DirectoryQueries;
  readonly identities: DirectoryIdentities;
  /** The deployment shows the public view (`publicViewEnabled`): the public directory is served without sign-in. */
  readonly publicView: boolean;
}

export function createDirectoryServices(infra: Infrastructure, executor: CommandExecutor): DirectoryServices {
  return {
    commands: new DirectoryCommands(executor),
    queries: new DirectoryQueries(infra.pool, infra.eventStore.store, envInt(infra.config.env, 'COORDINATION_WAIT_TIMEOUT_MS', 5000, 0)),
    identities: new DirectoryIdentities(infra.eventStore.store, infra.pool),
    publicView: publicViewEnabled(infra.config),
  };
}

/**
 * The directory's seed at start, by events, for entries not there yet: UNODC always; then the
 * file DIRECTORY_SEED_FILE names, or, outside production, the development seed (the
 * organisations the README's development tokens name). Returns a line for the start-up log.
 */
export async function seedDirectoryAtStart(infra: Infrastructure, executor: CommandExecutor, now = new Date()): Promise<string> {
  const env = infra.config.env;
  const file = env.DIRECTORY_SEED_FILE?.trim() || (env.NODE_ENV === 'production' ? undefined : DEVELOPMENT_SEED);
  const entries = [...readSeed(BASE_SEED), ...(file ? readSeed(file) : [])];
  const entered = await seedDirectory(executor, entries, now);
  return `directory seeded from ${file ? `${BASE_SEED} and ${file}` : BASE_SEED}: ${entered.length === 0 ? 'nothing new' : `entered ${entered.join(', ')}`}`;
}
