import { f, REVIEW_FINDING, wholeCase } from '../../../test/case-fixtures';
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

  it("keeps the sources with the chapter each need falls under, and the State's priority apart from triage's", async () => {
    const selfAssessment = { kind: 'self-assessment', round: '2010-2011', cycle: 1, article: 'art-9', paragraph: null, need: 'Objective criteria' } as const;
    await h.project([f.submitted('r-src', '2025-03-01T09:00:00Z', { sources: [selfAssessment, REVIEW_FINDING], statePriority: 'low' }), f.triaged('r-src', '2025-03-02T09:00:00Z')]);
    expect(await request('r-src')).toMatchObject({
      sources: [{ ...selfAssessment, chapter: 'ch-2' }, { ...REVIEW_FINDING }],
      state_priority: 'low',
      priority: 'high',
    });
  });

  it('reads a submission stored at v1: its finding reference becomes one cited-finding source, no State priority', async () => {
    const v2 = f.submitted('r-v1', '2025-03-01T09:00:00Z');
    const { sources: _s, statePriority: _p, ...rest } = v2.event.data as unknown as Record<string, unknown>;
    await h.project([{ ...v2, schemaVersion: 1, event: { type: 'RequestSubmitted', data: { ...rest, findingRef: { reviewCycle: 1, reference: 'Checklist, art. 9' } } } as never }]);
    expect(await request('r-v1')).toMatchObject({
      status: 'submitted',
      sources: [{ kind: 'cited-finding', cycle: 1, reference: 'Checklist, art. 9', chapter: null }],
      state_priority: null,
    });
  });

  it('follows the State restricting and opening its request', async () => {
    const changed = (restricted: boolean, at: string) =>
      f.requestEvent('r-3', { type: 'RequestAccessChanged', data: { requestId: 'r-3', at, restricted, reason: 'ministry' } }, 'state');
    await h.project([f.submitted('r-3', '2025-04-01T09:00:00Z'), changed(true, '2025-04-02T09:00:00Z')]);
    expect(await request('r-3')).toMatchObject({ restricted: true, status: 'submitted' });
    expect((await request('r-3')).updated_at.toISOString()).toBe('2025-04-02T09:00:00.000Z');
    await h.project([changed(false, '2025-04-03T09:00:00Z')]);
    expect(await request('r-3')).toMatchObject({ restricted: false, status: 'submitted' });
  });
});
