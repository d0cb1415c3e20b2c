import { wholeCase } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

describe('milestones read model', () => {
  it('tracks each milestone: confirmed, disputed with its reason, rescheduled with its original due date', async () => {
    await h.project(wholeCase(4));
    const rows = await h.rows<Record<string, any>>(
      `SELECT milestone_id, status, due_date::text, original_due_date::text, dispute_reason, reschedule_count, reschedule_reason
         FROM coordination.milestones WHERE engagement_id = 'eng-4' ORDER BY milestone_id`,
    );
    expect(rows).toEqual([
      { milestone_id: 'm1', status: 'confirmed', due_date: '2025-02-01', original_due_date: '2025-02-01', dispute_reason: null, reschedule_count: 0, reschedule_reason: null },
      { milestone_id: 'm2', status: 'disputed', due_date: '2025-03-01', original_due_date: '2025-03-01', dispute_reason: 'workshop not held', reschedule_count: 0, reschedule_reason: null },
      { milestone_id: 'm3', status: 'rescheduled', due_date: '2025-05-15', original_due_date: '2025-04-01', dispute_reason: null, reschedule_count: 1, reschedule_reason: 'elections' },
    ]);
  });
});
