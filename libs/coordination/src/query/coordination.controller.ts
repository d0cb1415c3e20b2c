import { Controller, Get, Inject, Param, UseFilters } from '@nestjs/common';
import { CurrentActor, PathId, type Actor } from '@ta/platform';
import { codelists } from '@ta/codelists';
import { NotFoundError } from '@ta/core';
import { GAPS_LIST, MILESTONES_LIST } from './coordination.queries';
import { OVERLAP_KINDS } from './overlaps.queries';
import { CoordinationReader, listOptions, minPositionOf, pageOptions } from './coordination-reader';
import { ProjectionLagFilter } from './projection-lag.filter';
import { QueryParams, RawQuery, type Query as Q } from './query-params';

/**
 * The coordinated view: summary ("as of" any date), gaps, overlaps, pipeline, coverage, per
 * country, per donor. Every figure is as the verified actor may see it: restricted requests
 * hidden from them are left out (access/request-visibility).
 */
@Controller('coordination')
@UseFilters(ProjectionLagFilter)
export class CoordinationController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  private gapDays(q: QueryParams): number {
    return q.int('olderThanDays', 0, 36500) ?? this.reader.options.gapDays;
  }

  /** Live, or `asOf` a past date: folded from the events recorded up to that date. */
  @Get('summary')
  async summary(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const asOf = q.date('asOf');
    const gapDays = this.gapDays(q);
    const minPosition = minPositionOf(q);
    q.done();
    if (asOf) return this.reader.summaryAsOf(asOf, gapDays, actor);
    await this.reader.consistent(minPosition);
    return { basis: 'live', ...(await this.reader.coordination.summary(new Date(), gapDays, actor)) };
  }

  @Get('gaps')
  async gaps(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const filters = {
      olderThanDays: this.gapDays(q),
      asAt: q.date('asAt') ?? new Date(),
      country: q.code('country', 'countries'),
      article: q.code('article', 'uncac-articles'),
      taType: q.code('taType', 'ta-types'),
      priority: q.code('priority', 'priorities'),
    };
    const options = listOptions(q, GAPS_LIST, 'openedAt');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.gaps(filters, actor, options);
  }

  /** Overlap groups, one page in a fixed order (no `sort`): see docs/read-models.md. */
  @Get('overlaps')
  async overlaps(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const filters = { country: q.code('country', 'countries'), article: q.code('article', 'uncac-articles'), kind: q.oneOf('kind', OVERLAP_KINDS) };
    const page = pageOptions(q);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.overlaps(filters, actor, page);
  }

  @Get('pipeline')
  async pipeline(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const filters = { asAt: q.date('asAt') ?? new Date(), country: q.code('country', 'countries'), donor: q.string('donor') };
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.pipeline(filters, actor);
  }

  @Get('coverage')
  async coverage(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const filters = { country: q.code('country', 'countries'), article: q.code('article', 'uncac-articles'), taType: q.code('taType', 'ta-types') };
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.coverage(filters, actor);
  }

  @Get('countries/:code')
  async country(@Param('code', new PathId('country')) code: string, @RawQuery() query: Q, @CurrentActor() actor: Actor) {
    if (!codelists.has('countries', code)) throw new NotFoundError('coordination.unknown_country', `${code} is not a country of the codelist (ISO 3166-1 alpha-2)`, { country: code });
    const q = new QueryParams(query);
    const asAt = q.date('asAt') ?? new Date();
    const gapDays = this.gapDays(q);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.country(code, asAt, gapDays, actor);
  }

  @Get('donors/:id')
  async donor(@Param('id', new PathId('organisation')) id: string, @RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.donor(id, actor);
  }

  @Get('milestones/overdue')
  async overdue(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    return this.milestones('overdue', query, actor);
  }

  @Get('milestones/disputed')
  async disputed(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    return this.milestones('disputed', query, actor);
  }

  private async milestones(kind: 'overdue' | 'disputed', query: Q, actor: Actor) {
    const q = new QueryParams(query);
    const filters = { asAt: q.date('asAt') ?? new Date(), country: q.code('country', 'countries'), donor: q.string('donor') };
    const options = listOptions(q, MILESTONES_LIST, 'dueDate');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.milestones(kind, filters, actor, options);
  }

  /** Pledged vs committed vs delivered per currency (minor units), expert-days apart. */
  @Get('funding')
  async funding(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const donor = q.string('donor');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return { lines: await this.reader.coordination.funding(donor !== undefined ? { donor } : {}, actor) };
  }
}
