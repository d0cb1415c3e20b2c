import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './edge/security-headers';

/**
 * A fixed-window limit per client address, in memory (one process). Over the limit: 429
 * problem details with Retry-After. Health checks are not counted. Behind a proxy, set
 * Express's `trust proxy` so that the address is the client's.
 */
export function rateLimit(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (perMinute <= 0 || req.path.startsWith('/health')) return next();
    const t = now();
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      windows.set(key, w);
      if (windows.size > 100_000) windows.clear(); // bounded memory under address churn
    }
    w.count++;
    if (w.count <= perMinute) return next();
    const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    res
      .status(429)
      .setHeader('Retry-After', String(retryAfter))
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'https://uncac-ta.example.org/problems/request.rate_limited',
          title: 'Too many requests',
          status: 429,
          detail: `More than ${perMinute} requests a minute from this address; retry in ${retryAfter} s`,
          code: 'request.rate_limited',
          instance: req.originalUrl,
          ...(requestIdOf(res) ? { requestId: requestIdOf(res) } : {}),
        }),
      );
  };
}
