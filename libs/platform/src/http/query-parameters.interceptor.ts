import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { ValidationError } from '@ta/core';
import { parseQuery } from './query-parameters';
import { NO_QUERY_PARAMETERS, PARSED_QUERY, QUERY_PARAMETERS, type DeclaredQuery } from './query-parameters.decorator';

/**
 * Every route's query string is checked against the table it declares with @QueryParameters
 * (none declared: no parameter is accepted), after the auth guard and before the body is
 * validated. Problems: one 400 problem with a detail per parameter.
 */
@Injectable()
export class QueryParametersInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const declared = this.reflector.getAllAndOverride<DeclaredQuery | undefined>(QUERY_PARAMETERS, [context.getHandler(), context.getClass()]) ?? NO_QUERY_PARAMETERS;
    const req = context.switchToHttp().getRequest<{ query?: Record<string, unknown>; [PARSED_QUERY]?: unknown }>();
    const { values, problems } = parseQuery(req.query ?? {}, declared.table);
    if (problems.length > 0) throw new ValidationError(declared.invalidCode, 'Invalid query parameters', problems);
    req[PARSED_QUERY] = values;
    return next.handle();
  }
}
