import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { caseFilterOf, CoordinationReader } from '@ta/coordination';
import {
  COUNTRIES_QUERY,
  COVERAGE_QUERY,
  DONOR_QUERY,
  ENGAGEMENTS_QUERY,
  FUNDING_QUERY,
  GAPS_QUERY,
  MILESTONES_QUERY,
  NEED_SOURCES_QUERY,
  OFFERS_QUERY,
  OVERDUE_QUERY,
  OVERLAPS_QUERY,
  PIPELINE_QUERY,
  REQUESTS_QUERY,
  TRENDS_QUERY,
  ProjectionLagFilter,
} from '@ta/coordination/http';
import { type Actor } from '@ta/platform';
import { ApiRoute, CurrentActor, MALFORMED_ID, ParsedQuery, PathId, problems, type ProblemTable, type QueryTable, type QueryValues } from '@ta/platform/http';
import { writeCsv } from '../exports/csv-writer';
import type { ExportTable } from '../exports/table';
import { viewTables } from '../exports/view-tables';
import { writeXlsx } from '../exports/xlsx-writer';
import { exportQuery, labelsLanguage, type ExportFormat } from './export-query';

const Q = {
  requests: exportQuery(REQUESTS_QUERY),
  offers: exportQuery(OFFERS_QUERY),
  engagements: exportQuery(ENGAGEMENTS_QUERY),
  gaps: exportQuery(GAPS_QUERY),
  overdue: exportQuery(OVERDUE_QUERY),
  disputed: exportQuery(MILESTONES_QUERY),
  overlaps: exportQuery(OVERLAPS_QUERY),
  pipeline: exportQuery(PIPELINE_QUERY),
  coverage: exportQuery(COVERAGE_QUERY),
  needSources: exportQuery(NEED_SOURCES_QUERY),
  trends: exportQuery(TRENDS_QUERY),
  countries: exportQuery(COUNTRIES_QUERY),
  funding: exportQuery(FUNDING_QUERY),
  donor: exportQuery(DONOR_QUERY),
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** One export route: the view's filters, its access rules, a file in the asked format. */
function ExportRoute(view: string, query: QueryTable, extra: ProblemTable = {}): MethodDecorator {
  return ApiRoute({
    summary: `The ${view} view as a file (CSV or XLSX), with the view's filters and access rules, every row (streamed)`,
    query,
    invalidQueryCode: 'coordination.invalid_query',
    ok: {
      description: `CSV (RFC 4180, UTF-8 with a byte order mark) or XLSX; labels in \`lang\`. Header X-Export-View: ${view}`,
      contentType: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      schema: { type: 'string' },
    },
    problems: problems(
      'minPosition' in query ? { 400: ['coordination.position_not_issued'], 503: ['coordination.not_caught_up', 'coordination.not_settled'] } : {},
      'asOfPosition' in query ? { 400: ['coordination.as_of_in_future', 'coordination.as_of_position_unknown'] } : {},
      extra,
    ),
    retryAfter: [503],
  });
}

/**
 * Exports of every list and view (issue 19, item 3): `GET /exports/<view>` takes the view's own
 * query (less `limit` and `cursor`: every row) plus `format` and `lang`. The rows come from the
 * view's own queries with the caller as viewer, so an export shows exactly what the view shows
 * them; lists are read in keyset pages and written as they come (docs/reports.md).
 */
@ApiTags('exports')
@Controller('exports')
@UseFilters(ProjectionLagFilter)
export class ExportsController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get('requests')
  @ExportRoute('requests', Q.requests)
  async requests(@ParsedQuery() q: QueryValues<typeof Q.requests>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, sort, minPosition, settled, asOf, asOfPosition, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.requests(v, filters, actor, { sort }), format, labelsLanguage(lang, req), res);
  }

  @Get('offers')
  @ExportRoute('offers', Q.offers)
  async offers(@ParsedQuery() q: QueryValues<typeof Q.offers>, @Req() req: Request, @Res() res: Response) {
    const { format, lang, sort, minPosition, settled, asOf, asOfPosition, withCapacity, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.offers(v, { ...filters, withCapacity: withCapacity === true }, { sort }), format, labelsLanguage(lang, req), res);
  }

  @Get('engagements')
  @ExportRoute('engagements', Q.engagements)
  async engagements(@ParsedQuery() q: QueryValues<typeof Q.engagements>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, sort, minPosition, settled, asOf, asOfPosition, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.engagements(v, filters, actor, { sort }), format, labelsLanguage(lang, req), res);
  }

  @Get('gaps')
  @ExportRoute('gaps', Q.gaps)
  async gaps(@ParsedQuery() q: QueryValues<typeof Q.gaps>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, sort, minPosition, settled, asOf, asOfPosition, olderThanDays, asAt, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    const f = { ...filters, olderThanDays: olderThanDays ?? this.reader.options.gapDays, asAt: asAt ?? v.now };
    await send(viewTables.gaps(v, f, actor, { sort }), format, labelsLanguage(lang, req), res);
  }

  @Get('milestones/overdue')
  @ExportRoute('overdue milestones', Q.overdue)
  async overdue(@ParsedQuery() q: QueryValues<typeof Q.overdue>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, sort, minPosition, settled, asOf, asOfPosition, asAt, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.milestones(v, 'overdue', { ...filters, asAt: asAt ?? v.now }, actor, { sort }), format, labelsLanguage(lang, req), res);
  }

  @Get('milestones/disputed')
  @ExportRoute('disputed milestones', Q.disputed)
  async disputed(@ParsedQuery() q: QueryValues<typeof Q.disputed>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, sort, minPosition, settled, asOf, asOfPosition, asAt, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.milestones(v, 'disputed', { ...filters, asAt: asAt ?? v.now }, actor, { sort }), format, labelsLanguage(lang, req), res);
  }

  @Get('overlaps')
  @ExportRoute('overlaps', Q.overlaps)
  async overlaps(@ParsedQuery() q: QueryValues<typeof Q.overlaps>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, minPosition, settled, asOf, asOfPosition, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.overlaps(v, filters, actor), format, labelsLanguage(lang, req), res);
  }

  @Get('pipeline')
  @ExportRoute('pipeline', Q.pipeline)
  async pipeline(@ParsedQuery() q: QueryValues<typeof Q.pipeline>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, minPosition, settled, asOf, asOfPosition, asAt, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.pipeline(v, { ...filters, asAt: asAt ?? v.now }, actor), format, labelsLanguage(lang, req), res);
  }

  @Get('coverage')
  @ExportRoute('coverage', Q.coverage)
  async coverage(@ParsedQuery() q: QueryValues<typeof Q.coverage>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, minPosition, settled, asOf, asOfPosition, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.coverage(v, filters, actor), format, labelsLanguage(lang, req), res);
  }

  @Get('need-sources')
  @ExportRoute('need sources', Q.needSources)
  async needSources(@ParsedQuery() q: QueryValues<typeof Q.needSources>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const { format, lang, minPosition, settled, asOf, asOfPosition, ...filters } = q;
    const v = await this.reader.view({ minPosition, settled, asOf, asOfPosition });
    await send(viewTables.needSources(v, filters, actor), format, labelsLanguage(lang, req), res);
  }

  @Get('trends')
  @ExportRoute('trends (funding by quarter)', Q.trends)
  async trends(@ParsedQuery() q: QueryValues<typeof Q.trends>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const v = await this.reader.view(q);
    await send(viewTables.trends(v, actor, caseFilterOf(q)), q.format, labelsLanguage(q.lang, req), res);
  }

  @Get('trends/requests')
  @ExportRoute('trends (requests by quarter)', Q.trends)
  async trendRequests(@ParsedQuery() q: QueryValues<typeof Q.trends>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const v = await this.reader.view(q);
    await send(viewTables.trendRequests(v, actor, caseFilterOf(q)), q.format, labelsLanguage(q.lang, req), res);
  }

  @Get('countries')
  @ExportRoute('countries', Q.countries)
  async countries(@ParsedQuery() q: QueryValues<typeof Q.countries>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const v = await this.reader.view(q);
    await send(viewTables.countries(v, q.asAt ?? v.now, q.olderThanDays ?? this.reader.options.gapDays, actor, caseFilterOf(q)), q.format, labelsLanguage(q.lang, req), res);
  }

  @Get('funding')
  @ExportRoute('funding', Q.funding)
  async funding(@ParsedQuery() q: QueryValues<typeof Q.funding>, @CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response) {
    const v = await this.reader.view(q);
    await send(viewTables.funding(v, caseFilterOf(q), actor), q.format, labelsLanguage(q.lang, req), res);
  }

  @Get('donors/:id/countries')
  @ApiParam({ name: 'id', required: true, description: "A provider's id (its organisation or national authority)", schema: { type: 'string' } })
  @ExportRoute("a donor's countries", Q.donor, { 404: ['coordination.donor_not_found', MALFORMED_ID] })
  async donorCountries(
    @Param('id', new PathId('organisation')) id: string,
    @ParsedQuery() q: QueryValues<typeof Q.donor>,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const v = await this.reader.view(q);
    await send(viewTables.donorCountries(v, id, actor), q.format, labelsLanguage(q.lang, req), res);
  }
}

/**
 * Writes the table to the response. The first page is read before anything is sent, so that
 * a refusal (an unknown donor, a bad cursor...) is still a problem details answer; an error
 * after that ends the response abruptly (the client sees a truncated download, not a file
 * that looks whole).
 */
export async function send<R>(table: ExportTable<R>, format: ExportFormat, lang: Parameters<typeof writeCsv>[1], res: Response): Promise<void> {
  const pages = table.rows[Symbol.asyncIterator]();
  const first = await pages.next();
  const rows: AsyncIterable<readonly R[]> = {
    async *[Symbol.asyncIterator]() {
      if (!first.done) yield first.value;
      for (;;) {
        const next = await pages.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
  const day = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${table.name}-${day}.${format}"`);
  res.setHeader('Content-Language', lang);
  res.setHeader('Cache-Control', 'no-store');
  try {
    if (format === 'csv') await writeCsv({ ...table, rows }, lang, res);
    else await writeXlsx({ ...table, rows }, lang, res);
    res.end();
  } catch (e) {
    res.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}
