import { CommandExecutor, ConfigError, envInt, type Infrastructure } from '@ta/platform';
import { OfferExpiryScheduler } from './offer-expiry-scheduler';
import { createProcessManagers } from './process-managers';

/** The processes that may run the case's process managers and offer expiry scheduler. */
export type CaseProcessesHost = 'api' | 'projector';

/**
 * PROCESS_MANAGERS=api (the default) or =projector: which process runs the case's process
 * managers and the offer expiry scheduler. Both processes read the same setting, so one
 * configuration gives one answer. In the projector's process they do not share their event loop
 * with the API's HTTP clients (docs/benchmarks.md, bench:http "Fifth pass").
 */
export function caseProcessesHost(env: Readonly<NodeJS.ProcessEnv>): CaseProcessesHost {
  const raw = (env.PROCESS_MANAGERS ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'api') return 'api';
  if (raw === 'projector') return 'projector';
  throw new ConfigError(`PROCESS_MANAGERS must be "api" or "projector", got "${env.PROCESS_MANAGERS}"`);
}

/**
 * Registers the case's background work with this process's consumers when `host` is the one
 * PROCESS_MANAGERS names: the process managers (they turn events into commands) and the offer
 * expiry scheduler. Returns the line the process prints at start.
 */
export function registerCaseProcesses(
  infra: Infrastructure,
  host: CaseProcessesHost,
  options: { log: (line: string) => void; clock?: () => Date; executor?: CommandExecutor },
): string {
  const where = caseProcessesHost(infra.config.env);
  if (where !== host) return `PROCESS_MANAGERS=${where}: the case's process managers and offer expiry run in the ${where} process`;
  const executor = options.executor ?? new CommandExecutor(infra.pool, infra.eventStore.store);
  infra.consumers.register(createProcessManagers(infra.eventStore, executor, { onError: (e) => options.log(`process managers: ${(e as Error).message ?? String(e)} (the batch is retried)`) }));
  infra.consumers.register(
    new OfferExpiryScheduler(infra.pool, infra.eventStore, executor, {
      pollIntervalMs: envInt(infra.config.env, 'OFFER_EXPIRY_POLL_MS', 60_000),
      log: options.log,
      ...(options.clock ? { clock: options.clock } : {}),
    }),
  );
  return `the case's process managers and offer expiry scheduler run here (PROCESS_MANAGERS=${where})`;
}
