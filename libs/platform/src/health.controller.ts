import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Pool } from 'pg';
import { pendingMigrations, type MigrationSet } from '@ta/postgres';
import { Public } from './auth/auth.guard';
import { PG_POOL, MIGRATION_SETS, CONSUMER_STATUS } from './tokens';
import type { ConsumerStatus } from '@ta/event-store';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(MIGRATION_SETS) private readonly migrationSets: readonly MigrationSet[],
    @Inject(CONSUMER_STATUS) private readonly consumers: () => Promise<ConsumerStatus[]>,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /** Readiness: the database answers and every migration is applied. */
  @Get('ready')
  async ready(@Res() res: Response) {
    const checks: Record<string, { status: 'up' | 'down'; detail?: string }> = {};
    try {
      await this.pool.query('SELECT 1');
      checks.database = { status: 'up' };
      const pending = (await Promise.all(this.migrationSets.map(async (s) => (await pendingMigrations(this.pool, s)).map((id) => `${s.name}/${id}`)))).flat();
      checks.migrations = pending.length === 0 ? { status: 'up' } : { status: 'down', detail: `pending: ${pending.join(', ')}` };
    } catch (e) {
      checks.database = { status: 'down', detail: (e as Error).message };
    }
    const up = Object.values(checks).every((c) => c.status === 'up') && checks.migrations !== undefined;
    res.status(up ? 200 : 503).json({ status: up ? 'up' : 'down', checks });
  }

  /** Durable consumers: checkpoint, head and lag of each. */
  @Get('consumers')
  async consumerLag() {
    return { consumers: await this.consumers() };
  }
}
