import type { LocalizedText } from '@ta/codelists';
import { ANONYMOUS } from '../access/request-visibility';
import { PUBLIC_OPEN_REQUEST_STATUSES } from '../read-models/statuses';
import { openOfferSql } from '../rules/open-offer.rule';
import { codeList, type Sql } from '../sql';
import { Conditions } from './conditions';
import { listPage, type ListSpec, type Page } from './pagination';
import { offerFilters, requestFilters, type ListOptions } from './read-model.queries';

/** The public view's description of a document's text (from the search documents: the texts as written). */
const DESCRIPTION = (kind: string, id: string) =>
  `(SELECT sd.texts -> 'description' -> 'text' FROM coordination.search_documents sd WHERE sd.doc_id = '${kind}:' || t.${id}) AS description`;

export const PUBLIC_REQUESTS_LIST: ListSpec = {
  from: 'coordination.requests t',
  key: 'request_id',
  sorts: {
    openedAt: { column: 'opened_at', type: 'timestamptz' },
    country: { column: 'country', type: 'text' },
  },
  extra: DESCRIPTION('request', 'request_id'),
};
export const PUBLIC_OFFERS_LIST: ListSpec = {
  from: 'coordination.offers t',
  key: 'offer_id',
  sorts: {
    registeredAt: { column: 'registered_at', type: 'timestamptz' },
    availableFrom: { column: 'available_from', type: 'date' },
  },
  extra: DESCRIPTION('offer', 'offer_id'),
};

export interface PublicRequest {
  readonly requestId: string;
  readonly country: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText | null;
  readonly beneficiaryInstitution: string;
  readonly articles: string[];
  readonly taTypes: string[];
  readonly priority: string | null;
  readonly preferredLanguages: string[];
  readonly desiredFrom: string | null;
  readonly desiredTo: string | null;
  readonly openedAt: string;
}

export interface PublicOffer {
  readonly offerId: string;
  /** The providing organisation or national authority (not a person). */
  readonly providerId: string;
  readonly providerKind: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText | null;
  readonly taTypes: string[];
  readonly articles: string[];
  readonly eligibleCountries: string[];
  readonly eligibleRegions: string[];
  readonly languages: string[];
  readonly modality: string;
  readonly availableFrom: string;
  readonly availableTo: string;
  readonly registeredAt: string;
}

/**
 * The public view of open needs (as the 1540 Committee publishes assistance requests): requests
 * open for offers that are not restricted, and open offers with capacity left, for anyone,
 * without signing in. Each item is built field by field from what may be published: no contact
 * person, no person's name, no actor id (`submittedBy`, who accepted), no amounts, no history.
 */
export class PublicViewQueries {
  constructor(private readonly sql: Sql) {}

  async requests(f: { country?: string; article?: string; taType?: string }, o: ListOptions): Promise<Page<PublicRequest>> {
    const c = requestFilters(new Conditions(), f)
      .add(() => `t.status IN (${codeList(PUBLIC_OPEN_REQUEST_STATUSES)})`)
      .visibleRequests(ANONYMOUS);
    const page = await listPage(this.sql, PUBLIC_REQUESTS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    return {
      ...page,
      items: page.items.map((r) => {
        const j = r.j as Record<string, any>;
        return {
          requestId: j.request_id,
          country: j.country,
          title: j.title,
          description: (r.description as LocalizedText | null) ?? null,
          beneficiaryInstitution: j.beneficiary_institution,
          articles: j.articles,
          taTypes: j.ta_types,
          priority: j.priority ?? null,
          preferredLanguages: j.preferred_languages,
          desiredFrom: j.desired_from ?? null,
          desiredTo: j.desired_to ?? null,
          openedAt: new Date(j.opened_at).toISOString(),
        };
      }),
    };
  }

  async offers(f: { country?: string; article?: string; taType?: string }, o: ListOptions): Promise<Page<PublicOffer>> {
    const c = offerFilters(new Conditions(), f).add(() => openOfferSql('t'));
    const page = await listPage(this.sql, PUBLIC_OFFERS_LIST, c.where, c.params, o.sort, o.cursor, o.limit);
    return {
      ...page,
      items: page.items.map((r) => {
        const j = r.j as Record<string, any>;
        return {
          offerId: j.offer_id,
          providerId: j.provider_id,
          providerKind: j.provider_kind,
          title: j.title,
          description: (r.description as LocalizedText | null) ?? null,
          taTypes: j.ta_types,
          articles: j.articles,
          eligibleCountries: j.eligible_countries,
          eligibleRegions: j.eligible_regions,
          languages: j.languages,
          modality: j.modality,
          availableFrom: j.available_from,
          availableTo: j.available_to,
          registeredAt: new Date(j.registered_at).toISOString(),
        };
      }),
    };
  }
}
