import { f, wholeCase } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

const request = async (id: string) => (await h.rows<Record<string, any>>('SELECT * FROM coordination.requests WHERE request_id = $1', [id]))[0];

describe('requests read model', () => {
  it('a submitted request is a row with the suggested classification and no personal data', async () => {
    await h.project([f.submitted('r-1', '2025-01-10T09:00:00Z', { country: 'PE', institution: '  Contraloría   General ' })]);
    const row = await request('r-1');
    expect(row).toMatchObject({
      country: 'PE',
      status: 'submitted',
      articles: ['art-8'],
      classified: false,
      institution_key: 'contraloría general',
      submitted_by: 'focal-pe',
      live_engagements: 0,
    });
    expect(JSON.stringify(row)).not.toContain('jane@example.org');
    expect(JSON.stringify(row)).not.toContain('Wanjiru');
  });

  it('triage classifies the request and opens it for offers; the status clock restarts', async () => {
    await h.project([f.triaged('r-1', '2025-01-12T10:00:00Z', ['art-9'], ['c1-legislative-drafting'])]);
    const row = await request('r-1');
    expect(row).toMatchObject({ status: 'open_for_offers', articles: ['art-9'], ta_types: ['c1-legislative-drafting'], classified: true, priority: 'high' });
    expect(row.opened_at.toISOString()).toBe('2025-01-12T10:00:00.000Z');
    expect(row.status_since.toISOString()).toBe('2025-01-12T10:00:00.000Z');
    expect(row.submitted_at.toISOString()).toBe('2025-01-10T09:00:00.000Z');
  });

  it('counts live engagements: proposed adds one, declined or cancelled takes it away', async () => {
    const ref = { requestId: 'r-1', offerId: 'o-x' };
    await h.project([
      f.proposed({ ...ref, engagementId: 'e-1', at: '2025-01-13T10:00:00Z' }),
      f.proposed({ ...ref, engagementId: 'e-2', at: '2025-01-13T11:00:00Z' }),
    ]);
    expect((await request('r-1')).live_engagements).toBe(2);
    await h.project([
      f.engagementEvent('e-1', { type: 'EngagementDeclined', data: { ...ref, engagementId: 'e-1', at: '2025-01-14T10:00:00Z', party: 'state', reason: 'not needed' } }),
    ]);
    expect((await request('r-1')).live_engagements).toBe(1);
  });

  it('a whole case takes the request to delivery, with the matched engagement recorded', async () => {
    await h.project(wholeCase(1));
    expect(await request('req-1')).toMatchObject({ status: 'in_delivery', engagement_ids: ['eng-1'], live_engagements: 1 });
  });

  it('withdrawal ends the request with its reason', async () => {
    await h.project([
      f.submitted('r-2', '2025-02-01T09:00:00Z'),
      f.requestEvent('r-2', { type: 'RequestWithdrawn', data: { requestId: 'r-2', at: '2025-02-03T09:00:00Z', reason: 'funded nationally' } }, 'state'),
    ]);
    const row = await request('r-2');
    expect(row).toMatchObject({ status: 'withdrawn', end_reason: 'funded nationally' });
    expect(row.ended_at.toISOString()).toBe('2025-02-03T09:00:00.000Z');
  });

  it('events for an unknown request change nothing', async () => {
    await h.project([f.triaged('r-unknown', '2025-02-01T09:00:00Z')]);
    expect(await request('r-unknown')).toBeUndefined();
  });
});
