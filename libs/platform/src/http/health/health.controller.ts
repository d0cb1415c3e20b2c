import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiRoute } from '../api-route.decorator';
import type { Infrastructure } from '../../infrastructure';
import { INFRASTRUCTURE } from '../tokens';
import { integrityAlarms } from '@ta/event-store';
import { problemType } from '../../problem-details';
import { ConsumersDto, IntegrityHealthDto, LivenessDto, ReadinessDto } from './health.responses';
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

  @Get('integrity')
  @ApiRoute({
    summary: 'Integrity alarms: streams found broken where they were used (docs/audit.md, "Checked at use")',
    description:
      'No open alarm: 200. Otherwise 503 problem details `integrity.alarm` with `alarms` (how many), `kinds`, `firstSeen` and `lastSeen`; ' +
      'which streams and positions: `GET /audit/integrity-alarms` (Secretariat) and the logs (`INTEGRITY ALARM`). Shared by every process ' +
      '(a table); not part of readiness: one broken case must not take every instance out of the balancer.',
    public: true,
    rateLimited: false,
    ok: { description: 'No open alarm', type: IntegrityHealthDto },
    problems: { 503: ['integrity.alarm'] },
  })
  async integrity(@Req() req: Request, @Res() res: Response) {
    const alarms = await integrityAlarms.list(this.infra.pool, 1000);
    if (alarms.length === 0) {
      res.status(200).json({ status: 'up', alarms: 0 });
      return;
    }
    const problem = {
      type: problemType('integrity.alarm'),
      title: 'Integrity alarm',
      status: 503,
      code: 'integrity.alarm',
      detail: `${alarms.length} broken stream link(s) met at use; see GET /audit/integrity-alarms and the logs`,
      instance: req.originalUrl,
      alarms: alarms.length,
      kinds: [...new Set(alarms.map((a) => a.kind))].sort(),
      firstSeen: alarms.map((a) => a.firstSeen).sort()[0],
      lastSeen: alarms.map((a) => a.lastSeen).sort().at(-1),
    };
    res.status(503).type('application/problem+json').send(JSON.stringify(problem));
  }

  @Get('consumers')
  @ApiRoute({ summary: 'Durable consumers: running, active, checkpoint, head and lag of each', public: true, rateLimited: false, ok: { description: 'The consumers of this process', type: ConsumersDto } })
  async consumerLag() {
    return { consumers: await this.infra.consumers.statuses() };
  }
}
