import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isPlatformError } from '@ta/core';
import { isDatabaseUnavailable } from '@ta/postgres';
import { DATABASE_RETRY_AFTER_S, databaseUnavailableProblem, problemFrom, problemType, type ProblemDetails } from '../problem-details';
import { requestIdOf } from './edge/security-headers';

/**
 * Framework errors as problem details too: the body parser's (Nest wraps them in an
 * HttpException whose `cause` is the parser's error, with its `type`), an unknown route, the
 * router's decoding of a path parameter.
 */
function problemFromHttp(e: HttpException, instance: string): ProblemDetails {
  const response = e.getResponse() as { message?: unknown } | string;
  const message = typeof response === 'string' ? response : Array.isArray(response.message) ? response.message.join('; ') : String(response.message ?? e.message);
  const cause = e.cause as { type?: unknown; status?: unknown } | undefined;
  const type = typeof cause?.type === 'string' ? cause.type : undefined;
  let status = e.getStatus();
  const code =
    status === 400 && cause instanceof URIError ? 'request.malformed_url'
    : type === 'entity.parse.failed' || (status === 400 && (cause instanceof SyntaxError || /JSON/i.test(message))) ? 'request.malformed_json'
    : type === 'entity.too.large' || status === 413 ? 'request.too_large'
    : type === 'charset.unsupported' || type === 'encoding.unsupported' || status === 415 ? 'request.unsupported_media_type'
    : status === 400 && cause instanceof Error && typeof cause.status === 'number' ? 'request.unreadable_body'
    : status === 404 ? 'request.unknown_route'
    : status === 429 ? 'request.rate_limited'
    : `http.${status}`;
  if (code === 'request.unsupported_media_type') status = 415;
  return { type: problemType(code), title: STATUS_CODES[status] ?? e.name, status, detail: message, code, instance };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');
  /** The database's outages are logged once per 10 s, not once per request. */
  private lastOutageLog = 0;

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<{ originalUrl?: string; url?: string }>();
    const instance = req.originalUrl ?? req.url ?? '';
    let problem: ProblemDetails;
    if (isPlatformError(exception)) {
      problem = problemFrom(exception, instance);
    } else if (exception instanceof HttpException) {
      problem = problemFromHttp(exception, instance);
    } else if (isBodyParserError(exception)) {
      const status = exception.status ?? exception.statusCode ?? 400;
      const code = exception.type === 'entity.too.large' ? 'request.too_large' : exception.type === 'entity.parse.failed' ? 'request.malformed_json' : 'request.invalid_body';
      problem = { type: problemType(code), title: 'Invalid request body', status, detail: exception.message, code, instance };
    } else if (isDatabaseUnavailable(exception)) {
      problem = databaseUnavailableProblem(instance);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S));
      if (Date.now() - this.lastOutageLog >= 10_000) {
        this.lastOutageLog = Date.now();
        this.logger.warn(`database unavailable, answering 503: ${exception instanceof Error ? exception.message : String(exception)}`);
      }
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      problem = { type: problemType('internal'), title: 'Internal error', status: 500, detail: 'An unexpected error occurred', code: 'internal', instance };
    }
    const requestId = requestIdOf(res);
    if (requestId) problem.traceId = requestId;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

function isBodyParserError(e: unknown): e is { status?: number; statusCode?: number; type?: string; message: string } {
  return typeof e === 'object' && e !== null && 'type' in e && typeof (e as { type: unknown }).type === 'string' && String((e as { type: string }).type).startsWith('entity.');
}
