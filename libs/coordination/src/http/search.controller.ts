import { Controller, Get, Inject, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor } from '@ta/platform';
import { CurrentActor, ParsedQuery, type QueryValues } from '@ta/platform/http';
import { CoordinationReader, listOf, pageOf } from '../query/coordination-reader';
import type { SearchKind } from '../query/search.queries';
import type { IndexLanguage } from '../read-models/search-documents/search-texts';
import { ProjectionLagFilter } from './projection-lag.filter';
import { PUBLIC_OFFERS_QUERY, PUBLIC_REQUESTS_QUERY, SEARCH_QUERY } from './query-tables';
import { ReadRoute } from './read-route.decorator';
import { PublicOfferPage, PublicRequestPage, SearchPage } from './responses/search.responses';

@ApiTags('search')
@Controller('search')
@UseFilters(ProjectionLagFilter)
export class SearchController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get()
  @ReadRoute({
    summary: 'Full-text search over the requests, offers and engagements the actor may see, in the six languages, ranked',
    description:
      'Restricted requests (and their engagements) are found only by those who may see them, as in the lists; snippets are cut from the hits only. Without `q` (or with blanks only) the page is empty.',
    query: SEARCH_QUERY,
    ok: SearchPage,
  })
  async search(@ParsedQuery() q: QueryValues<typeof SEARCH_QUERY>, @CurrentActor() actor: Actor) {
    await this.reader.consistent(q);
    const filters = {
      kinds: q.kinds === undefined ? undefined : ([...new Set(q.kinds.split(','))] as SearchKind[]),
      country: q.country,
      region: q.region,
      article: q.article,
      taType: q.taType,
      status: q.status,
      priority: q.priority,
      statePriority: q.statePriority,
      sourceKind: q.sourceKind,
      sourceCycle: q.sourceCycle,
      sourceChapter: q.sourceChapter,
      sourceArticle: q.sourceArticle,
      from: q.from,
      to: q.to,
    };
    return this.reader.search.search(q.q ?? '', filters, actor, { ...pageOf(q), ...(q.language ? { language: q.language as IndexLanguage } : {}) });
  }
}

/**
 * The public view of open needs, mounted only when the deployment shows it (`PUBLIC_VIEW`,
 * `publicViewEnabled`): no sign-in, nothing personal.
 */
@ApiTags('public view')
@Controller('public')
export class PublicViewController {
  constructor(@Inject(CoordinationReader) private readonly reader: CoordinationReader) {}

  @Get('requests')
  @ReadRoute({
    public: true,
    summary: 'Open needs: requests open for offers that are not restricted, without sign-in and without personal data',
    query: PUBLIC_REQUESTS_QUERY,
    ok: PublicRequestPage,
  })
  async requests(@ParsedQuery() q: QueryValues<typeof PUBLIC_REQUESTS_QUERY>) {
    return this.reader.publicView.requests({ country: q.country, article: q.article, taType: q.taType }, listOf(q));
  }

  @Get('offers')
  @ReadRoute({ public: true, summary: 'Open offers with capacity left, without sign-in and without amounts or personal data', query: PUBLIC_OFFERS_QUERY, ok: PublicOfferPage })
  async offers(@ParsedQuery() q: QueryValues<typeof PUBLIC_OFFERS_QUERY>) {
    return this.reader.publicView.offers({ country: q.country, article: q.article, taType: q.taType }, listOf(q));
  }
}
