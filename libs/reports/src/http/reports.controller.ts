import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { LANGUAGE_CODES, type LanguageCode } from '@ta/codelists';
import { type Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, IsCalendarDate, MALFORMED_ID, ParsedQuery, param, PathId, type QueryValues } from '@ta/platform/http';
import { CoordinationReader } from '@ta/coordination';
import { labelsLanguage } from './export-query';
import { ReportService, checkParameters, formatPosition, parsePosition, type GeneratedReport } from '../reports/report-service';
import { reportHtml } from '../reports/report-html';
import { htmlToPdf } from '../reports/report-pdf';
import { writeReportXlsx } from '../reports/report-xlsx';

export const REPORT_FORMATS = ['pdf', 'xlsx', 'json'] as const;

export class GenerateReportDto {
  @ApiProperty({ description: 'First day of the period (UTC), included', example: '2025-01-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ description: 'Day after the period (UTC), excluded', example: '2025-07-01' }) @IsCalendarDate() to!: string;
  @ApiPropertyOptional({ description: 'Days open for offers without a live engagement that make a gap (default COORDINATION_GAP_DAYS, 90)', minimum: 0, maximum: 36500 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36500)
  gapDays?: number;
  @ApiPropertyOptional({ description: 'Make the report at this log position (`<commit>:<globalPosition>`, as a report states it) instead of the head: the same data and hash again', example: '1042:1042' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,19}:\d{1,15}$/)
  position?: string;
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'The format the caller will download first (recorded with the event)' }) @IsOptional() @IsIn(REPORT_FORMATS) format?: string;
  @ApiPropertyOptional({ enum: LANGUAGE_CODES }) @IsOptional() @IsIn(LANGUAGE_CODES) lang?: string;
}

export class ReportMadeDto {
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ description: 'The log position the report is made at: `<commit>:<globalPosition>`' }) position!: string;
  @ApiProperty({ type: String, nullable: true, description: 'When the event at that position was recorded' }) positionRecordedAt!: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON of the data' }) sha256!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The report's data (docs/reports.md)" }) data!: Record<string, unknown>;
}

const DOCUMENT_QUERY = {
  format: param.enum(REPORT_FORMATS, { default: 'pdf', description: 'pdf (printed by Chromium), xlsx, or json (the data the hash is of)' }),
  lang: param.enum(LANGUAGE_CODES, { description: "The document's language; without it, the best of Accept-Language, else English" }),
};

const uuid = new PathId('uuid');

function made(r: GeneratedReport) {
  return { reportId: r.reportId, position: formatPosition(r.data.position), positionRecordedAt: r.data.position.recordedAt, sha256: r.sha256, generatedAt: r.generatedAt, data: r.data };
}

/**
 * Report documents (issue 19, item 4): `POST /reports` makes one (folds the log to its head or a
 * given position, records `ReportGenerated`), `GET /reports/:id` renders it as PDF, XLSX or JSON
 * in any of the six languages. The data is what the caller may see (restricted requests hidden
 * from them left out, as in the views).
 */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    @Inject(ReportService) private readonly reports: ReportService,
    @Inject(CoordinationReader) private readonly reader: CoordinationReader,
  ) {}

  @Post()
  @ApiRoute({
    summary: 'Make a report for a period, at the head of the log or at a given position; recorded as a ReportGenerated event',
    description:
      'With `Accept: application/x-ndjson` the answer is a stream of lines: `{"progress":{"eventsRead":n,"target":m}}` while the log is folded, then `{"report":{...}}` (or `{"problem":{...}}`)',
    ok: { status: 201, description: 'The report made: its id, position, hash and data', type: ReportMadeDto, headers: { Location: { description: '/reports/{id}', schema: { type: 'string' } } } },
    problems: { 400: ['request.invalid_body', 'request.malformed_json', 'request.unreadable_body', 'request.too_complex', 'report.invalid_parameters', 'report.position_not_reached'], 413: ['request.too_large'], 415: ['request.unsupported_media_type'] },
  })
  async generate(@Body() dto: GenerateReportDto, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const parameters = checkParameters({ from: dto.from, to: dto.to, gapDays: dto.gapDays ?? this.reader.options.gapDays });
    const input = {
      parameters,
      ...(dto.position ? { position: parsePosition(dto.position) } : {}),
      actor,
      format: dto.format ?? 'pdf',
      lang: dto.lang ?? labelsLanguage(undefined, req),
    };
    if (!String(req.headers.accept ?? '').includes('application/x-ndjson')) {
      const report = await this.reports.generate(input);
      res.status(201).setHeader('Location', `/reports/${report.reportId}`);
      res.json(made(report));
      return;
    }
    // Progress while the log is folded, one line at most every 200 ms, then the report.
    res.status(201).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    let last = 0;
    try {
      const report = await this.reports.generate(input, (p) => {
        if (Date.now() - last < 200) return;
        last = Date.now();
        res.write(`${JSON.stringify({ progress: p })}\n`);
      });
      res.end(`${JSON.stringify({ report: made(report) })}\n`);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      res.end(`${JSON.stringify({ problem: { code: err.code ?? 'report.failed', detail: err.message ?? String(e) } })}\n`);
    }
  }

  @Get(':id')
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', format: 'uuid' } })
  @ApiRoute({
    summary: 'A report made before, as PDF, XLSX or JSON, in any of the six languages (its author or the Secretariat)',
    query: DOCUMENT_QUERY,
    invalidQueryCode: 'report.invalid_query',
    ok: { description: 'The document (application/pdf, the XLSX media type, or JSON)', contentType: 'application/pdf', schema: { type: 'string', format: 'binary' } },
    problems: { 404: ['report.not_found', MALFORMED_ID] },
  })
  async document(@Param('id', uuid) id: string, @ParsedQuery() q: QueryValues<typeof DOCUMENT_QUERY>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const report = await this.reports.get(id, actor);
    const lang: LanguageCode = labelsLanguage(q.lang, req);
    const name = `report-${report.data.parameters.from}-${report.data.parameters.to}-${lang}`;
    res.setHeader('X-Report-Sha256', report.sha256);
    res.setHeader('X-Report-Position', formatPosition(report.data.position));
    res.setHeader('Content-Language', lang);
    if (q.format === 'json') {
      res.json(made(report));
      return;
    }
    if (q.format === 'xlsx') {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
      await writeReportXlsx(report.data, report.sha256, lang, res);
      res.end();
      return;
    }
    const pdf = await htmlToPdf(reportHtml(report.data, report.sha256, lang));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
    res.end(pdf);
  }
}
