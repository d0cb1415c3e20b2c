import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import { ApiRoute, MALFORMED_ID } from '@ta/platform/http';
import type { OrganisationCommand } from '../domain';
import { directoryForbiddenCodes } from '../application/directory-access';
import { DirectoryCommandResponseDto } from './directory.responses';

export interface DirectoryCommandDoc {
  readonly command: OrganisationCommand['type'];
  readonly summary: string;
  readonly description?: string;
  readonly created?: boolean;
  /** The command's 400 codes beyond the body and header checks (the domain's field checks). */
  readonly invalid?: readonly string[];
  readonly conflicts?: readonly string[];
}

const COMMON_INVALID = ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex', 'request.invalid_if_match', 'idempotency.invalid_key'];

/** A directory command's route: as the case's commands (ETag, If-Match, Idempotency-Key, problem codes from the access policy). */
export function DirectoryCommandRoute(doc: DirectoryCommandDoc): MethodDecorator {
  return applyDecorators(
    ...(doc.created ? [] : [ApiParam({ name: 'id', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' } })]),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key (same actor) returns the first result and appends nothing', schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (stream version) you saw; stale: 412 `command.stale_version`', schema: { type: 'string', pattern: '^(\\*|(W/)?"?\\d{1,15}"?)$', example: '"3"' } }),
    ApiRoute({
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      ok: {
        status: doc.created ? 201 : 200,
        description: doc.created ? 'Entered in the directory: /directory/organisations/{id}' : 'Done: the events appended (or, on a replay, the first answer)',
        type: DirectoryCommandResponseDto,
        headers: {
          ETag: { description: 'The stream version after the command', schema: { type: 'string', example: '"1"' } },
          ...(doc.created ? { Location: { description: '/directory/organisations/{id}', schema: { type: 'string', format: 'uri-reference' } } } : {}),
          'Idempotent-Replayed': { description: '`true` on a replay', schema: { type: 'string', enum: ['true'] } },
        },
      },
      problems: {
        400: [...COMMON_INVALID, 'input.invalid', ...(doc.invalid ?? [])],
        403: directoryForbiddenCodes(doc.command),
        ...(doc.created ? {} : { 404: ['organisation.not_found', MALFORMED_ID] }),
        409: ['idempotency.key_reused', ...(doc.conflicts ?? [])],
        412: ['command.stale_version'],
        413: ['request.too_large'],
        415: ['request.unsupported_media_type'],
        503: ['integrity.chain_broken'],
      },
    }),
  );
}
