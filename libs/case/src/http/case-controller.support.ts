import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import type { Actor, CommandResult } from '@ta/platform';
import { CLOCK, type Clock } from '@ta/platform/http';
import type { ProposeEngagementInput } from '../application/case-command-service';
import { ExecuteCaseCommand } from './execute-case-command.handler';
import type { CaseCommand } from '../domain';
import { contextFrom, etag, toResponse, type CommandResponse } from './command-http';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Send a case command through the bus and shape the HTTP answer (ETag, body). The request's
 * fingerprint (for `Idempotency-Key`) is its path, ids included, and its body: the same key
 * sent for another case is another request (409 `idempotency.key_reused`), never a replay.
 */
export async function send(
  bus: CommandBus,
  res: Response,
  input: { actor: Actor; headers: Headers; path: string; body: unknown; ids: Record<string, string>; command: CaseCommand | ProposeEngagementInput },
): Promise<CommandResponse> {
  const ctx = contextFrom(input.actor, input.headers, { path: input.path, body: input.body });
  const result = await bus.execute<ExecuteCaseCommand, CommandResult>(new ExecuteCaseCommand(input.command, ctx, input.ids));
  res.setHeader('ETag', etag(result.version));
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return toResponse(result);
}

/** What every case controller does with a command: stamp it with the time, send it, answer. */
@Injectable()
export class CommandSender {
  constructor(
    private readonly bus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The application's clock, for the command's `at` (the domain reads none). */
  now(): string {
    return this.clock().toISOString();
  }

  /** `ids`: `id` (the case, offer or engagement) and any the command creates. */
  send(actor: Actor, req: Request, res: Response, ids: Record<string, string>, body: unknown, command: CaseCommand | ProposeEngagementInput): Promise<CommandResponse> {
    return send(this.bus, res, { actor, headers: req.headers, path: req.path, body, ids, command });
  }
}
