import type { IncomingMessage } from 'node:http';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { inspectJsonBody } from './json-body';
import { inspectUrl } from './url';

/** A route whose body is a file's bytes (not JSON): matched on the method and the path. */
export interface UploadRoute {
  readonly method: 'POST' | 'PUT';
  readonly path: RegExp;
  readonly maxBytes: number;
}

/** The largest JSON body accepted (413 `request.too_large` above). */
export const JSON_BODY_MAX_BYTES = '256kb';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type !== undefined && JSON_MEDIA_TYPE.test(type.split(';')[0]!.trim());
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A route that takes a body other than JSON, read by its handler as a stream (an IATI file):
 * the path (without the query) and the media types it accepts. The handler limits and checks
 * what it reads.
 */
export interface StreamedBodyRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly mediaType: RegExp;
}

function isStreamedBody(req: Request, routes: readonly StreamedBodyRoute[]): boolean {
  const type = req.headers['content-type']?.split(';')[0]!.trim() ?? '';
  const path = (req.originalUrl ?? req.url).split('?')[0]!;
  return routes.some((r) => r.method === req.method && r.path.test(path) && r.mediaType.test(type));
}

/**
 * Every request passes here before routing, whatever its route, so that hostile input gets one
 * answer everywhere (docs/api.md, "Input the API refuses"):
 * 1. the URL: percent-decoding and storable text (`inspectUrl`);
 * 2. a body that is not JSON: 415 `request.unsupported_media_type` (the API takes JSON only,
 *    but for the `streamed` routes' own media types, left unread for their handlers; Nest's
 *    default urlencoded parser must be off: `NestFactory.create(..., { bodyParser: false })`);
 * 3. the JSON parser: objects and arrays only, at most 256 KiB;
 * 4. the parsed body: depth, width, storable text, prototype keys (`inspectJsonBody`).
 * Problems go to the exception filter as problem details, before any guard or pipe runs.
 */
export function guardRequests(app: NestExpressApplication, options: { uploads?: readonly UploadRoute[]; streamed?: readonly StreamedBodyRoute[] } = {}): void {
  const uploads = options.uploads ?? [];
  const streamed = options.streamed ?? [];
  const uploadOf = (req: Request) => uploads.find((u) => u.method === req.method && u.path.test(req.path));
  app.use((req: Request, _res: Response, next: NextFunction) => next(inspectUrl(req.originalUrl ?? req.url)));
  // A file upload route takes the file's bytes as the body, whatever their declared type but
  // JSON (the route detects the type from the content), up to its own limit (413
  // `request.too_large`). A JSON body there passes the JSON checks below like any other.
  for (const u of uploads) {
    const parse = raw({ type: (req) => !isJson(req), limit: u.maxBytes });
    app.use((req: Request, res: Response, next: NextFunction) => (uploadOf(req) === u ? parse(req, res, next) : next()));
  }
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!hasBody(req) || isJson(req) || uploadOf(req) || isStreamedBody(req, streamed)) return next();
    const given = req.headers['content-type'];
    next(new UnsupportedMediaTypeException(`The body must be JSON (Content-Type: application/json), not ${given ? given.split(';')[0] : 'untyped'}`));
  });
  app.useBodyParser('json', { limit: JSON_BODY_MAX_BYTES, strict: true, type: isJson });
  app.use((req: Request, _res: Response, next: NextFunction) => next(req.body === undefined || Buffer.isBuffer(req.body) ? undefined : inspectJsonBody(req.body)));
}
