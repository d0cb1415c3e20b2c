import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ProjectionNotCaughtUpError } from '../projector/read-your-writes';

/** `minPosition` not reached in time: 503 problem details with a stable code and Retry-After. */
@Catch(ProjectionNotCaughtUpError)
export class ProjectionLagFilter implements ExceptionFilter {
  catch(e: ProjectionNotCaughtUpError, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<{ originalUrl?: string }>();
    const problem = {
      type: `https://uncac-ta.example.org/problems/${e.code}`,
      title: 'Read model not caught up',
      status: 503,
      detail: e.message,
      code: e.code,
      instance: req.originalUrl ?? '',
      minPosition: e.minPosition,
      waitedMs: e.waitedMs,
    };
    res.status(503).setHeader('Retry-After', '1').type('application/problem+json').send(JSON.stringify(problem));
  }
}
