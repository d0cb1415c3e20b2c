import type { CommandResponse, FieldError, ProblemDocument } from './api-types';
import { authHeaders, forgetSession } from './auth';

export type { FieldError };

/** An RFC 9457 problem document from the API, with its stable `code`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(detail);
  }
}

/** Read-your-writes: after a command, queries wait until the read models include it. */
let written = 0;
export function lastWritten(): number {
  return written;
}

type Params = Record<string, string | number | boolean | undefined | null>;

function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function problemOf(res: Response): Promise<ApiProblem> {
  let body: Partial<ProblemDocument> = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not a problem document
  }
  return new ApiProblem(res.status, body.code ?? `http.${res.status}`, body.detail ?? res.statusText, body.errors ?? []);
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (typeof crypto.randomUUID === 'function') headers['Idempotency-Key'] = crypto.randomUUID();
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}) });
  } catch {
    throw new ApiProblem(0, 'network.unreachable', 'The platform cannot be reached');
  }
  if (res.status === 401) {
    const p = await problemOf(res);
    forgetSession();
    throw p;
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

export function get<T>(path: string, params: Params = {}): Promise<T> {
  const withPosition = written > 0 && !('asOf' in params && params.asOf) ? { ...params, minPosition: written } : params;
  return call<T>('GET', `${path}${query(withPosition)}`);
}

export async function post<T extends CommandResponse = CommandResponse>(path: string, body?: unknown): Promise<T> {
  const r = await call<T>('POST', path, body);
  if (typeof r.globalPosition === 'number') written = Math.max(written, r.globalPosition);
  return r;
}

/** A POST that is not a command of the case (a setting, as the notification preferences; no position to wait for): its answer as it is. */
export function postPlain<T>(path: string, body: unknown): Promise<T> {
  return call<T>('POST', path, body);
}

/**
 * Sends a file as the body (an IATI activity file: `application/xml`), streamed by the browser;
 * the answer is JSON. A command's read-your-writes position is not given by these routes.
 */
export async function upload<T>(path: string, file: Blob, params: Params = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${path}${query(params)}`, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/xml', ...authHeaders() }, body: file });
  } catch {
    throw new ApiProblem(0, 'network.unreachable', 'The platform cannot be reached');
  }
  if (res.status === 401) {
    const p = await problemOf(res);
    forgetSession();
    throw p;
  }
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/**
 * A public read (the public directory): no token, no minPosition; `null` when the deployment
 * does not serve it (404: the public view is off).
 */
export async function getPublic<T>(path: string, params: Params = {}): Promise<T | null> {
  let res: Response;
  try {
    res = await fetch(`${path}${query(params)}`, { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiProblem(0, 'network.unreachable', 'The platform cannot be reached');
  }
  if (res.status === 404) return null;
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}
