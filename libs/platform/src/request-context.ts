import { AsyncLocalStorage } from 'node:async_hooks';

/** What the platform knows of the request a piece of work serves. */
export interface RequestContext {
  /** The `X-Request-Id` of the response (the caller's, or a new UUID): also problems' `traceId`. */
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it starts, awaits or schedules) as part of a request. */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The request being served here, if any (to carry into a callback its emitter runs outside the request: `runInRequest`). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The id of the request being served here, if any: every log line written while serving a request names it. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** A log line with the request id in front when it is written while serving a request: `[req <id>] line`. */
export function withRequestId(line: string): string {
  const id = currentRequestId();
  return id ? `[req ${id}] ${line}` : line;
}
