import { applyDecorators, type Type } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import { ApiRoute, MALFORMED_ID } from '@ta/platform/http';
import type { CaseCommand } from '../domain';
import { forbiddenCodes } from '../application/access-policy';
import { CommandResponseDto } from './dto/command-response.dto';

export interface CommandDoc {
  readonly command: CaseCommand['type'];
  readonly summary: string;
  readonly description?: string;
  /** Creates the resource: 201 with Location (the path of what was created). */
  readonly created?: string;
  /** The answer, when it carries more than the common fields. */
  readonly response?: Type<unknown>;
  /** The path's ids (`id`, `milestoneId`), UUIDs: 404 `request.malformed_id` otherwise (a malformed id names no resource). */
  readonly pathIds?: readonly string[];
  /** The command's own 400 codes (the domain's field checks), beyond the body and header checks. */
  readonly invalid?: readonly string[];
  readonly notFound?: readonly string[];
  /** The command's 409 codes (the decider's rules). */
  readonly conflicts?: readonly string[];
}

/** Every command: its body, its headers, `If-Match` and `Idempotency-Key`. */
const COMMON_INVALID = ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex', 'request.invalid_if_match', 'idempotency.invalid_key'];

const ETAG = { description: 'The stream version after the command, e.g. `"3"`: send it back as If-Match', schema: { type: 'string', example: '"3"' } };
const REPLAYED = { description: '`true` when this is the answer of an earlier request with the same Idempotency-Key', schema: { type: 'string', enum: ['true'] } };

/**
 * A case command's route, documented from what it is: who may send it (`forbiddenCodes`, from
 * the access policy), what it answers (CommandResponseDto, ETag, Location) and every problem.
 */
export function CommandRoute(doc: CommandDoc): MethodDecorator {
  return applyDecorators(
    ...(doc.pathIds ?? []).map((name) => ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key (same actor) returns the first result and appends nothing', schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (stream version) you saw; stale: 412 `command.stale_version`', schema: { type: 'string', pattern: '^(\\*|(W/)?"?\\d{1,15}"?)$', example: '"3"' } }),
    ApiRoute({
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      ok: {
        status: doc.created ? 201 : 200,
        description: doc.created ? `Created: ${doc.created}` : 'Done: the events appended (or, on a replay, the first answer)',
        type: doc.response ?? CommandResponseDto,
        headers: {
          ETag: ETAG,
          ...(doc.created ? { Location: { description: doc.created, schema: { type: 'string', format: 'uri-reference' } } } : {}),
          'Idempotent-Replayed': REPLAYED,
        },
      },
      problems: {
        400: [...COMMON_INVALID, ...(doc.invalid ?? [])],
        403: forbiddenCodes(doc.command),
        ...(doc.notFound?.length || doc.pathIds?.length ? { 404: [...(doc.notFound ?? []), ...(doc.pathIds?.length ? [MALFORMED_ID] : [])] } : {}),
        409: ['idempotency.key_reused', ...(doc.conflicts ?? [])],
        412: ['command.stale_version'],
        413: ['request.too_large'],
        415: ['request.unsupported_media_type'],
        503: ['integrity.chain_broken'],
      },
    }),
  );
}
