import type { Pool } from 'pg';
import type { ConsumerStatus } from '@ta/event-store';
import { pendingMigrations, type MigrationSet } from '@ta/postgres';
import type { ReadinessConfig } from '../config';
import { problemType } from '../problem-details';

export interface Check {
  readonly status: 'up' | 'down';
  readonly detail?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, Check>>;
  /** The causes of `ready: false`, one line each (empty when ready). */
  readonly causes: readonly string[];
}

/**
 * Judges a process's consumers for readiness. A consumer this process is configured to run
 * must be running (active, or on standby behind another process's instance). One that holds
 * its lock here must not stay more than `maxLagEvents` behind for longer than `maxLagMs`: a
 * lag seen once is a burst, a lag that stays is a stuck or overloaded consumer. A standby's
 * lag is the active instance's to report (another process's readiness).
 * The watch remembers since when each consumer has lagged; it lives as long as the process.
 */
export class LagWatch {
  private readonly since = new Map<string, number>();

  constructor(private readonly config: ReadinessConfig) {}

  judge(statuses: readonly ConsumerStatus[], now: number): Record<string, Check> {
    const checks: Record<string, Check> = {};
    for (const s of statuses) checks[`consumer:${s.name}`] = this.judgeOne(s, now);
    for (const name of [...this.since.keys()]) if (!statuses.some((s) => s.name === name)) this.since.delete(name);
    return checks;
  }

  private judgeOne(s: ConsumerStatus, now: number): Check {
    if (!s.running) {
      this.since.delete(s.name);
      return { status: 'down', detail: 'not running' };
    }
    const lagging = s.active && s.lagEvents > this.config.maxLagEvents;
    if (!lagging) {
      this.since.delete(s.name);
      const note = s.detail ?? (s.active ? undefined : 'standby');
      return note ? { status: 'up', detail: note } : { status: 'up' };
    }
    const since = this.since.get(s.name) ?? now;
    this.since.set(s.name, since);
    const forMs = now - since;
    const behind = `${s.lagEvents} events behind (bound ${this.config.maxLagEvents}) for ${Math.round(forMs / 1000)} s`;
    const error = s.lastError ? `; last error: ${s.lastError.message}` : '';
    return forMs >= this.config.maxLagMs
      ? { status: 'down', detail: `${behind}, longer than ${this.config.maxLagMs / 1000} s${error}` }
      : { status: 'up', detail: `${behind}${error}` };
  }
}

/** Readiness of a process: its database answers, every migration is applied, its consumers run and keep up. */
export async function checkReadiness(
  parts: { pool: Pool; migrationSets: readonly MigrationSet[]; consumers: () => Promise<ConsumerStatus[]>; watch: LagWatch },
  now: () => number = Date.now,
): Promise<Readiness> {
  const checks: Record<string, Check> = {};
  try {
    await parts.pool.query('SELECT 1');
    checks.database = { status: 'up' };
    const pending = (await Promise.all(parts.migrationSets.map(async (s) => (await pendingMigrations(parts.pool, s)).map((id) => `${s.name}/${id}`)))).flat();
    checks.migrations = pending.length === 0 ? { status: 'up' } : { status: 'down', detail: `pending: ${pending.join(', ')}` };
    Object.assign(checks, parts.watch.judge(await parts.consumers(), now()));
  } catch (e) {
    checks.database = { status: 'down', detail: (e as Error).message };
  }
  const causes = Object.entries(checks)
    .filter(([, c]) => c.status === 'down')
    .map(([name, c]) => `${name}: ${c.detail ?? 'down'}`);
  return { ready: causes.length === 0 && checks.migrations !== undefined, checks, causes };
}

/** The 503 answer of `/health/ready`: RFC 9457 problem details naming each cause. */
export function notReadyProblem(r: Readiness, instance: string) {
  return {
    type: problemType('health.not_ready'),
    title: 'Not ready',
    status: 503,
    code: 'health.not_ready',
    detail: r.causes.join('; ') || 'not ready',
    instance,
    checks: r.checks,
  };
}
