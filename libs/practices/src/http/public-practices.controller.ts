import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ACCEPTED_DOCUMENT_TYPES, type DocumentStore } from '@ta/documents';
import { sendDocument } from '@ta/documents/http';
import { ApiRoute, MALFORMED_ID, ParsedQuery, type QueryValues } from '@ta/platform/http';
import { PracticesQueries } from '../application/practices-queries';
import { PracticeIdPipe, PRACTICES_QUERY, Sha256Pipe } from './practices.controller';
import { PracticePageDto, PracticeViewDto } from './practices.dto';
import { PRACTICES_DOCUMENTS } from './practices-tokens';

const { status: _status, minPosition: _minPosition, ...PUBLIC_QUERY } = PRACTICES_QUERY;

/**
 * Published practices without sign-in, where the deployment turns the public view on
 * (PUBLIC_VIEW); otherwise these routes do not exist. Unpublished practices are never here.
 */
@ApiTags('public')
@Controller('public/practices')
export class PublicPracticesController {
  constructor(
    @Inject(PracticesQueries) private readonly queries: PracticesQueries,
    @Inject(PRACTICES_DOCUMENTS) private readonly documents: DocumentStore,
  ) {}

  @Get()
  @ApiRoute({ public: true, summary: 'Published practices, searched and filtered, without sign-in', query: PUBLIC_QUERY, ok: { description: 'A page of practices', type: PracticePageDto } })
  list(@ParsedQuery() q: QueryValues<typeof PUBLIC_QUERY>) {
    return this.queries.list(q, undefined);
  }

  @Get(':id')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({ public: true, summary: 'A published practice', ok: { description: 'The practice', type: PracticeViewDto }, problems: { 404: ['practice.not_found', MALFORMED_ID] } })
  get(@Param('id', new PracticeIdPipe()) id: string) {
    return this.queries.get(id, undefined);
  }

  @Get(':id/documents/:sha256')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'sha256', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } })
  @ApiRoute({
    public: true,
    summary: "A published practice's document (as an attachment)",
    ok: { description: 'The file, as the type detected from its content', headers: { ETag: { description: 'The SHA-256 of the content', schema: { type: 'string' } } }, contentType: ACCEPTED_DOCUMENT_TYPES.map((t) => t.mediaType), schema: { type: 'string', format: 'binary' } },
    problems: { 404: ['practice.not_found', 'document.not_found', MALFORMED_ID] },
  })
  async download(@Param('id', new PracticeIdPipe()) id: string, @Param('sha256', new Sha256Pipe()) digest: string, @Res() res: Response) {
    await sendDocument(res, await this.queries.document(id, digest, undefined), this.documents);
  }
}
