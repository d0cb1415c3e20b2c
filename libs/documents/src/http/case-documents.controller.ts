import { Controller, Get, HttpCode, Inject, Module, Param, Post, Req, Res, UnsupportedMediaTypeException, type DynamicModule, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundError, ValidationError } from '@ta/core';
import type { Actor } from '@ta/platform';
import { answerCommand, ApiRoute, CLOCK, contextFrom, CurrentActor, MALFORMED_ID, param, ParsedQuery, PathId, type Clock, type QueryValues, type UploadRoute } from '@ta/platform/http';
import { CaseDocuments, type CaseDocumentsServices } from '../application/case-documents';
import { ACCEPTED_DOCUMENT_TYPES } from '../domain';
import { sendDocument } from './send-document';

class AttachedByDto {
  @ApiProperty({ enum: ['secretariat', 'state', 'donor', 'authority'] }) role!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The State (ISO 3166-1 alpha-2) for a State focal point' }) country!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The directory organisation, for the others' }) organisation!: string | null;
}
export class CaseDocumentDto {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content: its address' }) sha256!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Detected from the content' }) mediaType!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ type: String, nullable: true, description: 'What the document is' }) title!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The engagement it belongs to; null: the request' }) engagementId!: string | null;
  @ApiProperty({ type: AttachedByDto }) attachedBy!: AttachedByDto;
  @ApiProperty({ format: 'date-time' }) attachedAt!: string;
  @ApiProperty({ description: 'Where to download it' }) href!: string;
}
export class CaseDocumentListDto {
  @ApiProperty({ type: [CaseDocumentDto] }) items!: CaseDocumentDto[];
}
class LogPositionDto {
  @ApiProperty({ description: 'The commit, a decimal string', example: '1042' }) commit!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) position!: number;
}
export class CaseDocumentCommandResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The request' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: "The case documents stream's version after the command; also the ETag" }) version!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) globalPosition!: number;
  @ApiProperty({ type: LogPositionDto, nullable: true }) logPosition!: LogPositionDto | null;
  @ApiProperty({ type: [String], example: ['CaseDocumentAttached'] }) events!: string[];
  @ApiPropertyOptional({ format: 'uuid' }) correlationId?: string;
  @ApiProperty() replayed!: boolean;
}

class RequestIdPipe extends PathId {
  constructor() {
    super('uuid');
  }
}
class Sha256Pipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) throw new NotFoundError(MALFORMED_ID, 'No resource has this id: an id here is a SHA-256');
    return value;
  }
}
const requestId = new RequestIdPipe();
const sha = new Sha256Pipe();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UPLOAD_QUERY = {
  fileName: param.string({ pattern: /^[^\u0000-\u001f\\/]{1,200}$/, noun: 'file name', description: 'The name the file is offered for download under (no path); required', example: 'terms-of-reference.pdf' }),
  title: param.string({ pattern: /^[^\u0000-\u001f]{1,300}$/, noun: 'document title', description: 'What the document is (terms of reference, report, law...)', example: 'Terms of reference' }),
  engagementId: param.string({ pattern: UUID, noun: 'engagement id', description: 'An engagement of the request the document belongs to (default: the request itself)', example: '0b8e3c1a-5d2f-4e6a-8b7c-9d0e1f2a3b4c' }),
};
const COMMON_INVALID = ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex', 'request.invalid_if_match', 'idempotency.invalid_key'];
/** A query string the route does not take: 400 with the code of the case's other reads under /requests. */
const INVALID_QUERY = 'coordination.invalid_query';
const ID = ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } });

