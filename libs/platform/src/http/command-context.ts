import { ValidationError } from '@ta/core';
import type { Actor } from '../commands/actor';
import type { CommandContext, CommandResult } from '../commands/command-executor';

/** A command's context from its HTTP request headers (Idempotency-Key, X-Correlation-Id, If-Match), for every library's command routes. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

function header(headers: RequestHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `If-Match: "3"` (or W/"3", or 3) -> 3. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value === '' || value === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim());
  if (!m) throw new ValidationError('request.invalid_if_match', 'If-Match must be the ETag of the resource, e.g. "3"');
  return Number(m[1]);
}

export function contextFrom(actor: Actor, headers: RequestHeaders, fingerprint: unknown): CommandContext {
  const idempotencyKey = header(headers, 'idempotency-key');
  const correlationId = header(headers, 'x-correlation-id');
  const ifMatch = parseIfMatch(header(headers, 'if-match'));
  return {
    actor,
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    ...(correlationId !== undefined && /^[\x21-\x7e]{1,100}$/.test(correlationId) ? { correlationId } : {}),
    ...(ifMatch !== undefined ? { ifMatch } : {}),
    requestFingerprint: fingerprint,
  };
}


/** The minimal response surface a command answer writes its headers to (Express's Response fits). */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/**
 * What a command route answers, for every library's commands: the stream version as the ETag,
 * `Idempotent-Replayed: true` on a replay, and the body (the id it was about, version, positions,
 * the events appended, the correlation id).
 */
export function answerCommand(res: HeaderSink, r: CommandResult) {
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
