import { writtenLocalized, writtenPlain, type WrittenText } from '../texts/case-texts';
import type { OfferEvent } from './offer.events';

/** The texts an offer event writes. */
export function offerTextsWritten(event: OfferEvent): WrittenText[] {
  switch (event.type) {
    case 'OfferRegistered':
      return [writtenLocalized('title', 'provider', event.data.title), writtenLocalized('description', 'provider', event.data.description)];
    case 'OfferWithdrawn':
      return [writtenPlain('withdrawalReason', 'provider', event.data.reason)];
    default:
      return [];
  }
}
