import type { EngagementEvent, OfferEvent, RequestEvent } from '@ta/case';

/** The case context's domain event data by type (type-only: no runtime dependency on @ta/case). */
export type CaseDomainEventFor = { readonly [E in RequestEvent | OfferEvent | EngagementEvent as E['type']]: E['data'] };

/** Domain event types that belong to one request (the case): its own and its engagements' and milestones'. */
export type RequestScopedEventType = RequestEvent['type'] | EngagementEvent['type'];

/** Domain event types of an offer (shared by many cases; they name no request). */
export type OfferEventType = OfferEvent['type'];
