import { Controller, Get, Inject, Res, type OnApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LivePositions } from './live-positions';

const HEARTBEAT_MS = 20_000;

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
  @ApiOperation({ summary: 'Server-sent events: `position` {globalPosition} whenever the read models have caught up with new events' })
  @ApiProduces('text/event-stream')
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
