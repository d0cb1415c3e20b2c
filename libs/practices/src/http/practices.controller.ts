import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UnsupportedMediaTypeException, UseFilters, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NotFoundError, ValidationError } from '@ta/core';
import { codelists, LANGUAGE_CODES, type LanguageCode } from '@ta/codelists';
import type { Actor } from '@ta/platform';
import { ACCEPTED_DOCUMENT_TYPES, type DocumentStore } from '@ta/documents';
import { sendDocument } from '@ta/documents/http';
import { answerCommand, ApiRoute, CLOCK, contextFrom, CurrentActor, MALFORMED_ID, param, ParsedQuery, PathId, type Clock, type QueryValues } from '@ta/platform/http';
import { LessonInvitations } from '../application/lesson-invitations';
import { PracticeCommands } from '../application/practice-commands';
import { contributorOf } from '../application/practices-access';
import { PRACTICES_DOCUMENTS } from './practices-tokens';
import { PracticesQueries } from '../application/practices-queries';
import { PRACTICE_KINDS, PRACTICE_STATUSES, type PracticeCommand, type PracticeKind } from '../domain';
import { PracticesLagFilter } from './practices-lag.filter';
import { PracticeCommandRoute } from './practices-route.decorator';
import { LessonsAwaitingDto, PracticeDigestDto, PracticeListDto, PracticePageDto, PracticeViewDto, SubmitPracticeDto, TranslatePracticeDto, WithdrawPracticeDto } from './practices.dto';

/** A practice id in a path (a UUID): a malformed one is 404 `request.malformed_id`, as everywhere. */
export class PracticeIdPipe extends PathId {
  constructor() {
    super('uuid');
  }
}
export class Sha256Pipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) throw new NotFoundError(MALFORMED_ID, 'No resource has this id: an id here is a SHA-256');
    return value;
  }
}
const practiceId = new PracticeIdPipe();
const sha = new Sha256Pipe();
const codes = (list: Parameters<typeof codelists.list>[0]) => codelists.list(list).map((i) => i.code);

const MIN_POSITION = {
  minPosition: param.integer(0, Number.MAX_SAFE_INTEGER, {
    description: 'Read your own write: the `globalPosition` a command answered with (503 `practices.not_caught_up` with Retry-After if not reached in time)',
  }),
};
const LAG = { 400: ['practices.position_not_issued'], 503: ['practices.not_caught_up'] } as const;
export const PRACTICES_QUERY = {
  q: param.string({ pattern: /^[^\u0000-\u001f]{1,200}$/, noun: 'search text', description: 'Words in any of the six languages: titles, summaries and the documents’ text', example: 'procurement' }),
  kind: param.enum(PRACTICE_KINDS, { example: 'good_practice' }),
  status: param.enum(PRACTICE_STATUSES, { example: 'published' }),
  article: param.enum(codes('uncac-articles'), { list: 'uncac-articles', example: 'art-9' }),
  theme: param.enum(codes('practice-themes'), { list: 'practice-themes', example: 'public-procurement' }),
  region: param.enum(codes('regions'), { list: 'regions', example: '011' }),
  country: param.enum(codes('countries'), { list: 'countries', example: 'SN' }),
  language: param.enum(codes('languages'), { list: 'languages', description: 'Practices with a title in this language (original or translation)', example: 'fr' }),
  engagementId: param.string({ pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, noun: 'engagement id', description: 'Practices that grew out of this engagement', example: '0b8e3c1a-5d2f-4e6a-8b7c-9d0e1f2a3b4c' }),
  limit: param.integer(1, 200, { default: 50, description: 'Practices per page' }),
  offset: param.integer(0, 100_000, { default: 0, description: 'Practices to skip' }),
  ...MIN_POSITION,
};
const CODE_LIST = /^[a-z0-9-]{1,40}(,[a-z0-9-]{1,40}){0,70}$/;
export const RELATED_QUERY = {
  articles: param.string({ pattern: CODE_LIST, noun: 'list of UNCAC article codes', description: 'Comma-separated uncac-articles codes (a request’s articles)', example: 'art-9,art-10' }),
  themes: param.string({ pattern: CODE_LIST, noun: 'list of practice themes', description: 'Comma-separated practice-themes codes', example: 'public-procurement' }),
};
const DIGEST_QUERY = {
  from: param.date({ description: 'The period’s first day (default: a year before `to`)' }),
  to: param.date({ description: 'The day after the period’s last (default: today)' }),
};
const UPLOAD_QUERY = {
  fileName: param.string({ pattern: /^[^\u0000-\u001f\\/]{1,200}$/, noun: 'file name', description: 'The name the file is offered for download under (no path)', example: 'guide.pdf' }),
  language: param.enum(LANGUAGE_CODES, { list: 'languages', description: "The language of the document's text (indexed for search in it)", example: 'fr' }),
};

