import { fold } from '@ta/core';
import { engagementDecider, requestDecider, type RequestDetails, type RequestEvent } from '../domain';
import { contactPersonOf } from './contact-person';
import { requestAccessFacts } from './request-access-facts';
import { at, engagementProposed, engagementRef, requestSubmitted } from '../../test/access-fixtures';

const submitted = (contactPerson: { name: string; email: string } | null) => requestSubmitted({ restricted: true, contactPerson });
const proposed = (engagementId: string, requestId: string, providerId: string) => engagementProposed(engagementId, providerId, requestId);
const ref = (engagementId: string) => engagementRef(engagementId);

describe('contact person of a request, from its events', () => {
  it('is the one the State gave on submission, whatever happened since', () => {
    const events: RequestEvent[] = [
      submitted({ name: 'Amina Njoroge', email: 'amina@example.go.ke' }),
      { type: 'RequestTriaged', data: { requestId: 'r1', at, articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' } },
      { type: 'RequestWithdrawn', data: { requestId: 'r1', at, reason: 'covered' } },
    ];
    expect(contactPersonOf(events)).toEqual({ name: 'Amina Njoroge', email: 'amina@example.go.ke' });
  });

  it('is null when the State named nobody, or when there is no request', () => {
    expect(contactPersonOf([submitted(null)])).toBeNull();
    expect(contactPersonOf([])).toBeNull();
  });
});

describe('access facts of a request', () => {
  it("take each engagement's provider and current status, and only the request's own engagements", () => {
    const request = fold(requestDecider, [submitted(null)]) as RequestDetails;
    const engagements = [
      fold(engagementDecider, [proposed('e1', 'r1', 'giz'), { type: 'EngagementAgreed', data: { ...ref('e1'), amount: 100, unit: { kind: 'expert_days' } } }]),
      fold(engagementDecider, [proposed('e2', 'r1', 'sida'), { type: 'EngagementCancelled', data: { ...ref('e2'), reason: 'x', previousStatus: 'proposed' } }]),
      fold(engagementDecider, [proposed('e3', 'r2', 'giz')]),
      fold(engagementDecider, []),
    ];
    expect(requestAccessFacts(request, engagements)).toEqual({
      requestId: 'r1',
      country: 'KE',
      restricted: true,
      engagements: [
        { providerId: 'giz', status: 'agreed' },
        { providerId: 'sida', status: 'cancelled' },
      ],
    });
  });
});
