import { requestEventSchemaVersions } from './request.events';
import { upcastRequestEvent } from './request.upcast';

const v1Data = {
  requestId: 'r1',
  at: '2024-05-01T10:00:00Z',
  country: 'KE',
  title: { en: 'T' },
  description: { en: 'D' },
  suggestedArticles: ['art-9'],
  suggestedTaTypes: [],
  beneficiaryInstitution: 'PPRA',
  preferredLanguages: ['en'],
  desiredWindow: null,
  restricted: false,
  contactPerson: null,
};

describe('request events as stored at older schema versions', () => {
  it('RequestSubmitted v1 with a findingRef reads as v2 with one cited-finding source and no State priority', () => {
    const e = upcastRequestEvent({ type: 'RequestSubmitted', schemaVersion: 1, data: { ...v1Data, findingRef: { reviewCycle: 1, reference: 'Checklist, art. 9 para 1' } } });
    expect(e).toEqual({
      type: 'RequestSubmitted',
      data: { ...v1Data, sources: [{ kind: 'cited-finding', cycle: 1, reference: 'Checklist, art. 9 para 1' }], statePriority: null },
    });
  });

  it('RequestSubmitted v1 without a finding reads with no source', () => {
    const e = upcastRequestEvent({ type: 'RequestSubmitted', schemaVersion: 1, data: { ...v1Data, findingRef: null } });
    expect(e?.data).toMatchObject({ sources: [], statePriority: null });
    expect(e?.data).not.toHaveProperty('findingRef');
  });

  it('an event at the current version is read as it is', () => {
    const data = { ...v1Data, sources: [], statePriority: 'high' };
    expect(requestEventSchemaVersions.RequestSubmitted).toBe(2);
    expect(upcastRequestEvent({ type: 'RequestSubmitted', schemaVersion: 2, data })).toEqual({ type: 'RequestSubmitted', data });
    expect(upcastRequestEvent({ type: 'RequestClosed', schemaVersion: 1, data: { requestId: 'r1', at: v1Data.at } })?.type).toBe('RequestClosed');
  });

  it('an unknown version or type is not read (null)', () => {
    expect(upcastRequestEvent({ type: 'RequestSubmitted', schemaVersion: 3, data: v1Data })).toBeNull();
    expect(upcastRequestEvent({ type: 'RequestClosed', schemaVersion: 2, data: {} })).toBeNull();
    expect(upcastRequestEvent({ type: 'OfferRegistered', schemaVersion: 1, data: {} })).toBeNull();
  });
});