@ApiTags('practices')
@Controller('practices')
@UseFilters(PracticesLagFilter)
export class PracticesController {
  constructor(
    @Inject(PracticeCommands) private readonly commands: PracticeCommands,
    @Inject(PracticesQueries) private readonly queries: PracticesQueries,
    @Inject(PRACTICES_DOCUMENTS) private readonly documents: DocumentStore,
    @Inject(LessonInvitations) private readonly lessons: LessonInvitations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async send(actor: Actor, req: Request, res: Response, body: unknown, command: PracticeCommand): Promise<ReturnType<typeof answerCommand>> {
    return answerCommand(res, await this.commands.execute(command, contextFrom(actor, req.headers, { path: req.path, body })));
  }

  private now(): string {
    return this.clock().toISOString();
  }

  @Get()
  @ApiRoute({ summary: 'The library of practices, searched and filtered (published ones; your own and, for the Secretariat, all unpublished ones too)', query: PRACTICES_QUERY, ok: { description: 'A page of practices', type: PracticePageDto }, problems: LAG, retryAfter: [503] })
  async list(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof PRACTICES_QUERY>) {
    await this.queries.consistent(q.minPosition);
    return this.queries.list(q, actor);
  }

  @Get('related')
  @ApiRoute({ summary: 'Published practices related to a request: sharing its UNCAC articles or themes, most shared first', query: RELATED_QUERY, ok: { description: 'At most 10 practices', type: PracticeListDto } })
  async related(@ParsedQuery() q: QueryValues<typeof RELATED_QUERY>) {
    const split = (s: string | undefined) => (s ? s.split(',') : []);
    return { items: await this.queries.related(split(q.articles), split(q.themes)) };
  }

  @Get('digest')
  @ApiRoute({
    summary: "For the working group: the practices collected in a period, by theme, UNCAC article and kind, and those published (as the reader may see them)",
    query: DIGEST_QUERY,
    ok: { description: 'Counts and the practices published', type: PracticeDigestDto },
    problems: { 400: ['input.invalid'] },
  })
  async digest(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof DIGEST_QUERY>) {
    const to = q.to ?? this.clock();
    const from = q.from ?? new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
    if (from >= to) throw new ValidationError('input.invalid', '`from` must be before `to`', [{ path: '/query/from', message: 'must be before to' }]);
    return this.queries.digest(from, to, actor);
  }

  @Get('lessons/awaiting')
  @ApiRoute({
    summary:
      "The lessons awaiting the reader (its work queue): a State's or a provider's delivered engagements for which it has neither recorded a lesson nor dismissed the step; for the Secretariat, the lessons recorded and not yet published",
    query: MIN_POSITION,
    ok: { description: 'The steps awaiting the reader', type: LessonsAwaitingDto },
    problems: LAG,
    retryAfter: [503],
  })
  async lessonsAwaiting(@CurrentActor() actor: Actor, @ParsedQuery() q: QueryValues<typeof MIN_POSITION>) {
    await this.queries.consistent(q.minPosition);
    return this.lessons.awaiting(actor);
  }

  @Post('lessons/:id/dismiss')
  @HttpCode(200)
  @PracticeCommandRoute({
    command: 'DismissLessonInvitation',
    summary: 'A party of a delivered engagement (its provider or the recipient State) dismisses the step "record a lesson" (it has none to record); `id` is the engagement',
    notFound: ['practice.engagement_not_found'],
    conflicts: ['practice.engagement_not_delivered'],
  })
  async dismissLesson(@CurrentActor() actor: Actor, @Param('id', practiceId) engagementId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return answerCommand(res, await this.lessons.dismiss(engagementId, this.now(), contextFrom(actor, req.headers, { path: req.path, body: {} })));
  }

  @Get(':id')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({ summary: 'A practice with its translations and documents', query: MIN_POSITION, ok: { description: 'The practice', type: PracticeViewDto, headers: { ETag: { description: "The practice stream's version", schema: { type: 'string', example: '"3"' } } } }, problems: { ...LAG, 404: ['practice.not_found', MALFORMED_ID] }, retryAfter: [503] })
  async get(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @ParsedQuery() q: QueryValues<typeof MIN_POSITION>, @Res({ passthrough: true }) res: Response) {
    await this.queries.consistent(q.minPosition);
    const view = await this.queries.get(id, actor);
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/documents/:sha256')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'sha256', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } })
  @ApiRoute({
    summary: "Download a practice's document (as an attachment, never rendered in the platform's origin)",
    ok: { description: 'The file, as the type detected from its content', headers: { ETag: { description: 'The SHA-256 of the content', schema: { type: 'string' } } }, contentType: ACCEPTED_DOCUMENT_TYPES.map((t) => t.mediaType), schema: { type: 'string', format: 'binary' } },
    problems: { 404: ['practice.not_found', 'document.not_found', MALFORMED_ID] },
  })
  async download(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @Param('sha256', sha) digest: string, @Res() res: Response) {
    await sendDocument(res, await this.queries.document(id, digest, actor), this.documents);
  }

  @Post()
  @PracticeCommandRoute({ command: 'SubmitPractice', created: true, summary: 'Submit a practice, a regulation model, a methodology, a curriculum or a lesson learned (a State for itself, an organisation for itself, or the Secretariat)', invalid: ['codelist.unknown_code'] })
  async submit(@CurrentActor() actor: Actor, @Body() dto: SubmitPracticeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const r = await this.send(actor, req, res, dto, {
      type: 'SubmitPractice',
      practiceId: randomUUID(),
      at: this.now(),
      kind: dto.kind as PracticeKind,
      title: { ...dto.title },
      summary: { ...dto.summary },
      articles: dto.articles,
      themes: dto.themes,
      countries: dto.countries,
      engagementIds: dto.engagementIds ?? [],
      contributor: contributorOf(actor),
    });
    res.status(201).setHeader('Location', `/practices/${r.id}`);
    return r;
  }

  @Post(':id/translations')
  @HttpCode(200)
  @PracticeCommandRoute({ command: 'TranslatePractice', summary: 'Add (or improve) the title and summary in another language', conflicts: ['practice.withdrawn', 'practice.original_language'] })
  translate(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @Body() dto: TranslatePracticeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, { type: 'TranslatePractice', practiceId: id, at: this.now(), language: dto.language as LanguageCode, title: dto.title, summary: dto.summary });
  }

  @Post(':id/review')
  @HttpCode(200)
  @PracticeCommandRoute({ command: 'StartPracticeReview', summary: 'The Secretariat takes a submitted practice under review', conflicts: ['practice.withdrawn', 'practice.not_submitted'] })
  review(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, {}, { type: 'StartPracticeReview', practiceId: id, at: this.now() });
  }

