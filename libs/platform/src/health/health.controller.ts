import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.guard';
import type { Infrastructure } from '../infrastructure';
import { INFRASTRUCTURE } from '../tokens';
import { checkReadiness, LagWatch, notReadyProblem } from './readiness';

/** Liveness, readiness and the consumers' state (docs/operations.md, "Health"). */
@Public()
@Controller('health')
export class HealthController {
  private readonly watch: LagWatch;

  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {
    this.watch = new LagWatch(infra.config.readiness);
  }

  /** Liveness: the process answers. */
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /** Readiness: the database answers, every migration is applied, every consumer of this process runs and keeps up. */
  @Get('ready')
  async ready(@Req() req: Request, @Res() res: Response) {
    const r = await checkReadiness({ pool: this.infra.pool, migrationSets: this.infra.migrationSets, consumers: () => this.infra.consumers.statuses(), watch: this.watch });
    if (r.ready) res.status(200).json({ status: 'up', checks: r.checks });
    else res.status(503).type('application/problem+json').send(JSON.stringify(notReadyProblem(r, req.originalUrl)));
  }

  /** Durable consumers: running, active, checkpoint, head and lag of each. */
  @Get('consumers')
  async consumerLag() {
    return { consumers: await this.infra.consumers.statuses() };
  }
}
