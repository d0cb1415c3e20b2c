import { Controller, Get, Inject, Param, UseFilters } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor } from '@ta/platform';
import { CurrentActor, MALFORMED_ID, ParsedQuery, PathId, type QueryValues } from '@ta/platform/http';
import { codelists } from '@ta/codelists';
import { NotFoundError, ValidationError } from '@ta/core';
import { caseFilterOf, type CaseFilter } from '../query/conditions';
import { CoordinationReader, listOf, pageOf } from '../query/coordination-reader';
import { ProjectionLagFilter } from './projection-lag.filter';
import {
  COUNTRIES_QUERY,
  COUNTRY_QUERY,
  COVERAGE_QUERY,
  DONOR_QUERY,
  FUNDING_QUERY,
  GAPS_QUERY,
  MILESTONES_QUERY,
  OVERDUE_QUERY,
  NEED_SOURCES_QUERY,
  OVERLAPS_QUERY,
  PIPELINE_QUERY,
  SUMMARY_QUERY,
  TRENDS_QUERY,
} from './query-tables';
import { ReadRoute } from './read-route.decorator';
import type { OverdueAwaiting } from '../rules/overdue.rule';
import { CountriesView, CountryView, CoverageView, DonorView, FundingView, GapsView, MilestonesView, NeedSourcesView, OverlapsView, PipelineView, SummaryView, TrendsView } from './responses/coordination.responses';

/** The routes that take the filter's period (`from`, `to`). */
const PERIOD_PROBLEM = { 400: ['coordination.invalid_period'] };

/**
 * The coordinated view: summary ("as of" any date), gaps, overlaps, pipeline, coverage, per
 * country, per donor. Every figure is as the verified actor may see it: restricted requests
 * hidden from them are left out (access/request-visibility).
 */
