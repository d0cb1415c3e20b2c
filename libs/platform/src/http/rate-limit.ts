import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import { isDatabaseUnavailable } from '@ta/postgres';
import { DATABASE_RETRY_AFTER_S, databaseUnavailableProblem } from '../problem-details';
import { requestIdOf } from './edge/security-headers';

/** Where the windows are counted: one process's memory, or PostgreSQL, shared by several processes. */
export interface RateLimitStore {
  /** Counts a request of `client` at `now`; answers its window's start and the requests in it, this one included. */
  hit(client: string, now: Date): Promise<{ windowStart: Date; hits: number }>;
}

const WINDOW_MS = 60_000;

/**
 * The windows in `edge.rate_limits` (migration 002): one row per client address, its window
 * and count updated in one statement, so that several API processes on one database share
 * one limit. Rows of windows that ended are deleted now and then.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  private lastSweep = 0;

  constructor(private readonly pool: Pool) {}

  async hit(client: string, now: Date): Promise<{ windowStart: Date; hits: number }> {
    const { rows } = await this.pool.query<{ window_start: Date; hits: number }>(
      `INSERT INTO edge.rate_limits AS r (client, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (client) DO UPDATE SET
         window_start = CASE WHEN r.window_start <= $2::timestamptz - interval '1 minute' THEN $2 ELSE r.window_start END,
         hits = CASE WHEN r.window_start <= $2::timestamptz - interval '1 minute' THEN 1 ELSE r.hits + 1 END
       RETURNING window_start, hits`,
      [client, now],
    );
    if (now.getTime() - this.lastSweep >= WINDOW_MS) {
      this.lastSweep = now.getTime();
      await this.pool.query(`DELETE FROM edge.rate_limits WHERE window_start <= $1::timestamptz - interval '1 minute'`, [now]);
    }
    return { windowStart: rows[0]!.window_start, hits: rows[0]!.hits };
  }
}

/** One process's windows (tests, tools): bounded memory under address churn. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  async hit(client: string, now: Date): Promise<{ windowStart: Date; hits: number }> {
    const t = now.getTime();
    let w = this.windows.get(client);
    if (!w || t - w.start >= WINDOW_MS) {
      w = { start: t, hits: 0 };
      this.windows.set(client, w);
      if (this.windows.size > 100_000) this.windows.clear();
    }
    w.hits++;
    return { windowStart: new Date(w.start), hits: w.hits };
  }
}

/**
 * A fixed-window limit per client address, a window starting with a client's first request.
 * Over the limit: 429 problem details with Retry-After. Health checks are not counted. Behind
 * a proxy, set Express's `trust proxy` so that the address is the client's.
 */
export function rateLimit(perMinute: number, store: RateLimitStore = new MemoryRateLimitStore(), now: () => number = Date.now) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (perMinute <= 0 || req.path.startsWith('/health')) return next();
    const t = now();
    store.hit(req.ip ?? 'unknown', new Date(t)).then(({ windowStart, hits }) => {
      if (hits <= perMinute) return next();
      const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - t) / 1000));
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
            ...(requestIdOf(res) ? { traceId: requestIdOf(res) } : {}),
          }),
        );
    }, (e: unknown) => {
      // Counting needs the database: while it cannot be reached, the answer every route gives then.
      if (!isDatabaseUnavailable(e)) return next(e);
      const problem = { ...databaseUnavailableProblem(req.originalUrl), ...(requestIdOf(res) ? { traceId: requestIdOf(res) } : {}) };
      res.status(503).setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S)).type('application/problem+json').send(JSON.stringify(problem));
    });
  };
}
