import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOperation, ApiResponse, type HeaderObject, type SchemaObject } from '@nestjs/swagger';
import { Public } from './auth.guard';
import { AUTH_ERROR_CODES } from '../auth/jwt';
import { ApiProblems, problems, type ProblemStatus, type ProblemTable } from './problem-responses';
import { NO_QUERY_PARAMETERS, QueryParameters } from './query-parameters.decorator';
import type { QueryTable } from './query-parameters';

/** The success answer of a route. */
export interface SuccessDoc {
  readonly status?: 200 | 201;
  readonly description: string;
  /** A class described with @ApiProperty... */
  readonly type?: Type<unknown>;
  /** ...or a schema. */
  readonly schema?: SchemaObject;
  /** Default `application/json`. */
  /** One media type, or several (a file whose type depends on the file). */
  readonly contentType?: string | readonly string[];
  readonly headers?: Readonly<Record<string, HeaderObject>>;
}

export interface RouteDoc {
  readonly summary: string;
  readonly description?: string;
  /** No bearer token needed: the auth guard lets it through and the document says so. */
  readonly public?: boolean;
  /** Counted by the rate limiter (default true). */
  readonly rateLimited?: boolean;
  /** The query parameters; none declared: every parameter is refused. */
  readonly query?: QueryTable;
  /** The code of the 400 for a query string that does not fit `query` (default `request.invalid_query`). */
  readonly invalidQueryCode?: string;
  readonly ok: SuccessDoc;
  /** The route's own problems; 400 for the query, 401 and 429 are added as they apply. */
  readonly problems?: ProblemTable;
  /** The problem statuses sent with Retry-After (429 always). */
  readonly retryAfter?: readonly ProblemStatus[];
  /**
   * Needs PostgreSQL (default true): while it cannot be reached, the route answers 503
   * `database.unavailable` with Retry-After (the problem-details filter, the rate limiter).
   */
  readonly usesDatabase?: boolean;
}

/**
 * Everything a route is, in one declaration: what it does, who may call it, its query
 * parameters (checked by the QueryParametersInterceptor from the same table), its answer and
 * every problem it can give. test/e2e/openapi-document.e2e-spec.ts walks the running routes
 * against the document this produces.
 */
export function ApiRoute(doc: RouteDoc): MethodDecorator {
  const invalidCode = doc.invalidQueryCode ?? NO_QUERY_PARAMETERS.invalidCode;
  const all = problems(
    // The edge's checks of every URL (libs/platform/src/edge): before the route's own.
    { 400: [invalidCode, 'request.unstorable_text', 'request.malformed_url'] },
    doc.public ? {} : { 401: AUTH_ERROR_CODES },
    doc.rateLimited === false ? {} : { 429: ['request.rate_limited'] },
    doc.problems ?? {},
    doc.usesDatabase === false ? {} : { 503: ['database.unavailable'] },
  );
  const retryAfter: ProblemStatus[] = [429, ...(doc.retryAfter ?? []), ...(doc.usesDatabase === false ? [] : [503 as const])];
  return applyDecorators(
    ApiOperation({ summary: doc.summary, ...(doc.description ? { description: doc.description } : {}), ...(doc.public ? { security: [] } : {}) }),
    ...(doc.public ? [Public()] : []),
    QueryParameters(doc.query ?? {}, { invalidCode }),
    success(doc.ok),
    ApiProblems(all, { retryAfter }),
  );
}

function success(ok: SuccessDoc): MethodDecorator & ClassDecorator {
  const common = { status: ok.status ?? 200, description: ok.description, ...(ok.headers ? { headers: { ...ok.headers } } : {}) };
  if (ok.contentType) {
    const types = typeof ok.contentType === 'string' ? [ok.contentType] : ok.contentType;
    return ApiResponse({ ...common, content: Object.fromEntries(types.map((t) => [t, { schema: ok.schema ?? { type: 'string' } }])) });
  }
  if (ok.type) return ApiResponse({ ...common, type: ok.type });
  return ApiResponse({ ...common, schema: ok.schema ?? {} });
}
