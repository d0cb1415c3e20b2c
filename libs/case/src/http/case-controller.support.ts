import type { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { Actor, CommandResult } from '@ta/platform';
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
