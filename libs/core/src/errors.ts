/**
 * The handful of error kinds the platform knows. Each carries a stable, machine-readable
 * `code` that clients can rely on; the HTTP layer maps each kind to an RFC 9457 problem
 * (validation 400, not found 404, illegal state 409, concurrency 412, forbidden 403,
 * integrity 503: stored history failed its integrity check, see docs/audit.md).
 * Pure: no framework import, usable from the domain.
 */
export type ErrorKind = 'validation' | 'not_found' | 'illegal_state' | 'concurrency' | 'forbidden' | 'unauthorized' | 'integrity';

export interface ErrorDetail {
  /** JSON-pointer-like path of the offending input, e.g. `/events/0/data` */
  readonly path?: string;
  readonly message: string;
}

export abstract class PlatformError extends Error {
  abstract readonly kind: ErrorKind;
  protected constructor(
    /** Stable code, e.g. `event_store.stream_id_invalid`. Never reworded once published. */
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends PlatformError {
  readonly kind = 'validation' as const;
  constructor(code: string, message: string, details: readonly ErrorDetail[] = [], extra: Record<string, unknown> = {}) {
    super(code, message, details, extra);
  }
}

export class NotFoundError extends PlatformError {
  readonly kind = 'not_found' as const;
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, message, [], extra);
  }
}

/** The command is well-formed but not allowed in the current state (HTTP 409). */
export class IllegalStateError extends PlatformError {
  readonly kind = 'illegal_state' as const;
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, message, [], extra);
  }
}

/** Optimistic concurrency: the caller's expected version is stale (HTTP 412). */
export class ConcurrencyError extends PlatformError {
  readonly kind = 'concurrency' as const;
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, message, [], extra);
  }
}

export class ForbiddenError extends PlatformError {
  readonly kind = 'forbidden' as const;
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, message, [], extra);
  }
}

export class UnauthorizedError extends PlatformError {
  readonly kind = 'unauthorized' as const;
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, message, [], extra);
  }
}

/**
 * The stored history this request needs failed its integrity check (a stream's hash chain is
 * broken: an event edited, deleted, swapped). Nothing is decided or served from it until an
 * operator has repaired it (HTTP 503, no Retry-After: waiting does not mend it).
 */
export class IntegrityError extends PlatformError {
  readonly kind = 'integrity' as const;
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(code, message, [], extra);
  }
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError;
}

/** For exhaustive `switch` statements: a compile error when a case is missing. */
export function assertUnreachable(value: never, message = 'Unexpected value'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
