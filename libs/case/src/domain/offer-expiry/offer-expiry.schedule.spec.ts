import type { OfferEvent } from '../offer/offer.events';
import { expiryDueAt, expiryScheduleChange } from './offer-expiry.schedule';

const registered = (to: string): OfferEvent => ({
  type: 'OfferRegistered',
  data: {
    offerId: 'off-1',
    at: '2025-01-10T00:00:00Z',
    providerId: 'org-1',
    providerKind: 'bilateral',
    taTypes: ['c2-capacity-building'],
    articles: ['art-6'],
    eligibleCountries: ['KE'],
    eligibleRegions: [],
    languages: ['en'],
    modality: 'remote',
    capacity: { kind: 'expert_days', days: 10 },
    availability: { from: '2025-01-01', to },
    title: { en: 't' },
    description: { en: 'd' },
  },
});

describe('offer expiry schedule', () => {
  it.each([
    ['2025-12-31', '2026-01-01T00:00:00Z'],
    ['2028-02-28', '2028-02-29T00:00:00Z'],
    ['2027-02-28', '2027-03-01T00:00:00Z'],
  ])('an offer whose window ends on %s is due to expire at %s', (to, due) => {
    expect(expiryDueAt(to)).toBe(due);
  });

  it('schedules a registered offer after its window, and an extended one after the new end', () => {
    expect(expiryScheduleChange(registered('2025-12-31'))).toEqual({ kind: 'schedule', offerId: 'off-1', dueAt: '2026-01-01T00:00:00Z' });
    expect(expiryScheduleChange({ type: 'OfferExtended', data: { offerId: 'off-1', at: '2025-06-01T00:00:00Z', previousTo: '2025-12-31', to: '2026-03-31' } })).toEqual({
      kind: 'schedule',
      offerId: 'off-1',
      dueAt: '2026-04-01T00:00:00Z',
    });
  });

  it('drops a withdrawn or expired offer from the schedule', () => {
    expect(expiryScheduleChange({ type: 'OfferWithdrawn', data: { offerId: 'off-1', at: '2025-06-01T00:00:00Z', reason: 'r' } })).toEqual({ kind: 'unschedule', offerId: 'off-1' });
    expect(expiryScheduleChange({ type: 'OfferExpired', data: { offerId: 'off-1', at: '2026-01-01T00:00:00Z' } })).toEqual({ kind: 'unschedule', offerId: 'off-1' });
  });

  it('ignores other events', () => {
    expect(expiryScheduleChange({ type: 'CapacityCommitted', data: { offerId: 'off-1' } })).toBeNull();
    expect(expiryScheduleChange({ type: 'RequestSubmitted', data: {} })).toBeNull();
  });
});
