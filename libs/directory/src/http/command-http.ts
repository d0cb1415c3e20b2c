import { ValidationError } from '@ta/core';
import type { Actor, CommandContext, CommandResult } from '@ta/platform';
import type { Request, Response } from 'express';

// The same HTTP shape as the case's commands (libs/case/src/http/command-http.ts).

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function ifMatch(value: string | undefined): number | undefined {
  if (value === undefined || value === '' || value === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!m) throw new ValidationError('request.invalid_if_match', 'If-Match must be the ETag of the resource, e.g. "3"');
  return Number(m[1]);
}

export function commandContext(actor: Actor, req: Request, body: unknown): CommandContext {
  const idempotencyKey = header(req, 'idempotency-key');
  const correlationId = header(req, 'x-correlation-id');
  const version = ifMatch(header(req, 'if-match'));
  return {
    actor,
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    ...(correlationId !== undefined && /^[\x21-\x7e]{1,100}$/.test(correlationId) ? { correlationId } : {}),
    ...(version !== undefined ? { ifMatch: version } : {}),
    requestFingerprint: { path: req.path, body },
  };
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
