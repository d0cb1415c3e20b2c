import { f, wholeCase } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';
import { rebuildReadModels } from '../../projector/rebuild/rebuild-read-models';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

const engagement = async (id: string) => (await h.rows<Record<string, any>>('SELECT * FROM coordination.engagements WHERE engagement_id = $1', [id]))[0]!;

describe('engagements read model', () => {
  it('follows an engagement from proposal to active, with both acceptances', async () => {
    await h.project(wholeCase(3));
    const row = await engagement('eng-3');
    expect(row).toMatchObject({ status: 'active', request_id: 'req-3', offer_id: 'off-3', provider_id: 'donor-3', country: 'MA', amount: '2500000', unit_kind: 'money', currency: 'USD' });
    expect([...row.accepted_by].sort()).toEqual(['provider', 'state']);
    expect(row.agreed_at).not.toBeNull();
    expect(row.activated_at).not.toBeNull();
  });

  it('a cancelled engagement keeps its reason and when it ended', async () => {
    const ref = { engagementId: 'e-c', requestId: 'r-c', offerId: 'o-c' };
    await h.project([
      f.proposed({ ...ref, at: '2025-03-01T09:00:00Z', days: true, amount: 10 }),
      f.engagementEvent('e-c', { type: 'EngagementCancelled', data: { ...ref, at: '2025-03-02T09:00:00Z', reason: 'insufficient_capacity', previousStatus: 'proposed' } }),
    ]);
    const row = await engagement('e-c');
    expect(row).toMatchObject({ status: 'cancelled', end_reason: 'insufficient_capacity', unit_kind: 'expert_days', currency: null });
    expect(row.status_since.toISOString()).toBe('2025-03-02T09:00:00.000Z');
  });

  it('a completion the State contests makes the engagement active again, with the reason; one it acknowledges makes it acknowledged; a rebuild gives the same row', async () => {
    await h.project(wholeCase(4));
    const ref = { engagementId: 'eng-4', requestId: 'req-4', offerId: 'off-4' };
    await h.project([
      f.engagementEvent('eng-4', { type: 'EngagementCompleted', data: { ...ref, at: '2025-07-01T09:00:00Z' } }, 'donor'),
      f.engagementEvent('eng-4', { type: 'CompletionContested', data: { ...ref, at: '2025-07-02T09:00:00Z', reason: 'Final report missing' } }, 'state'),
    ]);
    expect(await engagement('eng-4')).toMatchObject({ status: 'active', contest_reason: 'Final report missing', acknowledged_at: null });
    expect((await engagement('eng-4')).contested_at.toISOString()).toBe('2025-07-02T09:00:00.000Z');
    await h.project([
      f.engagementEvent('eng-4', { type: 'EngagementCompleted', data: { ...ref, at: '2025-07-10T09:00:00Z' } }, 'donor'),
      f.engagementEvent('eng-4', { type: 'CompletionAcknowledged', data: { ...ref, at: '2025-07-11T09:00:00Z' } }, 'state'),
    ]);
    const live = await engagement('eng-4');
    expect(live).toMatchObject({ status: 'acknowledged', contest_reason: 'Final report missing' });
    expect(live.completed_at.toISOString()).toBe('2025-07-10T09:00:00.000Z');
    expect(live.acknowledged_at.toISOString()).toBe('2025-07-11T09:00:00.000Z');
    expect(live.status_since.toISOString()).toBe('2025-07-11T09:00:00.000Z');

    await rebuildReadModels(h.db.pool, h.es.store, h.dataSource, { models: ['engagements'] });
    expect(await engagement('eng-4')).toEqual(live);
  });
});
