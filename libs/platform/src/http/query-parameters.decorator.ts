import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { toOpenApiParameters, type QueryTable } from './query-parameters';

export const QUERY_PARAMETERS = 'ta:query-parameters';
/** Where the interceptor leaves the parsed values on the request. */
export const PARSED_QUERY = Symbol('ta:parsed-query');

export interface DeclaredQuery {
  readonly table: QueryTable;
  /** The stable code of the 400 answered when the query string does not fit the table. */
  readonly invalidCode: string;
}

/** A route that declares no query parameters refuses every one. */
export const NO_QUERY_PARAMETERS: DeclaredQuery = { table: {}, invalidCode: 'request.invalid_query' };

/**
 * Declares a route's (or a controller's) query parameters: the interceptor checks the query
 * string against the table (400 `invalidCode` otherwise) and the OpenAPI document lists the
 * same parameters with the same rules.
 */
export function QueryParameters(table: QueryTable, options: { invalidCode?: string } = {}): MethodDecorator & ClassDecorator {
  const declared: DeclaredQuery = { table, invalidCode: options.invalidCode ?? NO_QUERY_PARAMETERS.invalidCode };
  return applyDecorators(SetMetadata(QUERY_PARAMETERS, declared), ...toOpenApiParameters(table).map(({ in: _in, ...p }) => ApiQuery(p as Parameters<typeof ApiQuery>[0])));
}

/** `@ParsedQuery() q: QueryValues<typeof TABLE>`: the values the interceptor parsed with the route's table. */
export const ParsedQuery = createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => {
  const req = ctx.switchToHttp().getRequest<{ [PARSED_QUERY]?: unknown }>();
  if (req[PARSED_QUERY] === undefined) throw new Error('@ParsedQuery() needs the QueryParametersInterceptor (PlatformModule)');
  return req[PARSED_QUERY];
});
