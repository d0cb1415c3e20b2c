import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { problemType } from '@ta/platform';
import { PracticesNotCaughtUpError } from '../application/practices-queries';

/** `minPosition` not reached in time: 503 problem details with a stable code and Retry-After (as the directory's). */
@Catch(PracticesNotCaughtUpError)
export class PracticesLagFilter implements ExceptionFilter {
  catch(e: PracticesNotCaughtUpError, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<{ originalUrl?: string }>();
    const problem = { type: problemType(e.code), title: 'Read model not caught up', status: 503, detail: e.message, code: e.code, instance: req.originalUrl ?? '', minPosition: e.minPosition, waitedMs: e.waitedMs };
    res.status(503).setHeader('Retry-After', '1').type('application/problem+json').send(JSON.stringify(problem));
  }
}
