import { fold } from '@ta/core';
import { offerDecider } from './offer.decider';
import { isEligible } from './offer.eligibility';
import type { OfferEvent } from './offer.events';

const at = '2025-03-01T09:00:00Z';
const registered: OfferEvent = {
  type: 'OfferRegistered',
  data: {
    offerId: 'off-1',
    at,
    providerId: 'org-1',
    providerKind: 'multilateral',
    taTypes: ['c1-legal-advice'],
    articles: ['art-5'],
    eligibleCountries: ['UA'],
    eligibleRegions: ['014'],
    languages: ['en'],
    modality: 'remote',
    capacity: { kind: 'expert_days', days: 20 },
    availability: { from: '2025-01-01', to: '2025-06-30' },
    title: { en: 'Legal advice' },
    description: { en: 'Remote legal advice.' },
  },
};
const offer = (...more: OfferEvent[]) => fold(offerDecider, [registered, ...more]);

describe('isEligible', () => {
  it('accepts a country named in the offer, or in one of its regions, inside the window, within capacity', () => {
    expect(isEligible(offer(), { country: 'UA', at, amount: 20 })).toEqual([]);
    expect(isEligible(offer(), { country: 'KE', at: '2025-06-30T23:00:00Z', amount: 5 })).toEqual([]);
  });

  it('gives every reason why not', () => {
    const committed: OfferEvent = { type: 'CapacityCommitted', data: { offerId: 'off-1', engagementId: 'e', at, amount: 15, unit: { kind: 'expert_days' }, remaining: 5 } };
    expect(isEligible(offer(committed), { country: 'FR', at: '2025-07-01T00:00:00Z', amount: 6 })).toEqual([
      'country_not_eligible',
      'outside_availability_window',
      'insufficient_capacity',
    ]);
  });

  it('says why a withdrawn, expired or unknown offer cannot serve', () => {
    expect(isEligible(offer({ type: 'OfferWithdrawn', data: { offerId: 'off-1', at, reason: 'r' } }), { country: 'UA', at, amount: 1 })).toEqual(['withdrawn']);
    expect(isEligible(offer({ type: 'OfferExpired', data: { offerId: 'off-1', at } }), { country: 'UA', at, amount: 1 })).toEqual(['expired']);
    expect(isEligible(offerDecider.initialState(), { country: 'UA', at, amount: 1 })).toEqual(['not_found']);
  });
});
