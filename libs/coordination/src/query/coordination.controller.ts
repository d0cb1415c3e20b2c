import { Controller, Get, Headers, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { codelists } from '@ta/codelists';
import { ValidationError } from '@ta/core';
import { GAPS_LIST, MILESTONES_LIST } from './coordination.queries';
import { CoordinationReader, listOptions, minPositionOf, viewerFrom } from './coordination-reader';
import { ProjectionLagFilter } from './projection-lag.filter';
import { QueryParams, type Query as Q } from './query-params';

type Headers = Record<string, string | string[] | undefined>;

/** The coordinated view: summary ("as of" any date), gaps, overlaps, pipeline, coverage, per country, per donor. */
@Controller('coordination')
@UseFilters(ProjectionLagFilter)
export class CoordinationController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  private gapDays(q: QueryParams): number {
    return q.int('olderThanDays', 0, 36500) ?? this.reader.options.gapDays;
  }

  /** Live, or `asOf` a past date: folded from the events recorded up to that date. */
  @Get('summary')
  async summary(@Query() query: Q) {
    const q = new QueryParams(query);
    const asOf = q.date('asOf');
    const gapDays = this.gapDays(q);
    const minPosition = minPositionOf(q);
    q.done();
    if (asOf) return this.reader.summaryAsOf(asOf, gapDays);
    await this.reader.consistent(minPosition);
    return { basis: 'live', ...(await this.reader.coordination.summary(new Date(), gapDays)) };
  }

  @Get('gaps')
  async gaps(@Query() query: Q, @Headers() headers: Headers) {
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
    return this.reader.coordination.gaps(filters, viewerFrom(headers), options);
  }

  @Get('overlaps')
  async overlaps(@Query() query: Q) {
    const q = new QueryParams(query);
    const filters = { country: q.code('country', 'countries'), article: q.code('article', 'uncac-articles'), limit: q.int('limit', 1, 500) ?? 100 };
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.overlaps(filters);
  }

  @Get('pipeline')
  async pipeline(@Query() query: Q) {
    const q = new QueryParams(query);
    const filters = { asAt: q.date('asAt') ?? new Date(), country: q.code('country', 'countries'), donor: q.string('donor') };
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.pipeline(filters);
  }

  @Get('coverage')
  async coverage(@Query() query: Q) {
    const q = new QueryParams(query);
    const filters = { country: q.code('country', 'countries'), article: q.code('article', 'uncac-articles'), taType: q.code('taType', 'ta-types') };
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.coverage(filters);
  }

  @Get('countries/:code')
  async country(@Param('code') code: string, @Query() query: Q) {
    if (!codelists.has('countries', code)) {
      throw new ValidationError('coordination.unknown_country', `${code} is not an ISO 3166-1 alpha-2 code`, [{ path: '/path/code', message: 'unknown country' }]);
    }
    const q = new QueryParams(query);
    const asAt = q.date('asAt') ?? new Date();
    const gapDays = this.gapDays(q);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.country(code, asAt, gapDays);
  }

  @Get('donors/:id')
  async donor(@Param('id') id: string, @Query() query: Q) {
    const q = new QueryParams(query);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.donor(id);
  }

  @Get('milestones/overdue')
  async overdue(@Query() query: Q) {
    return this.milestones('overdue', query);
  }

  @Get('milestones/disputed')
  async disputed(@Query() query: Q) {
    return this.milestones('disputed', query);
  }

  private async milestones(kind: 'overdue' | 'disputed', query: Q) {
    const q = new QueryParams(query);
    const filters = { asAt: q.date('asAt') ?? new Date(), country: q.code('country', 'countries'), donor: q.string('donor') };
    const options = listOptions(q, MILESTONES_LIST, 'dueDate');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.coordination.milestones(kind, filters, options);
  }

  /** Pledged vs committed vs delivered per currency (minor units), expert-days apart. */
  @Get('funding')
  async funding(@Query() query: Q) {
    const q = new QueryParams(query);
    const donor = q.string('donor');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return { lines: await this.reader.coordination.funding(donor !== undefined ? { donor } : {}) };
  }
}
