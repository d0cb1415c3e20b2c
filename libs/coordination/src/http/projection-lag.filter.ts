import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { problemType } from '@ta/platform';
import { ProjectionNotCaughtUpError } from '../projector/read-your-writes';

/** `minPosition` not reached, or a command not settled, in time: 503 problem details with a stable code and Retry-After. */
@Catch(ProjectionNotCaughtUpError)
export class ProjectionLagFilter implements ExceptionFilter {
  catch(e: ProjectionNotCaughtUpError, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<{ originalUrl?: string }>();
    const problem = {
      type: problemType(e.code),
      title: e.code === 'coordination.not_caught_up' ? 'Read model not caught up' : 'Not settled yet',
      status: 503,
      detail: e.message,
      code: e.code,
      instance: req.originalUrl ?? '',
      ...e.extra,
      waitedMs: e.waitedMs,
    };
    res.status(503).setHeader('Retry-After', '1').type('application/problem+json').send(JSON.stringify(problem));
  }
}
