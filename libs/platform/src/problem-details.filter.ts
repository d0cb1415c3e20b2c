import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { assertUnreachable, isPlatformError, type ErrorKind, type PlatformError } from '@ta/core';

/** RFC 9457 problem details, with our stable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: ReadonlyArray<{ path?: string; message: string }>;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://uncac-ta.example.org/problems/';

/** The `type` URI of a problem with this stable code. */
export function problemType(code: string): string {
  return `${TYPE_BASE}${code}`;
}

export function statusOf(kind: ErrorKind): { status: number; title: string } {
  switch (kind) {
    case 'validation':
      return { status: 400, title: 'Invalid input' };
    case 'unauthorized':
      return { status: 401, title: 'Not authenticated' };
    case 'forbidden':
      return { status: 403, title: 'Not allowed for this actor' };
    case 'not_found':
      return { status: 404, title: 'Not found' };
    case 'illegal_state':
      return { status: 409, title: 'Not allowed in the current state' };
    case 'concurrency':
      return { status: 412, title: 'Stale version' };
    default:
      return assertUnreachable(kind, 'Unknown error kind');
  }
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'errors']);

export function problemFrom(error: PlatformError, instance?: string): ProblemDetails {
  const { status, title } = statusOf(error.kind);
  // Extension members never shadow the standard ones; clashing keys go under `context`.
  const extensions: Record<string, unknown> = {};
  const context: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(error.extra)) (RESERVED.has(k) ? context : extensions)[k] = v;
  return {
    ...extensions,
    ...(Object.keys(context).length > 0 ? { context } : {}),
    type: `${TYPE_BASE}${error.code}`,
    title,
    status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.details.length > 0 ? { errors: error.details } : {}),
  };
}

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
  return { type: `${TYPE_BASE}${code}`, title: STATUS_CODES[status] ?? e.name, status, detail: message, code, instance };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

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
      problem = { type: `${TYPE_BASE}${code}`, title: 'Invalid request body', status, detail: exception.message, code, instance };
    } else {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      problem = { type: `${TYPE_BASE}internal`, title: 'Internal error', status: 500, detail: 'An unexpected error occurred', code: 'internal', instance };
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

function isBodyParserError(e: unknown): e is { status?: number; statusCode?: number; type?: string; message: string } {
  return typeof e === 'object' && e !== null && 'type' in e && typeof (e as { type: unknown }).type === 'string' && String((e as { type: string }).type).startsWith('entity.');
}
