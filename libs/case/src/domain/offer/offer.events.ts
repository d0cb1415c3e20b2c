import type { DomainEvent } from '@ta/core';
import type { LanguageCode, LocalizedText } from '@ta/codelists';
import type { DateWindow, IsoDate, IsoTimestamp } from '../shared/time';
import type { Capacity, CapacityUnit, Modality, ProviderKind } from './offer.commands';

export type OfferRegistered = DomainEvent<
  'OfferRegistered',
  {
    readonly offerId: string;
    readonly at: IsoTimestamp;
    readonly providerId: string;
    readonly providerKind: ProviderKind;
    /** A national authority's State (from the directory); absent on other providers' offers and on offers registered before the directory. */
    readonly providerCountry?: string;
    readonly taTypes: readonly string[];
    readonly articles: readonly string[];
    readonly eligibleCountries: readonly string[];
    readonly eligibleRegions: readonly string[];
    readonly languages: readonly string[];
    readonly modality: Modality;
    readonly capacity: Capacity;
    readonly availability: DateWindow;
    readonly title: LocalizedText;
    readonly description: LocalizedText;
  }
>;

/** `amount` and `remaining` (after this commitment) are in `unit`. */
export type CapacityCommitted = DomainEvent<
  'CapacityCommitted',
  {
    readonly offerId: string;
    readonly engagementId: string;
    readonly at: IsoTimestamp;
    readonly amount: number;
    readonly unit: CapacityUnit;
    readonly remaining: number;
  }
>;

/** `amount` and `remaining` (after this release) are in `unit`. */
export type CapacityReleased = DomainEvent<
  'CapacityReleased',
  {
    readonly offerId: string;
    readonly engagementId: string;
    readonly at: IsoTimestamp;
    readonly amount: number;
    readonly unit: CapacityUnit;
    readonly remaining: number;
  }
>;

export type OfferWithdrawn = DomainEvent<'OfferWithdrawn', { readonly offerId: string; readonly at: IsoTimestamp; readonly reason: string }>;

export type OfferExpired = DomainEvent<'OfferExpired', { readonly offerId: string; readonly at: IsoTimestamp }>;

/** The provider extended the availability window: it now ends on `to` (it ended on `previousTo`). */
export type OfferExtended = DomainEvent<'OfferExtended', { readonly offerId: string; readonly at: IsoTimestamp; readonly previousTo: IsoDate; readonly to: IsoDate }>;

/**
 * The provider amended the offer: only the fields that changed, with their new values (`capacity`
 * in the offer's unit; `remaining` after it, when the capacity changed).
 */
export type OfferAmended = DomainEvent<
  'OfferAmended',
  {
    readonly offerId: string;
    readonly at: IsoTimestamp;
    readonly capacity?: Capacity;
    readonly remaining?: number;
    readonly eligibleCountries?: readonly string[];
    readonly eligibleRegions?: readonly string[];
  }
>;

/** A translation of one of the offer's texts (`text`: its path) into `language`. */
export type OfferTextTranslated = DomainEvent<
  'OfferTextTranslated',
  { readonly offerId: string; readonly at: IsoTimestamp; readonly text: string; readonly language: LanguageCode; readonly translation: string }
>;

export type OfferEvent = OfferRegistered | CapacityCommitted | CapacityReleased | OfferWithdrawn | OfferExpired | OfferExtended | OfferAmended | OfferTextTranslated;

/** Schema version of each offer event's `data`, stored with the event. */
export const offerEventSchemaVersions = {
  OfferRegistered: 1,
  CapacityCommitted: 1,
  CapacityReleased: 1,
  OfferWithdrawn: 1,
  OfferExpired: 1,
  OfferExtended: 1,
  OfferAmended: 1,
  OfferTextTranslated: 1,
} as const satisfies Record<OfferEvent['type'], number>;
