import { Controller, Get, Inject, Res, type OnApplicationShutdown } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiRoute, param } from '@ta/platform/http';
import type { Response } from 'express';
import { LivePositions } from '../live-positions';

const HEARTBEAT_MS = 20_000;

const LIVE_QUERY = {
  access_token: param.string({
    pattern: /^[A-Za-z0-9._-]{1,8192}$/,
    noun: 'token',
    description: 'The bearer token, for browsers whose EventSource cannot send headers; accepted only with `Accept: text/event-stream`',
  }),
};

/**
 * `GET /live`: server-sent events. Each `position` event carries `{"globalPosition": g}` once
 * the read models include every event up to g, so a client that refetches then sees it. The
 * stream carries no case data, only positions; the queries a client then makes are subject to
 * the usual access rules.
 */
@ApiTags('live updates')
@Controller('live')
export class LiveController implements OnApplicationShutdown {
  private readonly open = new Set<Response>();

  constructor(@Inject(LivePositions) private readonly positions: LivePositions) {}

  @Get()
  @ApiRoute({
    summary: 'Server-sent events: `position` {globalPosition} whenever the read models have caught up with new events',
    description:
      'Each event is `event: position` with `data: {"globalPosition": g}`: the read models include every event up to g. The first one is the position announced last (0: none yet); a comment line every 20 s keeps the connection open.',
    query: LIVE_QUERY,
    ok: {
      description: 'The event stream (it stays open)',
      contentType: 'text/event-stream',
      schema: { type: 'string', example: 'retry: 2000\n\nevent: position\ndata: {"globalPosition":1043}\n\n' },
      headers: { 'Cache-Control': { schema: { type: 'string', example: 'no-cache, no-transform' } } },
    },
  })
  stream(@Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const send = (g: number) => res.write(`event: position\ndata: ${JSON.stringify({ globalPosition: g })}\n\n`);
    res.write('retry: 2000\n\n');
    // The position announced last (0: none yet): the client's baseline.
    send(this.positions.lastAnnounced);
    const unsubscribe = this.positions.subscribe(send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.open.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
  }

  /** Open streams would keep the HTTP server from closing. */
  onApplicationShutdown(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
