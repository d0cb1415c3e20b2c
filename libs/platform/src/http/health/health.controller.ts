import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiRoute } from '../api-route.decorator';
import type { Infrastructure } from '../../infrastructure';
import { INFRASTRUCTURE } from '../tokens';
import { ConsumersDto, LivenessDto, ReadinessDto } from './health.responses';
import { checkReadiness, LagWatch, notReadyProblem } from '../../health/readiness';

/** Liveness, readiness and the consumers' state (docs/operations.md, "Health"); public, not rate limited. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly watch: LagWatch;

  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {
    this.watch = new LagWatch(infra.config.readiness);
  }

  @Get('live')
  @ApiRoute({ summary: 'Liveness: the process answers', public: true, rateLimited: false, usesDatabase: false, ok: { description: 'Up', type: LivenessDto } })
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiRoute({
    summary: 'Readiness: the database answers, every migration is applied, every consumer of this process runs and keeps up',
    description: 'Not ready: 503 problem details `health.not_ready` with `checks` (the same map as the 200 answer) naming each cause.',
    public: true,
    rateLimited: false,
    // a database that cannot be reached is one of its causes (`checks.database`), not an error
    usesDatabase: false,
    ok: { description: 'Ready', type: ReadinessDto },
    problems: { 503: ['health.not_ready'] },
  })
  async ready(@Req() req: Request, @Res() res: Response) {
    const r = await checkReadiness({ pool: this.infra.pool, migrationSets: this.infra.migrationSets, consumers: () => this.infra.consumers.statuses(), watch: this.watch });
    if (r.ready) res.status(200).json({ status: 'up', checks: r.checks });
    else res.status(503).type('application/problem+json').send(JSON.stringify(notReadyProblem(r, req.originalUrl)));
  }

  @Get('consumers')
  @ApiRoute({ summary: 'Durable consumers: running, active, checkpoint, head and lag of each', public: true, rateLimited: false, ok: { description: 'The consumers of this process', type: ConsumersDto } })
  async consumerLag() {
    return { consumers: await this.infra.consumers.statuses() };
  }
}
