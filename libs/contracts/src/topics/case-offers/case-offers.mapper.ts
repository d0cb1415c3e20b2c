import type { CapacityCommitted, CapacityReleased, OfferEvent as AnyOfferEvent, TextTranslationEventType, offerEventSchemaVersions } from '@ta/case';

/** The offer's published events (translations are not published, see TEXT_TRANSLATION_EVENTS). */
type OfferEvent = Exclude<AnyOfferEvent, { readonly type: TextTranslationEventType }>;
import { assertUnreachable } from '@ta/core';
import { capacityUnit } from '../../mapping/capacity-unit';
import { assertDomainVersion, integrationEvent } from '../../mapping/integration-event';
import type { PublishedDomainEvent, TopicMapper } from '../../mapping/topic-mapper';
import type { CaseOffersEvent } from './case-offers.events';
import { CASE_OFFERS_TOPIC } from './case-offers.topic';

type OfferEventType = OfferEvent['type'];

/** Every domain event type of an offer, the domain schema version its mapping reads and the contract version it is published as. */
const VERSIONS = {
  OfferRegistered: { domainVersion: 1, version: 1 },
  CapacityCommitted: { domainVersion: 1, version: 1 },
  CapacityReleased: { domainVersion: 1, version: 1 },
  OfferWithdrawn: { domainVersion: 1, version: 1 },
  OfferExpired: { domainVersion: 1, version: 1 },
  OfferExtended: { domainVersion: 1, version: 1 },
  OfferAmended: { domainVersion: 1, version: 1 },
} as const satisfies { readonly [T in OfferEventType]: { readonly domainVersion: (typeof offerEventSchemaVersions)[T]; readonly version: number } };

/** The contract type a domain event type is published as, at the version `VERSIONS` names (each type's own, for a union of types). */
type Published<T extends OfferEventType> = T extends OfferEventType
  ? Extract<CaseOffersEvent, { readonly type: T; readonly schemaVersion: (typeof VERSIONS)[T]['version'] }>
  : never;

/** The offer domain event types ta.case.offers publishes, with their versions. */
export const CASE_OFFER_EVENTS: readonly PublishedDomainEvent[] = Object.entries(VERSIONS).map(([type, v]) => ({ type, ...v }));

/**
 * ta.case.offers, keyed by the offer id. Offers are a provider's public pledge, shared by many
 * cases: their events name no request (capacity changes name an engagement id only) and
 * carry no text of any request, so they need no mapping context.
 */
export const caseOffersMapper: TopicMapper = {
  owns: (event) => Object.hasOwn(VERSIONS, event.type),
  map(event) {
    const versions = VERSIONS[event.type as OfferEventType];
    assertDomainVersion(event, versions.domainVersion);
    const e = event as unknown as OfferEvent;
    const value = integrationEvent(event, versions.version, { kind: 'offer', id: e.data.offerId }, data(e));
    return { topic: CASE_OFFERS_TOPIC, key: e.data.offerId, value: value as CaseOffersEvent };
  },
};

/** The `data` of an offer's event, checked against the contract it is published as. */
function published<E extends OfferEvent>(_e: E, data: Published<E['type']>['data']): Published<OfferEventType>['data'] {
  return data;
}

/** Every domain event type of an offer, field by field (a new type fails the type check until it is mapped here). */
function data(e: OfferEvent): Published<OfferEventType>['data'] {
  switch (e.type) {
    case 'OfferRegistered': {
      const d = e.data;
      return published(e, {
        offerId: d.offerId,
        at: d.at,
        providerId: d.providerId,
        providerKind: d.providerKind,
        taTypes: d.taTypes,
        articles: d.articles,
        eligibleCountries: d.eligibleCountries,
        eligibleRegions: d.eligibleRegions,
        languages: d.languages,
        modality: d.modality,
        capacity: d.capacity.kind === 'money' ? { kind: 'money', amount: d.capacity.amount, currency: d.capacity.currency } : { kind: 'expert_days', days: d.capacity.days },
        availability: { from: d.availability.from, to: d.availability.to },
        title: d.title,
        description: d.description,
      });
    }
    case 'CapacityCommitted':
      return published(e, capacityChange(e));
    case 'CapacityReleased':
      return published(e, capacityChange(e));
    case 'OfferWithdrawn':
      return published(e, { offerId: e.data.offerId, at: e.data.at, reason: e.data.reason });
    case 'OfferExpired':
      return published(e, { offerId: e.data.offerId, at: e.data.at });
    case 'OfferExtended':
      return published(e, { offerId: e.data.offerId, at: e.data.at, previousTo: e.data.previousTo, to: e.data.to });
    case 'OfferAmended': {
      const d = e.data;
      return published(e, {
        offerId: d.offerId,
        at: d.at,
        ...(d.capacity ? { capacity: d.capacity.kind === 'money' ? { kind: 'money' as const, amount: d.capacity.amount, currency: d.capacity.currency } : { kind: 'expert_days' as const, days: d.capacity.days } } : {}),
        ...(d.remaining !== undefined ? { remaining: d.remaining } : {}),
        ...(d.eligibleCountries ? { eligibleCountries: d.eligibleCountries } : {}),
        ...(d.eligibleRegions ? { eligibleRegions: d.eligibleRegions } : {}),
      });
    }
    default:
      return assertUnreachable(e, 'no integration mapping for a domain event of an offer');
  }
}

function capacityChange({ data: d }: CapacityCommitted | CapacityReleased) {
  return { offerId: d.offerId, at: d.at, engagementId: d.engagementId, amount: d.amount, unit: capacityUnit(d.unit), remaining: d.remaining };
}
