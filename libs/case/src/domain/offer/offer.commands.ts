import type { LocalizedText } from '@ta/codelists';
import type { DateWindow, IsoDate, IsoTimestamp } from '../shared/time';

export const PROVIDER_KINDS = ['bilateral', 'multilateral', 'state_authority', 'civil_society', 'academia', 'private_sector'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const MODALITIES = ['remote', 'on_site', 'hybrid'] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * What an offer pledges. Money is an integer number of MINOR units of the currency (cents
 * for USD, yen for JPY, fils for KWD: the currencies codelist gives `minorUnit`), so that
 * committed and remaining amounts are exact integer sums; see `offer.money.ts` to convert from and
 * to decimal strings. In-kind capacity is a whole number of expert-days.
 */
export type Capacity =
  | { readonly kind: 'money'; readonly amount: number; readonly currency: string }
  | { readonly kind: 'expert_days'; readonly days: number };

/** The unit that commitments against an offer are counted in. */
export type CapacityUnit = { readonly kind: 'money'; readonly currency: string } | { readonly kind: 'expert_days' };

/** By a provider (a donor organisation or another State's national authority). */
export interface RegisterOffer {
  readonly type: 'RegisterOffer';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  /** The providing organisation's or national authority's id. */
  readonly providerId: string;
  readonly providerKind: ProviderKind;
  /**
   * The provider's State when it is a national authority (peer assistance between States), from
   * the directory; absent otherwise (and on offers registered before the directory).
   */
  readonly providerCountry?: string;
  readonly taTypes: readonly string[];
  readonly articles: readonly string[];
  /** ISO 3166-1 alpha-2 codes; with `eligibleRegions`, at least one entry in all. */
  readonly eligibleCountries: readonly string[];
  /** UN M49 region codes (`001` is the world). */
  readonly eligibleRegions: readonly string[];
  readonly languages: readonly string[];
  readonly modality: Modality;
  readonly capacity: Capacity;
  /** Dates within which the assistance can start, inclusive. */
  readonly availability: DateWindow;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
}

/**
 * By the engagement-flow process manager, when an engagement is agreed. `amount` is in the
 * offer's unit (minor units of its currency, or expert-days). Idempotent per engagement.
 */
export interface CommitCapacity {
  readonly type: 'CommitCapacity';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  readonly engagementId: string;
  readonly amount: number;
}

/** By the engagement-flow process manager, when a committed engagement is cancelled. Idempotent. */
export interface ReleaseCapacity {
  readonly type: 'ReleaseCapacity';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  readonly engagementId: string;
}

/** By the provider: no new commitments; existing ones are honoured. */
export interface WithdrawOffer {
  readonly type: 'WithdrawOffer';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By a scheduler, once the availability window has ended. */
export interface ExpireOffer {
  readonly type: 'ExpireOffer';
  readonly offerId: string;
  readonly at: IsoTimestamp;
}

/**
 * By the provider, before the offer expires: the availability window ends later, on `to`.
 * The offer expiry scheduler follows the new end.
 */
export interface ExtendOffer {
  readonly type: 'ExtendOffer';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  readonly to: IsoDate;
}

/**
 * By the provider: a new amount (in the offer's unit: the same currency, or expert-days) and/or
 * new eligible countries and regions, e.g. when its IATI activity changed. Texts, dates and
 * articles are not amended. Refused when the new amount is below what is already committed.
 */
export interface AmendOffer {
  readonly type: 'AmendOffer';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  readonly capacity?: Capacity;
  readonly eligibleCountries?: readonly string[];
  readonly eligibleRegions?: readonly string[];
}

/** A translation of one of the offer's texts: by the Secretariat or the offer's provider. */
export interface TranslateOfferText {
  readonly type: 'TranslateOfferText';
  readonly offerId: string;
  readonly at: IsoTimestamp;
  /** The text's path: `title`, `description` or `withdrawalReason`. */
  readonly text: string;
  readonly language: string;
  readonly translation: string;
}

export type OfferCommand = RegisterOffer | CommitCapacity | ReleaseCapacity | WithdrawOffer | ExpireOffer | ExtendOffer | AmendOffer | TranslateOfferText;
