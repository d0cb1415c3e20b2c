import type { EngagementEvent, RequestEvent } from '../src/domain';

/** Events of a KE request `r1` and its engagements, for the access specs of src/application. */
export const at = '2026-01-01T00:00:00Z';

export function requestSubmitted(options: { restricted: boolean; contactPerson?: { name: string; email: string } | null }): RequestEvent {
  return {
    type: 'RequestSubmitted',
    data: {
      requestId: 'r1',
      at,
      country: 'KE',
      title: { en: 'T' },
      description: { en: 'D' },
      suggestedArticles: ['art-8'],
      suggestedTaTypes: ['c2-capacity-building'],
      beneficiaryInstitution: 'EACC',
      preferredLanguages: ['en'],
      desiredWindow: null,
      sources: [],
      restricted: options.restricted,
      statePriority: 'high',
      contactPerson: options.contactPerson ?? null,
    },
  };
}

export const engagementRef = (engagementId: string, requestId = 'r1') => ({ engagementId, requestId, offerId: 'o1', at });

export function engagementProposed(engagementId: string, providerId: string, requestId = 'r1'): EngagementEvent {
  return {
    type: 'EngagementProposed',
    data: { ...engagementRef(engagementId, requestId), providerId, country: 'KE', amount: 100, unit: { kind: 'expert_days' }, score: 0.5, reasons: [] },
  };
}
