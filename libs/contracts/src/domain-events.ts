import type { EngagementEvent, OfferEvent, RequestEvent } from '@ta/case';

/** The case context's domain event data by type (type-only: no runtime dependency on @ta/case). */
export type CaseDomainEventFor = { readonly [E in RequestEvent | OfferEvent | EngagementEvent as E['type']]: E['data'] };
