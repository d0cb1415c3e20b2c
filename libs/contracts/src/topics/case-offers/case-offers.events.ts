import type { IntegrationEvent } from '../../envelope';
import type { CapacityUnitV1, Text } from '../case-requests/case-requests.events';

export type CapacityV1 = { readonly kind: 'money'; readonly amount: number; readonly currency: string } | { readonly kind: 'expert_days'; readonly days: number };

interface OfferRef {
  readonly offerId: string;
  readonly at: string;
}

export type OfferRegisteredV1 = IntegrationEvent<
  'OfferRegistered',
  1,
  OfferRef & {
    readonly providerId: string;
    readonly providerKind: string;
    readonly taTypes: readonly string[];
    readonly articles: readonly string[];
    readonly eligibleCountries: readonly string[];
    readonly eligibleRegions: readonly string[];
    readonly languages: readonly string[];
    readonly modality: 'remote' | 'on_site' | 'hybrid';
    readonly capacity: CapacityV1;
    readonly availability: { readonly from: string; readonly to: string };
    readonly title: Text;
    readonly description: Text;
  }
>;
type CapacityChange = OfferRef & { readonly engagementId: string; readonly amount: number; readonly unit: CapacityUnitV1; readonly remaining: number };
export type CapacityCommittedV1 = IntegrationEvent<'CapacityCommitted', 1, CapacityChange>;
export type CapacityReleasedV1 = IntegrationEvent<'CapacityReleased', 1, CapacityChange>;
export type OfferWithdrawnV1 = IntegrationEvent<'OfferWithdrawn', 1, OfferRef & { readonly reason: string }>;
export type OfferExpiredV1 = IntegrationEvent<'OfferExpired', 1, OfferRef>;

/** Every message value on the case-offers topic. */
export type OfferExtendedV1 = IntegrationEvent<'OfferExtended', 1, OfferRef & { readonly previousTo: string; readonly to: string }>;
/** Only the fields that changed. */
export type OfferAmendedV1 = IntegrationEvent<
  'OfferAmended',
  1,
  OfferRef & { readonly capacity?: CapacityV1; readonly remaining?: number; readonly eligibleCountries?: readonly string[]; readonly eligibleRegions?: readonly string[] }
>;
export type CaseOffersEvent = OfferRegisteredV1 | CapacityCommittedV1 | CapacityReleasedV1 | OfferWithdrawnV1 | OfferExpiredV1 | OfferExtendedV1 | OfferAmendedV1;
