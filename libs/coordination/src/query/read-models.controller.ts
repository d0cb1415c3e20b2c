import { Controller, Get, Inject, Param, UseFilters } from '@nestjs/common';
import { CurrentActor, PathId, type Actor } from '@ta/platform';
import { CoordinationReader, listOptions, minPositionOf } from './coordination-reader';
import { ProjectionLagFilter } from './projection-lag.filter';
import { QueryParams, RawQuery, type Query as Q } from './query-params';
import { ENGAGEMENT_STATUSES, ENGAGEMENTS_LIST, OFFER_STATUSES, OFFERS_LIST, REQUEST_STATUSES, REQUESTS_LIST } from './read-model.queries';

/** Path ids are UUIDs: a malformed one is 404 `request.malformed_id`, as on the commands. */
const uuid = new PathId('uuid');

@Controller('requests')
@UseFilters(ProjectionLagFilter)
export class RequestsQueryController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  async list(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const filters = {
      country: q.code('country', 'countries'),
      article: q.code('article', 'uncac-articles'),
      taType: q.code('taType', 'ta-types'),
      status: q.oneOf('status', REQUEST_STATUSES),
      priority: q.code('priority', 'priorities'),
      submittedFrom: q.date('submittedFrom'),
      submittedTo: q.date('submittedTo'),
    };
    const options = listOptions(q, REQUESTS_LIST, '-submittedAt');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.rows.listRequests(filters, actor, options);
  }

  @Get(':id')
  async detail(@Param('id', uuid) id: string, @RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.rows.request(id, actor);
  }
}

@Controller('offers')
@UseFilters(ProjectionLagFilter)
export class OffersQueryController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  async list(@RawQuery() query: Q) {
    const q = new QueryParams(query);
    const filters = {
      donor: q.string('donor'),
      country: q.code('country', 'countries'),
      article: q.code('article', 'uncac-articles'),
      taType: q.code('taType', 'ta-types'),
      status: q.oneOf('status', OFFER_STATUSES),
      currency: q.code('currency', 'currencies'),
      availableOn: q.date('availableOn'),
      withCapacity: q.oneOf('withCapacity', ['true', 'false'] as const) === 'true',
    };
    const options = listOptions(q, OFFERS_LIST, '-registeredAt');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.rows.listOffers(filters, options);
  }

  @Get(':id')
  async detail(@Param('id', uuid) id: string, @RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.rows.offer(id, actor);
  }
}

@Controller('engagements')
@UseFilters(ProjectionLagFilter)
export class EngagementsQueryController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  async list(@RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const filters = {
      country: q.code('country', 'countries'),
      donor: q.string('donor'),
      status: q.oneOf('status', ENGAGEMENT_STATUSES),
      requestId: q.string('requestId'),
      offerId: q.string('offerId'),
      proposedFrom: q.date('proposedFrom'),
      proposedTo: q.date('proposedTo'),
    };
    const options = listOptions(q, ENGAGEMENTS_LIST, '-proposedAt');
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.rows.listEngagements(filters, actor, options);
  }

  /** With its milestones; `asAt` (default now) decides which are overdue. */
  @Get(':id')
  async detail(@Param('id', uuid) id: string, @RawQuery() query: Q, @CurrentActor() actor: Actor) {
    const q = new QueryParams(query);
    const asAt = q.date('asAt') ?? new Date();
    const minPosition = minPositionOf(q);
    q.done();
    await this.reader.consistent(minPosition);
    return this.reader.rows.engagement(id, asAt, actor);
  }
}
