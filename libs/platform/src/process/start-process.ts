import type { MigrationSet } from '@ta/postgres';
import { envInt, loadConfig, type PlatformConfig } from '../config';
import { ConfigError } from '../config-error';
import { serveHealth } from '../health/health-server';
import { openInfrastructure, type Infrastructure } from '../infrastructure';

/** An HTTP application as a process starts and stops it (a NestJS application is one). */
export interface HttpApplication {
  init(): Promise<unknown>;
  listen(port: number, host: string): Promise<unknown>;
  getUrl(): Promise<string>;
  close(): Promise<void>;
}

/** What a process is made of once composed on its infrastructure. */
export interface ProcessParts {
  /** The HTTP application of a process that serves one (the API), not yet initialised. */
  readonly http?: HttpApplication;
  /** Lines logged once the process runs. */
  readonly started?: readonly string[];
  /** Closes what `compose` opened (after the HTTP application, before the infrastructure). */
  readonly close?: () => Promise<void>;
}

/** A process of the platform: the API, the projector, the relay. */
export interface ProcessDefinition {
  /** For the logs: `api`, `projector`, `relay`. */
  readonly name: string;
  readonly migrationSets?: readonly MigrationSet[];
  readonly poolSize?: number;
  /** Refuses a configuration this process cannot run with, before anything opens (a thrown error is a ConfigError). */
  readonly checkConfig?: (config: PlatformConfig) => void;
  /**
   * Assembles the process on its infrastructure: registers its consumers with
   * `infra.consumers` (the definition is the one place that lists them), and returns
   * its parts. Starts nothing: `startProcess` does.
   */
  compose(infra: Infrastructure, log: (line: string) => void): Promise<ProcessParts>;
}

export interface RunningProcess {
  readonly infra: Infrastructure;
  /** The HTTP application, when the process serves one. */
  readonly http: HttpApplication | undefined;
  /** Where it listens (the API, or the health endpoint of another process), e.g. `http://127.0.0.1:3000`. */
  readonly url: string | undefined;
  /** Stops the HTTP server, the consumers and the infrastructure, in that order. */
  close(): Promise<void>;
}

/**
 * The one way a process starts, used by every `main.ts` and by every test that runs a process
 * in its own test process:
 * 1. open the infrastructure (PostgreSQL, migrations, the event store);
 * 2. compose the process: its definition registers its consumers and builds its HTTP
 *    application, which is then initialised (every module's hooks have run);
 * 3. start every registered consumer (registration closes: a later one is an error);
 * 4. listen: the API on PORT, the other processes' health endpoint on HEALTH_PORT when set.
 */
export async function startProcess(definition: ProcessDefinition, config: PlatformConfig, options: { log?: (line: string) => void } = {}): Promise<RunningProcess> {
  const log = options.log ?? (() => undefined);
  try {
    definition.checkConfig?.(config);
  } catch (e) {
    throw e instanceof ConfigError ? e : new ConfigError((e as Error).message, { cause: e });
  }
  const infra = await openInfrastructure(config, {
    log,
    ...(definition.migrationSets ? { migrationSets: definition.migrationSets } : {}),
    ...(definition.poolSize ? { poolSize: definition.poolSize } : {}),
  });
  let parts: ProcessParts = {};
  let healthServer: { url: string; close(): Promise<void> } | undefined;
  const close = async () => {
    await parts.http?.close();
    await healthServer?.close();
    await infra.consumers.stopAll();
    await parts.close?.();
    await infra.close();
  };
  try {
    parts = await definition.compose(infra, log);
    await parts.http?.init();
    infra.consumers.startAll();
    let url: string | undefined;
    if (parts.http) {
      await parts.http.listen(config.port, config.host);
      url = localUrl(await parts.http.getUrl());
    } else if (config.healthPort !== undefined) {
      healthServer = await serveHealth(infra, config.healthPort, config.host);
      url = healthServer.url;
    }
    // The address first: the first URL a person (or a script) reads in the log is the platform's,
    // not one a started line names (the development identity provider's, say).
    if (url) log(`listening on ${url} (health: ${url}/health/ready)`);
    for (const line of parts.started ?? []) log(line);
    return { infra, http: parts.http, url, close };
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
}

/** `http://[::1]:3000` and `http://0.0.0.0:3000` as a person would type them. */
function localUrl(url: string): string {
  return url.replace('://[::]', '://localhost').replace('://0.0.0.0', '://localhost').replace('://[::1]', '://localhost');
}

/** How long a process's shutdown may take before it exits anyway (SHUTDOWN_GRACE_MS). */
export const SHUTDOWN_GRACE_MS = 5_000;

/**
 * A process's `main`: configured by the environment only, started by `startProcess`, stopped
 * on SIGINT or SIGTERM (within SHUTDOWN_GRACE_MS, default 5 s). A failure to start is printed and exits with status 1: a configuration
 * error (ConfigError, or one thrown by `checkConfig`) as one line naming what to set.
 */
export function runMain(definition: ProcessDefinition, log: (line: string) => void): void {
  let config: PlatformConfig;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    exitOnStartFailure(definition, e);
  }
  const starting = startProcess(definition, config, { log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    // Bounded: a database that is gone must not hold the shutdown (a request or a consumer
    // waiting for a connection, a pool waiting for its clients). What is not closed by then
    // is cut by the exit; nothing is lost (every write commits before it is acknowledged).
    const graceMs = envInt(process.env, 'SHUTDOWN_GRACE_MS', SHUTDOWN_GRACE_MS);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const closed = (async () => {
      const running = await starting.catch(() => undefined);
      await running?.close();
      return 'closed' as const;
    })().catch((e: unknown) => {
      log(`shutdown: ${(e as Error).message ?? String(e)}`);
      return 'failed' as const;
    });
    const outcome = await Promise.race([closed, deadline]);
    clearTimeout(timer);
    if (outcome === 'late') log(`shutdown did not finish within ${graceMs} ms: exiting anyway`);
    process.exit(outcome === 'closed' ? 0 : 1);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  starting.then(
    () => undefined,
    (e: unknown) => exitOnStartFailure(definition, e),
  );
}

/** A configuration error on one line (it says what to set), anything else with its stack. */
function exitOnStartFailure(definition: ProcessDefinition, e: unknown): never {
  if (e instanceof ConfigError) console.error(`${definition.name}: cannot start: ${e.message}`);
  else console.error(e);
  process.exit(1);
}
