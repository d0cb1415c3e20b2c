/**
 * Whether an error means "PostgreSQL cannot be reached or cannot serve right now" rather than
 * "this statement failed": the server is down, restarting or recovering, the connection was
 * refused, cut or timed out. Such an error says nothing about the request; the same request
 * may succeed in a moment (the HTTP face answers 503 with Retry-After, never 500).
 *
 * Looked for along the error's chain: node-postgres's own errors, Node's socket errors (an
 * AggregateError when every address of a host refused), TypeORM's `driverError`, `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (typeof e !== 'object' || e === null || seen.has(e)) return false;
    seen.add(e);
    const { code, message, driverError, cause, errors } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    if (Array.isArray(errors) && errors.some(visit)) return true;
    return visit(driverError) || visit(cause);
  };
  return visit(error);
}

/** Node's errors for a connection that could not be made or was lost. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs of a server that cannot serve now (besides class 08, connection
 * exception): 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting
 * up, in recovery), 53300 too_many_connections. (PostgreSQL documentation, Appendix A,
 * "PostgreSQL Error Codes".)
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres's and pg-pool's messages for a lost or impossible connection (they carry no code). */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Connection terminated due to connection timeout/,
  /^Query read timeout/,
  // the process is shutting down: its pool is closed
  /^Cannot use a pool after calling end on the pool/,
];
