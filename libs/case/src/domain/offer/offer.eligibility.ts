import { isCountryInRegion } from '@ta/codelists';
import { dateOf, isWithin, type IsoTimestamp } from '../shared/time';
import { remainingCapacity, type OfferState } from './offer.state';

/** Why an offer cannot serve a request now; the codes are stable. */
export type OfferIneligibility =
  | 'not_found'
  | 'withdrawn'
  | 'expired'
  | 'country_not_eligible'
  | 'outside_availability_window'
  | 'insufficient_capacity';

export interface EligibilityQuery {
  /** ISO 3166-1 alpha-2 of the requesting State. */
  readonly country: string;
  /** When the engagement would start (its date must be inside the availability window). */
  readonly at: IsoTimestamp;
  /** In the offer's unit (minor units of its currency, or expert-days). */
  readonly amount: number;
}

/** Every reason why the offer cannot take this engagement; empty when it can. Pure. */
export function isEligible(offer: OfferState, query: EligibilityQuery): OfferIneligibility[] {
  if (offer.status === 'empty') return ['not_found'];
  const reasons: OfferIneligibility[] = [];
  if (offer.status === 'withdrawn') reasons.push('withdrawn');
  if (offer.status === 'expired') reasons.push('expired');
  const countryEligible =
    offer.eligibleCountries.includes(query.country) || offer.eligibleRegions.some((region) => isCountryInRegion(query.country, region));
  if (!countryEligible) reasons.push('country_not_eligible');
  if (!isWithin(dateOf(query.at), offer.availability)) reasons.push('outside_availability_window');
  if (remainingCapacity(offer) < query.amount) reasons.push('insufficient_capacity');
  return reasons;
}
