import type { Type } from '@nestjs/common';
import { ApiRoute, problems, type ProblemTable, type QueryTable } from '@ta/platform/http';

export interface ReadDoc {
  readonly summary: string;
  readonly description?: string;
  readonly query: QueryTable;
  readonly ok: Type<unknown>;
  readonly problems?: ProblemTable;
  /** The answer carries its stream's `version`, sent as its strong ETag (`VersionETag`). */
  readonly versioned?: boolean;
  /** No sign-in needed (the public view). */
  readonly public?: boolean;
}

/**
 * A read route of the coordinated view: 400 `coordination.invalid_query` for a query string that
 * does not fit its table, `coordination.invalid_cursor` when it pages, 503
 * `coordination.not_caught_up` (with Retry-After) when it takes `minPosition`.
 */
export function ReadRoute(doc: ReadDoc): MethodDecorator {
  return ApiRoute({
    summary: doc.summary,
    ...(doc.public ? { public: true } : {}),
    ...(doc.description ? { description: doc.description } : {}),
    query: doc.query,
    invalidQueryCode: 'coordination.invalid_query',
    ok: {
      description: 'The answer, as this actor may see it',
      type: doc.ok,
      ...(doc.versioned
        ? { headers: { ETag: { description: 'The stream version (`"<version>"`, strong): send it as If-Match with a command, or as If-None-Match (304)', schema: { type: 'string' } } } }
        : {}),
    },
    problems: problems(
      'cursor' in doc.query ? { 400: ['coordination.invalid_cursor'] } : {},
      'minPosition' in doc.query ? { 400: ['coordination.position_not_issued'], 503: ['coordination.not_caught_up', 'coordination.not_settled'] } : {},
      'asOfPosition' in doc.query ? { 400: ['coordination.as_of_in_future', 'coordination.as_of_position_unknown'] } : {},
      doc.problems ?? {},
    ),
    retryAfter: [503],
  });
}
