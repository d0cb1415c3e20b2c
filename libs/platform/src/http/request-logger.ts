import { ConsoleLogger, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { currentRequestContext, runInRequest, withRequestId } from '../request-context';

/**
 * The API's logger: NestJS's console logger with the request id in front of every line
 * written while serving a request (`[req <X-Request-Id>] ...`), whoever writes it (a
 * controller, the problem filter, the sign-in routes, a library logging through `Logger`).
 */
export class RequestIdLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    super.log(tag(message), ...rest);
  }
  override error(message: unknown, ...rest: unknown[]): void {
    super.error(tag(message), ...rest);
  }
  override warn(message: unknown, ...rest: unknown[]): void {
    super.warn(tag(message), ...rest);
  }
  override debug(message: unknown, ...rest: unknown[]): void {
    super.debug(tag(message), ...rest);
  }
  override verbose(message: unknown, ...rest: unknown[]): void {
    super.verbose(tag(message), ...rest);
  }
  override fatal(message: unknown, ...rest: unknown[]): void {
    super.fatal(tag(message), ...rest);
  }
}

function tag(message: unknown): unknown {
  return typeof message === 'string' ? withRequestId(message) : message;
}

/**
 * One line per request once answered (ACCESS_LOG=off: none): method, path (no query string: it
 * may carry search text), status, duration; written in the request's context, so it carries
 * the request id like every other line.
 */
export function accessLog(logger = new Logger('HTTP')): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Written in the request's context: the stream emits 'finish' from its own. (Not
    // `AsyncResource.bind`: on Node 20 each call also defines two deprecated accessors, 0.9 % of
    // the API's CPU under bench:http.)
    const context = currentRequestContext();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = `${req.method} ${(req.originalUrl ?? req.url).split('?')[0]} ${res.statusCode} ${ms.toFixed(1)} ms`;
      if (context) runInRequest(context, () => logger.log(line));
      else logger.log(line);
    });
    next();
  };
}
