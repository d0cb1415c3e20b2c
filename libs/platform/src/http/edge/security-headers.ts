import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ConfigError } from '../../config-error';
import { runInRequest } from '../../request-context';

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Every response carries a request id: the caller's `X-Request-Id` when it is well formed
 * (8 to 128 letters, digits, `.`, `_`, `:`, `-`: a proxy's or a client's correlation id),
 * otherwise a new UUID. Problem bodies name it as `traceId` (problem-details.filter.ts; not `requestId`, a request
 * for technical assistance here, nor `correlationId`, a command's). The rest of the request
 * runs in its context (`runInRequest`), so that every log line written while serving it names
 * it (`RequestIdLogger`).
 */
export function requestIds(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && WELL_FORMED_ID.test(given) ? given : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    runInRequest({ requestId }, () => next());
  };
}

/** The id of the request a response answers (set by `requestIds`). */
export function requestIdOf(res: { getHeader(name: string): unknown }): string | undefined {
  const id = res.getHeader(REQUEST_ID_HEADER);
  return typeof id === 'string' ? id : undefined;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Security headers (helmet): `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer`, no `X-Powered-By`, and
 * - a strict Content-Security-Policy: scripts, styles, fonts and connections from the
 *   platform's own origin only, no plugins, no framing (`frame-ancestors 'none'`), no
 *   `<base>`; except under `docsPrefix` (the Swagger UI, which needs inline styles and scripts);
 * - HSTS (one year, subdomains) on every response except those to localhost, where the
 *   embedded default runs over plain HTTP.
 */
export function securityHeaders(options: { docsPrefix: string }): RequestHandler[] {
  const common = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  });
  const docsCsp = helmet.contentSecurityPolicy({ useDefaults: false, directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], objectSrc: ["'none'"] } });
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return [
    common,
    (req, res, next) => ((req.path === options.docsPrefix || req.path.startsWith(`${options.docsPrefix}/`)) ? docsCsp : csp)(req, res, next),
    (req, res, next) => (LOCAL_HOSTS.has(req.hostname) ? next() : hsts(req, res, next)),
  ];
}

/**
 * CORS_ORIGINS: the browser origins allowed to call the API from another origin (commas,
 * e.g. `https://portal.example.org`). Unset or empty: none, the default (the web app is served
 * by the API itself, same origin). `*` is refused: the API carries personal data.
 */
export function corsOrigins(env: Readonly<NodeJS.ProcessEnv>): string[] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must list origins such as https://portal.example.org (scheme, host, port; no path, no *), got "${origin}"`);
    }
    return origin;
  });
}