@ApiTags('coordination')
@Controller('coordination')
@UseFilters(ProjectionLagFilter)
export class CoordinationController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  /** Live, or as of a past date or log position (`asOf`, `asOfPosition`): the same queries over the read models as they stood then. */
  @Get('summary')
  @ReadRoute({
    summary: 'Counts and funding of the whole record, live or as of a past date or log position',
    query: SUMMARY_QUERY,
    ok: SummaryView,
    problems: PERIOD_PROBLEM,
  })
  async summary(@ParsedQuery() q: QueryValues<typeof SUMMARY_QUERY>, @CurrentActor() actor: Actor) {
    const gapDays = q.olderThanDays ?? this.reader.options.gapDays;
    const filter = filterOf(q);
    const v = await this.reader.view(q);
    return { basis: v.cut ? 'as_of' : 'live', ...(await v.coordination.summary(v.now, gapDays, actor, filter)) };
  }

  @Get('gaps')
  @ReadRoute({ summary: 'Requests open for offers for long without a live engagement, oldest first', query: GAPS_QUERY, problems: PERIOD_PROBLEM, ok: GapsView })
  async gaps(@ParsedQuery() q: QueryValues<typeof GAPS_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    const filters = {
      ...filterOf(q),
      olderThanDays: q.olderThanDays ?? this.reader.options.gapDays,
      asAt: q.asAt ?? v.now,
      priority: q.priority,
      statePriority: q.statePriority,
    };
    return v.coordination.gaps(filters, actor, listOf(q));
  }

  /** Overlap groups, one page in a fixed order (no `sort`): see docs/read-models.md. */
  @Get('overlaps')
  @ReadRoute({ summary: 'Overlapping engagements and offers, as groups, one page in a fixed order (docs/read-models.md, "Overlaps")', query: OVERLAPS_QUERY, problems: PERIOD_PROBLEM, ok: OverlapsView })
  async overlaps(@ParsedQuery() q: QueryValues<typeof OVERLAPS_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return v.coordination.overlaps({ ...filterOf(q), kind: q.kind }, actor, pageOf(q));
  }

  @Get('pipeline')
  @ReadRoute({ summary: 'Counts and ages (days in the current stage) per lifecycle stage of requests and engagements', query: PIPELINE_QUERY, problems: PERIOD_PROBLEM, ok: PipelineView })
  async pipeline(@ParsedQuery() q: QueryValues<typeof PIPELINE_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return v.coordination.pipeline({ ...filterOf(q), asAt: q.asAt ?? v.now }, actor);
  }

  @Get('coverage')
  @ReadRoute({ summary: 'Needs and open offers per UNCAC article x TA type', query: COVERAGE_QUERY, problems: PERIOD_PROBLEM, ok: CoverageView })
  async coverage(@ParsedQuery() q: QueryValues<typeof COVERAGE_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return v.coordination.coverage(filterOf(q), actor);
  }

  @Get('need-sources')
  @ReadRoute({
    summary: 'Requests per need source (self-assessment or country review: kind, review cycle, chapter, article), withdrawn and declined left out',
    query: NEED_SOURCES_QUERY, problems: PERIOD_PROBLEM,
    ok: NeedSourcesView,
  })
  async needSources(@ParsedQuery() q: QueryValues<typeof NEED_SOURCES_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return v.coordination.needSources(
      { ...filterOf(q), sourceKind: q.sourceKind, sourceCycle: q.sourceCycle, sourceChapter: q.sourceChapter, sourceArticle: q.sourceArticle },
      actor,
    );
  }

  /** By calendar quarter: requests submitted, capacity offered, amounts committed and delivered. */
  @Get('trends')
  @ReadRoute({ summary: 'Requests submitted, capacity offered, amounts committed and delivered, by calendar quarter', query: TRENDS_QUERY, problems: PERIOD_PROBLEM, ok: TrendsView })
  async trends(@ParsedQuery() q: QueryValues<typeof TRENDS_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return v.coordination.trends(actor, filterOf(q));
  }

  /** Per country: requests, open needs and gaps (the overview's map). */
  @Get('countries')
  @ReadRoute({ summary: 'Requests, those open for offers and gaps per country, at `asAt`', query: COUNTRIES_QUERY, problems: PERIOD_PROBLEM, ok: CountriesView })
  async countries(@ParsedQuery() q: QueryValues<typeof COUNTRIES_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    const asAt = q.asAt ?? v.now;
    const olderThanDays = q.olderThanDays ?? this.reader.options.gapDays;
    return { asAt: asAt.toISOString(), olderThanDays, items: await v.coordination.countries(asAt, olderThanDays, actor, filterOf(q)) };
  }

  @Get('countries/:code')
  @ApiParam({ name: 'code', required: true, description: 'ISO 3166-1 alpha-2 (codelist countries)', schema: { type: 'string', enum: codelists.list('countries').map((c) => c.code) } })
  @ReadRoute({ summary: "One country's requests, gaps, engagements, funding and overdue milestones", query: COUNTRY_QUERY, ok: CountryView, problems: { 404: ['coordination.unknown_country', MALFORMED_ID] } })
  async country(@Param('code', new PathId('country')) code: string, @ParsedQuery() q: QueryValues<typeof COUNTRY_QUERY>, @CurrentActor() actor: Actor) {
    if (!codelists.has('countries', code)) throw new NotFoundError('coordination.unknown_country', `${code} is not a country of the codelist (ISO 3166-1 alpha-2)`, { country: code });
    const v = await this.reader.view(q);
    return v.coordination.country(code, q.asAt ?? v.now, q.olderThanDays ?? this.reader.options.gapDays, actor);
  }

  @Get('donors/:id')
  @ApiParam({ name: 'id', required: true, description: "A provider's id (its organisation or national authority)", schema: { type: 'string' } })
  @ReadRoute({ summary: "One provider's offers, engagements, funding and countries", query: DONOR_QUERY, ok: DonorView, problems: { 404: ['coordination.donor_not_found', MALFORMED_ID] } })
  async donor(@Param('id', new PathId('organisation')) id: string, @ParsedQuery() q: QueryValues<typeof DONOR_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return v.coordination.donor(id, actor);
  }

  @Get('milestones/overdue')
  @ReadRoute({
    summary: 'Milestones of active engagements not confirmed and due before `asAt`; `awaiting` splits those the provider has not reported from those the State has not confirmed',
    query: OVERDUE_QUERY, problems: PERIOD_PROBLEM,
    ok: MilestonesView,
  })
  async overdue(@ParsedQuery() q: QueryValues<typeof OVERDUE_QUERY>, @CurrentActor() actor: Actor) {
    return this.milestones('overdue', q, actor, q.awaiting);
  }

  @Get('milestones/disputed')
  @ReadRoute({ summary: 'Disputed milestones of active engagements', query: MILESTONES_QUERY, problems: PERIOD_PROBLEM, ok: MilestonesView })
  async disputed(@ParsedQuery() q: QueryValues<typeof MILESTONES_QUERY>, @CurrentActor() actor: Actor) {
    return this.milestones('disputed', q, actor);
  }

  private async milestones(kind: 'overdue' | 'disputed', q: QueryValues<typeof MILESTONES_QUERY>, actor: Actor, awaiting?: OverdueAwaiting) {
    const v = await this.reader.view(q);
    return v.coordination.milestones(kind, { ...filterOf(q), asAt: q.asAt ?? v.now, awaiting }, actor, listOf(q));
  }

  /** Pledged vs committed vs delivered per currency (minor units), expert-days apart. */
  @Get('funding')
  @ReadRoute({ summary: 'Pledged vs committed vs delivered per currency (minor units), expert-days apart', query: FUNDING_QUERY, problems: PERIOD_PROBLEM, ok: FundingView })
  async funding(@ParsedQuery() q: QueryValues<typeof FUNDING_QUERY>, @CurrentActor() actor: Actor) {
    const v = await this.reader.view(q);
    return { lines: await v.coordination.funding(filterOf(q), actor) };
  }
}

/** The filter (`CaseFilter`) of a coordination route's query; a period ending before it starts is refused (400 `coordination.invalid_period`). */
function filterOf(q: Partial<Record<keyof CaseFilter, unknown>>): CaseFilter {
  const f = caseFilterOf(q);
  if (f.from !== undefined && f.to !== undefined && f.to.getTime() <= f.from.getTime()) {
    throw new ValidationError('coordination.invalid_period', 'The period ends before it starts', [{ path: '/query/to', message: 'a date after `from`' }]);
  }
  return f;
}
