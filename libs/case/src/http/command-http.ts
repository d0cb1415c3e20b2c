import { ValidationError } from '@ta/core';
import type { Actor, CommandContext, CommandResult } from '@ta/platform';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
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

export function contextFrom(actor: Actor, headers: Headers, fingerprint: unknown): CommandContext {
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

/** The body every command answers with. */
export interface CommandResponse {
  /** The case, offer or engagement the command was about (or created). */
  readonly id: string;
  /** Other ids the command created, e.g. `milestoneId`. */
  readonly [createdId: string]: unknown;
  readonly version: number;
  /** Pass to queries as `minPosition` to read your own write. */
  readonly globalPosition: number;
  readonly logPosition: { commit: string; position: number } | null;
  readonly events: readonly string[];
  /** Pass to queries as `settled` to read once the platform's own steps that follow are done. */
  readonly correlationId?: string;
  readonly replayed: boolean;
}

export function toResponse(r: CommandResult): CommandResponse {
  const { id, ...created } = r.ids;
  return {
    id: id!,
    ...created,
    version: r.version,
    globalPosition: r.globalPosition,
    logPosition: r.logPosition,
    events: r.events,
    ...(r.correlationId !== undefined ? { correlationId: r.correlationId } : {}),
    replayed: r.replayed === true,
  };
}

export function etag(version: number): string {
  return `"${version}"`;
}
