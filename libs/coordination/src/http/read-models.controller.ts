import { Controller, Get, Header, Inject, Param, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { type Actor } from '@ta/platform';
import { CurrentActor, MALFORMED_ID, ParsedQuery, PathId, VersionETag, type QueryValues } from '@ta/platform/http';
import { CoordinationReader, listOf } from '../query/coordination-reader';
import { ProjectionLagFilter } from './projection-lag.filter';
import { DETAIL_QUERY, ENGAGEMENT_DETAIL_QUERY, ENGAGEMENTS_QUERY, OFFERS_QUERY, REQUESTS_QUERY } from './query-tables';
import { ReadRoute } from './read-route.decorator';
import { readerLanguage } from './reader-language';
import { EngagementDetailView, EngagementPage, OfferDetailView, OfferPage, RequestDetailView, RequestPage } from './responses/read-model.responses';

/** Path ids are UUIDs: a malformed one is 404 `request.malformed_id`, as on the commands. */
const uuid = new PathId('uuid');

@ApiTags('requests (queries)')
@Controller('requests')
@UseFilters(ProjectionLagFilter)
export class RequestsQueryController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  @ReadRoute({ summary: 'Requests, filtered, sorted and paged (restricted ones only for those who may see them)', query: REQUESTS_QUERY, ok: RequestPage })
  async list(@ParsedQuery() q: QueryValues<typeof REQUESTS_QUERY>, @CurrentActor() actor: Actor) {
    const filters = {
      country: q.country,
      region: q.region,
      donor: q.donor,
      article: q.article,
      taType: q.taType,
      status: q.status,
      priority: q.priority,
      statePriority: q.statePriority,
      restricted: q.restricted,
      sourceKind: q.sourceKind,
      sourceCycle: q.sourceCycle,
      sourceChapter: q.sourceChapter,
      sourceArticle: q.sourceArticle,
      submittedFrom: q.submittedFrom,
      submittedTo: q.submittedTo,
    };
    const v = await this.reader.view(q);
    return v.rows.listRequests(filters, actor, listOf(q));
  }

  @Get(':id')
  @UseInterceptors(VersionETag)
  @ReadRoute({
    versioned: true,
    summary: 'A request with its engagements and its history (who did what, when and why)',
    query: DETAIL_QUERY,
    ok: RequestDetailView,
    problems: { 404: ['coordination.request_not_found', MALFORMED_ID] },
  })
  @Header('Vary', 'Accept-Language')
  async detail(@Param('id', uuid) id: string, @ParsedQuery() q: QueryValues<typeof DETAIL_QUERY>, @CurrentActor() actor: Actor, @Req() req: Request) {
    const v = await this.reader.view(q);
    return this.reader.request(id, actor, readerLanguage(q.lang, req), v);
  }
}

@ApiTags('offers (queries)')
@Controller('offers')
@UseFilters(ProjectionLagFilter)
export class OffersQueryController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  @ReadRoute({ summary: 'Offers, filtered, sorted and paged', query: OFFERS_QUERY, ok: OfferPage })
  async list(@ParsedQuery() q: QueryValues<typeof OFFERS_QUERY>) {
    const filters = {
      donor: q.donor,
      country: q.country,
      region: q.region,
      registeredFrom: q.registeredFrom,
      registeredTo: q.registeredTo,
      article: q.article,
      taType: q.taType,
      status: q.status,
      currency: q.currency,
      availableOn: q.availableOn,
      withCapacity: q.withCapacity === true,
    };
    const v = await this.reader.view(q);
    return v.rows.listOffers(filters, listOf(q));
  }

  @Get(':id')
  @UseInterceptors(VersionETag)
  @ReadRoute({
    versioned: true, summary: 'An offer with the engagements on it the actor may see', query: DETAIL_QUERY, ok: OfferDetailView, problems: { 404: ['coordination.offer_not_found', MALFORMED_ID] } })
  @Header('Vary', 'Accept-Language')
  async detail(@Param('id', uuid) id: string, @ParsedQuery() q: QueryValues<typeof DETAIL_QUERY>, @CurrentActor() actor: Actor, @Req() req: Request) {
    const v = await this.reader.view(q);
    return this.reader.offer(id, actor, readerLanguage(q.lang, req), v);
  }
}

@ApiTags('engagements (queries)')
@Controller('engagements')
@UseFilters(ProjectionLagFilter)
export class EngagementsQueryController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  @ReadRoute({ summary: 'Engagements, filtered, sorted and paged (those on hidden restricted requests left out)', query: ENGAGEMENTS_QUERY, ok: EngagementPage })
  async list(@ParsedQuery() q: QueryValues<typeof ENGAGEMENTS_QUERY>, @CurrentActor() actor: Actor) {
    const filters = {
      country: q.country,
      region: q.region,
      donor: q.donor,
      article: q.article,
      taType: q.taType,
      sourceKind: q.sourceKind,
      currency: q.currency,
      committed: q.committed === true,
      status: q.status,
      requestId: q.requestId,
      offerId: q.offerId,
      proposedFrom: q.proposedFrom,
      proposedTo: q.proposedTo,
    };
    const v = await this.reader.view(q);
    return v.rows.listEngagements(filters, actor, listOf(q));
  }

  /** With its milestones; `asAt` (default now) decides which are overdue. */
  @Get(':id')
  @UseInterceptors(VersionETag)
  @ReadRoute({
    versioned: true,
    summary: 'An engagement with its milestones; `asAt` (default now) decides which are overdue',
    query: ENGAGEMENT_DETAIL_QUERY,
    ok: EngagementDetailView,
    problems: { 404: ['coordination.engagement_not_found', MALFORMED_ID] },
  })
  @Header('Vary', 'Accept-Language')
  async detail(@Param('id', uuid) id: string, @ParsedQuery() q: QueryValues<typeof ENGAGEMENT_DETAIL_QUERY>, @CurrentActor() actor: Actor, @Req() req: Request) {
    const v = await this.reader.view(q);
    return this.reader.engagement(id, q.asAt ?? v.now, actor, readerLanguage(q.lang, req), v);
  }
}
