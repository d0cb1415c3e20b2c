import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { ForbiddenError } from '@ta/core';
import { type Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, PG_POOL } from '@ta/platform/http';
import { integrityAlarms, type IntegrityAlarm } from '@ta/event-store';
import { verifyLog, type VerificationReport } from '../application/log-verifier';
import { IntegrityAlarmsDto, VerificationReportDto } from './verification-report.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  /** Verifications asked for while one runs share its result: the walk reads the whole log. */
  private running: Promise<VerificationReport> | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('verify')
  @ApiRoute({
    summary: 'Verify the whole log: every stream hash chain, every seal (Merkle root and chain); for the Secretariat',
    description:
      'Answers 200 with `ok: false` and `firstBroken` (kind, stream and position or global position and event id, seal number) when the log was tampered with. Reads the whole log: seconds per million events. See docs/audit.md.',
    ok: { description: 'The verification report', type: VerificationReportDto },
    problems: { 403: ['access.role_not_allowed'] },
  })
  verify(@CurrentActor() actor: Actor): Promise<VerificationReport> {
    // It reads the whole log: the Secretariat's tool (others verify with the published seals).
    if (actor.role !== 'secretariat') throw new ForbiddenError('access.role_not_allowed', 'Verifying the whole log is for the Secretariat');
    this.running ??= verifyLog(this.pool).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  @Get('integrity-alarms')
  @ApiRoute({
    summary: 'Streams found broken where they were used (commands, personal-data reads), newest first; for the Secretariat',
    description: 'Each alarm names the stream, the kind of break and the first broken position (docs/audit.md, "Checked at use"). `/health/integrity` gives the count without a token.',
    ok: { description: 'The open alarms', type: IntegrityAlarmsDto },
    problems: { 403: ['access.role_not_allowed'] },
  })
  async alarms(@CurrentActor() actor: Actor): Promise<{ alarms: IntegrityAlarm[] }> {
    if (actor.role !== 'secretariat') throw new ForbiddenError('access.role_not_allowed', 'Integrity alarms are for the Secretariat');
    return { alarms: await integrityAlarms.list(this.pool, 1000) };
  }
}
