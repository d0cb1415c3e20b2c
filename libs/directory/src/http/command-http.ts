import type { Actor, CommandContext } from '@ta/platform';
import { contextFrom } from '@ta/platform/http';
import type { Request } from 'express';

/** The command's context from the request, as for every command route (`contextFrom`). */
export function commandContext(actor: Actor, req: Request, body: unknown): CommandContext {
  return contextFrom(actor, req.headers, { path: req.path, body });
}