/** The documents of a case: a request's and its engagements' files, known exactly as the case is. */
@ApiTags('requests')
@Controller('requests')
export class CaseDocumentsController {
  constructor(
    @Inject(CaseDocuments) private readonly documents: CaseDocuments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/documents')
  @ID
  @ApiRoute({ invalidQueryCode: INVALID_QUERY, summary: "The documents of a case: the request's and its engagements' (for those who may know the case)", ok: { description: 'The documents, oldest first', type: CaseDocumentListDto }, problems: { 404: ['request.not_found', MALFORMED_ID] } })
  list(@CurrentActor() actor: Actor, @Param('id', requestId) id: string) {
    return this.documents.list(actor, id);
  }

  @Get(':id/documents/:sha256')
  @ID
  @ApiParam({ name: 'sha256', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } })
  @ApiRoute({
    invalidQueryCode: INVALID_QUERY,
    summary: "Download a case's document (as an attachment, never rendered in the platform's origin)",
    ok: { description: 'The file, as the type detected from its content', headers: { ETag: { description: 'The SHA-256 of the content', schema: { type: 'string' } } }, contentType: ACCEPTED_DOCUMENT_TYPES.map((t) => t.mediaType), schema: { type: 'string', format: 'binary' } },
    problems: { 404: ['request.not_found', 'document.not_found', MALFORMED_ID] },
  })
  async download(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @Param('sha256', sha) digest: string, @Res() res: Response) {
    await sendDocument(res, await this.documents.document(actor, id, digest), this.documents.files);
  }

  @Post(':id/documents')
  @HttpCode(200)
  @ID
  @ApiConsumes('application/octet-stream')
  @ApiBody({ description: "The file's bytes (PDF, Word, OpenDocument text, spreadsheet, slides, PNG, JPEG or WebP; the type comes from the content)", required: true, schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key (same actor) returns the first result and appends nothing', schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } })
  @ApiHeader({ name: 'If-Match', required: false, description: "The ETag (the case documents stream's version) you saw; stale: 412 `command.stale_version`", schema: { type: 'string', pattern: '^(\\*|(W/)?"?\\d{1,15}"?)$', example: '"3"' } })
  @ApiRoute({
    summary: "Attach a document to a case (the request, or one of its engagements with `engagementId`): the Secretariat, the requesting State or a provider engaged on it; stored once by its SHA-256",
    query: UPLOAD_QUERY,
    ok: {
      description: 'Done: the events appended (none when the same file is already attached there)',
      type: CaseDocumentCommandResponseDto,
      headers: {
        ETag: { description: 'The stream version after the command', schema: { type: 'string', example: '"1"' } },
        'Idempotent-Replayed': { description: '`true` on a replay', schema: { type: 'string', enum: ['true'] } },
      },
    },
    problems: {
      400: [...COMMON_INVALID, 'input.invalid', 'document.empty', 'document.type_not_accepted', 'document.unreadable', 'document.unknown_engagement', 'document.too_many'],
      403: ['access.not_a_party'],
      404: ['request.not_found', MALFORMED_ID],
      409: ['idempotency.key_reused'],
      412: ['command.stale_version'],
      413: ['request.too_large'],
      415: ['request.unsupported_media_type'],
    },
  })
  async attach(@CurrentActor() actor: Actor, @Param('id', requestId) id: string, @ParsedQuery() q: QueryValues<typeof UPLOAD_QUERY>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!q.fileName) throw new ValidationError('input.invalid', 'The file name is required: ?fileName=', [{ path: '/query/fileName', message: 'is required' }]);
    if (!Buffer.isBuffer(req.body)) throw new UnsupportedMediaTypeException("The body must be the file's bytes (for example Content-Type: application/octet-stream), not JSON");
    // Stored (once, by its SHA-256) before the command checks the case and the actor.
    const stored = await this.documents.files.put(req.body);
    const meta = { fileName: q.fileName, title: q.title ?? null, engagementId: q.engagementId ?? null };
    const ctx = contextFrom(actor, req.headers, { path: req.path, body: { sha256: stored.sha256, ...meta } });
    return answerCommand(res, await this.documents.attach(id, stored, meta, this.clock().toISOString(), ctx));
  }
}

/** The documents of cases, over HTTP. */
@Module({})
export class CaseDocumentsHttpModule {
  static forRoot(services: CaseDocumentsServices): DynamicModule {
    return { module: CaseDocumentsHttpModule, controllers: [CaseDocumentsController], providers: [{ provide: CaseDocuments, useValue: services.documents }] };
  }
}

/** The upload route whose body is a file's bytes (for `guardRequests`). */
export function caseDocumentUploadRoutes(services: Pick<CaseDocumentsServices, 'maxDocumentBytes'>): UploadRoute[] {
  return [{ method: 'POST', path: /^\/requests\/[^/]+\/documents$/, maxBytes: services.maxDocumentBytes }];
}
