import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';

export class ProblemErrorDto {
  @ApiPropertyOptional({ description: 'JSON-pointer-like path of the offending input: `/title/en`, `/query/limit`, `/path/id`', example: '/query/limit' })
  path?: string;
  @ApiProperty({ example: 'must be an integer from 1 to 200' }) message!: string;
}

/** RFC 9457 problem details, with the platform's stable `code`; extension members may follow. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsDto {
  @ApiProperty({ format: 'uri', example: 'https://uncac-ta.example.org/problems/request.invalid_body' }) type!: string;
  @ApiProperty({ example: 'Invalid input' }) title!: string;
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 }) status!: number;
  @ApiProperty({ example: '/title/en: en must be a string' }) detail!: string;
  @ApiProperty({ description: 'Stable, machine-readable; never reworded once published', example: 'request.invalid_body' }) code!: string;
  @ApiPropertyOptional({ description: 'The request path and query', example: '/requests' }) instance?: string;
  @ApiPropertyOptional({ type: [ProblemErrorDto], description: 'One entry per problem with the input (400)' }) errors?: ProblemErrorDto[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 429 | 503;
/** Per status, the stable codes an operation can answer with. */
export type ProblemTable = Partial<Readonly<Record<ProblemStatus, readonly string[]>>>;

const MEANING: Readonly<Record<ProblemStatus, string>> = {
  400: 'Invalid input; nothing was changed',
  401: 'No bearer token, or one that is not valid',
  403: 'Not allowed for this actor',
  404: 'Not found (or not visible to this actor)',
  409: 'Not allowed in the current state',
  412: 'If-Match names a stale version',
  413: 'Body over 256 KiB',
  415: 'A charset or Content-Encoding the API does not read (JSON in UTF-8; gzip, deflate or br)',
  429: 'Over the rate limit; retry after Retry-After seconds',
  503: 'Not available yet; retry after Retry-After seconds',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };

/** Merges tables: the codes of one status are the union of each table's. */
export function problems(...tables: readonly ProblemTable[]): ProblemTable {
  const merged: Partial<Record<ProblemStatus, string[]>> = {};
  for (const t of tables) {
    for (const [s, codes] of Object.entries(t) as Array<[string, readonly string[]]>) {
      const status = Number(s) as ProblemStatus;
      merged[status] = [...new Set([...(merged[status] ?? []), ...codes])];
    }
  }
  return merged;
}

/**
 * Documents the 4xx/5xx answers of an operation: `application/problem+json`, the shared
 * ProblemDetails schema, `status` and `code` restricted to what the route gives; `retryAfter`:
 * the statuses sent with a Retry-After header (default 429).
 */
export function ApiProblems(table: ProblemTable, options: { retryAfter?: readonly ProblemStatus[] } = {}): MethodDecorator & ClassDecorator {
  const retryAfter = new Set<number>(options.retryAfter ?? [429]);
  const responses = (Object.entries(table) as Array<[string, readonly string[]]>).map(([s, codes]) => {
    const status = Number(s) as ProblemStatus;
    return ApiResponse({
      status,
      description: `${MEANING[status]}. Codes: ${codes.map((c) => `\`${c}\``).join(', ')}`,
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: getSchemaPath(ProblemDetailsDto) },
              { type: 'object', properties: { status: { type: 'integer', enum: [status] }, code: { type: 'string', enum: [...codes] } } },
            ],
          },
        },
      },
      ...(retryAfter.has(status) ? { headers: RETRY_AFTER } : {}),
    });
  });
  return applyDecorators(ApiExtraModels(ProblemDetailsDto), ...responses);
}

/**
 * What the edge answers any route that takes a JSON body (guardRequests, before the route runs):
 * a body that is not JSON, malformed, too deep or wide, too large, or not the encoding it says.
 */
export const JSON_BODY_PROBLEMS: ProblemTable = {
  400: ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex'],
  413: ['request.too_large'],
  415: ['request.unsupported_media_type'],
};