  @Post(':id/publish')
  @HttpCode(200)
  @PracticeCommandRoute({ command: 'PublishPractice', summary: 'The Secretariat publishes a practice: every reader sees it (and the public, where the deployment shows it)', conflicts: ['practice.withdrawn'] })
  publish(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, {}, { type: 'PublishPractice', practiceId: id, at: this.now() });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @PracticeCommandRoute({ command: 'WithdrawPractice', summary: 'Withdraw a practice, with a reason (its contributor or the Secretariat)', invalid: ['input.reason_required'], conflicts: ['practice.withdrawn'] })
  withdraw(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @Body() dto: WithdrawPracticeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.send(actor, req, res, dto, { type: 'WithdrawPractice', practiceId: id, at: this.now(), reason: dto.reason });
  }

  @Post(':id/documents')
  @HttpCode(200)
  @ApiConsumes('application/octet-stream')
  @ApiBody({ description: "The file's bytes (PDF, Word, OpenDocument text, spreadsheet, slides, PNG, JPEG or WebP; the type comes from the content)", required: true, schema: { type: 'string', format: 'binary' } })
  @PracticeCommandRoute({
    command: 'AttachPracticeDocument',
    summary: 'Attach a document to a practice (its contributor or the Secretariat); stored once by its SHA-256, its text indexed for search',
    invalid: ['document.empty', 'document.type_not_accepted', 'document.unreadable'],
    conflicts: ['practice.withdrawn', 'practice.too_many_documents'],
    query: UPLOAD_QUERY,
  })
  async attach(@CurrentActor() actor: Actor, @Param('id', practiceId) id: string, @ParsedQuery() q: QueryValues<typeof UPLOAD_QUERY>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!q.fileName) throw new ValidationError('input.invalid', 'The file name is required: ?fileName=', [{ path: '/query/fileName', message: 'is required' }]);
    if (!Buffer.isBuffer(req.body)) throw new UnsupportedMediaTypeException("The body must be the file's bytes (for example Content-Type: application/octet-stream), not JSON");
    const content = req.body;
    // The bytes are stored (once, by their SHA-256) before the command checks the practice and
    // the actor: a refused command leaves a file no event attaches, which is never served.
    const stored = await this.documents.put(content);
    const document = { sha256: stored.sha256, fileName: q.fileName, mediaType: stored.mediaType, size: stored.size, language: q.language ?? null };
    return this.send(actor, req, res, { ...document }, { type: 'AttachPracticeDocument', practiceId: id, at: this.now(), document });
  }
}
