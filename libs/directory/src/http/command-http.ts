import type { Actor, CommandContext, CommandResult } from '@ta/platform';
import { contextFrom } from '@ta/platform/http';
import type { Request, Response } from 'express';

/** The command's context from the request, as for every command route (`contextFrom`). */
export function commandContext(actor: Actor, req: Request, body: unknown): CommandContext {
  return contextFrom(actor, req.headers, { path: req.path, body });
}

export function answer(res: Response, r: CommandResult) {
  res.setHeader('ETag', `"${r.version}"`);
  if (r.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return {
    id: r.ids.id!,
    version: r.version,
    globalPosition: r.globalPosition,
    logPosition: r.logPosition,
    events: r.events,
    ...(r.correlationId !== undefined ? { correlationId: r.correlationId } : {}),
    replayed: r.replayed === true,
  };
}
