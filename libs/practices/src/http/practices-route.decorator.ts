import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import { ApiRoute, MALFORMED_ID, type ProblemTable, type QueryTable } from '@ta/platform/http';
import { practiceForbiddenCodes } from '../application/practices-access';
import type { LessonInvitationCommand, PracticeCommand } from '../domain';
import { PracticeCommandResponseDto } from './practices.dto';

const COMMON_INVALID = ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex', 'request.invalid_if_match', 'idempotency.invalid_key'];

export interface PracticeCommandDoc {
  readonly command: PracticeCommand['type'] | LessonInvitationCommand['type'];
  /** The 404 codes besides a malformed id (default `practice.not_found`). */
  readonly notFound?: readonly string[];
  readonly summary: string;
  readonly created?: boolean;
  readonly invalid?: readonly string[];
  readonly conflicts?: readonly string[];
  readonly extraProblems?: ProblemTable;
  readonly query?: QueryTable;
}

/** A practice command's route: as the case's and the directory's (ETag, If-Match, Idempotency-Key, problem codes). */
export function PracticeCommandRoute(doc: PracticeCommandDoc): MethodDecorator {
  return applyDecorators(
    ...(doc.created ? [] : [ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })]),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key (same actor) returns the first result and appends nothing', schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (stream version) you saw; stale: 412 `command.stale_version`', schema: { type: 'string', pattern: '^(\\*|(W/)?"?\\d{1,15}"?)$', example: '"3"' } }),
    ApiRoute({
      summary: doc.summary,
      ...(doc.query ? { query: doc.query } : {}),
      ok: {
        status: doc.created ? 201 : 200,
        description: doc.created ? 'Submitted: /practices/{id}' : 'Done: the events appended (or, on a replay, the first answer)',
        type: PracticeCommandResponseDto,
        headers: {
          ETag: { description: 'The stream version after the command', schema: { type: 'string', example: '"1"' } },
          ...(doc.created ? { Location: { description: '/practices/{id}', schema: { type: 'string', format: 'uri-reference' } } } : {}),
          'Idempotent-Replayed': { description: '`true` on a replay', schema: { type: 'string', enum: ['true'] } },
        },
      },
      problems: {
        400: [...COMMON_INVALID, 'input.invalid', ...(doc.invalid ?? [])],
        403: practiceForbiddenCodes(doc.command),
        ...(doc.created ? {} : { 404: [...(doc.notFound ?? ['practice.not_found']), MALFORMED_ID] }),
        409: ['idempotency.key_reused', ...(doc.conflicts ?? [])],
        412: ['command.stale_version'],
        413: ['request.too_large'],
        415: ['request.unsupported_media_type'],
        ...(doc.extraProblems ?? {}),
      },
    }),
  );
}
