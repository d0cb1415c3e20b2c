import { assertUnreachable, type ErrorKind, type PlatformError } from '@ta/core';

/** RFC 9457 problem details, with our stable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: ReadonlyArray<{ path?: string; message: string }>;
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://uncac-ta.example.org/problems/';

/** The `type` URI of a problem with this stable code. */
export function problemType(code: string): string {
  return `${TYPE_BASE}${code}`;
}

export function statusOf(kind: ErrorKind): { status: number; title: string } {
  switch (kind) {
    case 'validation':
      return { status: 400, title: 'Invalid input' };
    case 'unauthorized':
      return { status: 401, title: 'Not authenticated' };
    case 'forbidden':
      return { status: 403, title: 'Not allowed for this actor' };
    case 'not_found':
      return { status: 404, title: 'Not found' };
    case 'illegal_state':
      return { status: 409, title: 'Not allowed in the current state' };
    case 'concurrency':
      return { status: 412, title: 'Stale version' };
    case 'integrity':
      return { status: 503, title: 'Stored history failed its integrity check' };
    default:
      return assertUnreachable(kind, 'Unknown error kind');
  }
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'code', 'instance', 'errors']);

export function problemFrom(error: PlatformError, instance?: string): ProblemDetails {
  const { status, title } = statusOf(error.kind);
  // Extension members never shadow the standard ones; clashing keys go under `context`.
  const extensions: Record<string, unknown> = {};
  const context: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(error.extra)) (RESERVED.has(k) ? context : extensions)[k] = v;
  return {
    ...extensions,
    ...(Object.keys(context).length > 0 ? { context } : {}),
    type: problemType(error.code),
    title,
    status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.details.length > 0 ? { errors: error.details } : {}),
  };
}

/** Seconds a client is asked to wait while the database cannot be reached (docs/operations.md, "Database outages"). */
export const DATABASE_RETRY_AFTER_S = 2;

/** The answer while PostgreSQL cannot be reached: nothing was changed, the same request may succeed in a moment. */
export function databaseUnavailableProblem(instance: string): ProblemDetails {
  const code = 'database.unavailable';
  return {
    type: problemType(code),
    title: 'Service unavailable',
    status: 503,
    detail: `The database cannot be reached at the moment; retry in ${DATABASE_RETRY_AFTER_S} s (a command sent with an Idempotency-Key can be sent again as it is)`,
    code,
    instance,
  };
}
