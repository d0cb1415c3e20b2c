import { personalDataRead, readsOf, PERSONAL_DATA_READ } from './personal-data-reads';

const read = (at: string, reader: { id: string; role: string; country?: string; organisation?: string }) =>
  personalDataRead({ subject: { kind: 'contact_person', requestId: 'r1' }, reader, route: 'GET /requests/{id}/contact-person', at });

describe('who read personal data', () => {
  it('records the reader, the route and the time, never the data read', () => {
    const e = read('2026-12-07T10:00:00.000Z', { id: 'fp-ke', role: 'state', country: 'KE' });
    expect(e).toEqual({
      type: PERSONAL_DATA_READ,
      data: { subject: { kind: 'contact_person', requestId: 'r1' }, reader: { id: 'fp-ke', role: 'state', country: 'KE' }, route: 'GET /requests/{id}/contact-person', at: '2026-12-07T10:00:00.000Z' },
    });
    expect(JSON.stringify(e)).not.toMatch(/email|name/);
  });

  it('lists the reads newest first, within the retention window', () => {
    const events = [
      { ...read('2026-01-01T00:00:00.000Z', { id: 'officer-1', role: 'secretariat' }), streamPosition: 1 },
      { ...read('2026-06-01T00:00:00.000Z', { id: 'giz-1', role: 'donor', organisation: 'donor-giz' }), streamPosition: 2 },
      { ...read('2026-12-01T00:00:00.000Z', { id: 'fp-ke', role: 'state', country: 'KE' }), streamPosition: 3 },
    ];
    expect(readsOf(events, null).map((r) => [r.sequence, r.reader.id])).toEqual([
      [3, 'fp-ke'],
      [2, 'giz-1'],
      [1, 'officer-1'],
    ]);
    expect(readsOf(events, '2026-05-01T00:00:00.000Z').map((r) => r.sequence)).toEqual([3, 2]);
  });
});
