import { Body, Controller, HttpCode, Inject, Module, Post, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { withTransaction } from '@ta/postgres';
import { Public, PG_POOL } from '@ta/platform/http';

/**
 * The baseline of `npm run bench:http` (test/bench/http.bench.ts): the API's own HTTP stack
 * (Express, NestJS, the same middleware: request ids, security headers, rate limit, the edge's
 * JSON body checks) in front of one plain INSERT and COMMIT per request, and nothing of a
 * command (no token check, no validation, no idempotency key, no event store). Served only when
 * BENCH_BASELINE_ROUTE=on, which a production start refuses (apiProcess' checkConfig); not in the
 * OpenAPI document.
 */
export const BENCH_BASELINE_ENV = 'BENCH_BASELINE_ROUTE';

@ApiExcludeController()
@Controller('bench')
class BenchBaselineController implements OnModuleInit {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await this.pool.query('CREATE SCHEMA IF NOT EXISTS bench_baseline; CREATE TABLE IF NOT EXISTS bench_baseline.rows (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), body jsonb NOT NULL)');
  }

  @Post('baseline')
  @Public()
  @HttpCode(201)
  async baseline(@Body() body: unknown): Promise<{ id: string }> {
    const id = await withTransaction(this.pool, async (c) => (await c.query<{ id: string }>('INSERT INTO bench_baseline.rows(body) VALUES ($1) RETURNING id', [JSON.stringify(body ?? {})])).rows[0]!.id);
    return { id };
  }
}

@Module({ controllers: [BenchBaselineController] })
export class BenchBaselineModule {}
