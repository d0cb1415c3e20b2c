import { f, wholeCase } from '../../../test/case-fixtures';
import { projectionHarness, type ProjectionHarness } from '../../../test/projection-harness';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await projectionHarness();
});
afterAll(() => h.close());

describe('request history read model', () => {
  it('records every event of the request and of its engagements, in log order, with who, role, when and why', async () => {
    const events = wholeCase(7);
    await h.project(events);
    const rows = await h.rows<Record<string, any>>(
      'SELECT event_type, actor_id, actor_role, occurred_at, reason, details FROM coordination.request_history WHERE request_id = $1 ORDER BY commit_order, global_position',
      ['req-7'],
    );
    const expected = events.filter((x) => !['OfferRegistered', 'CapacityCommitted', 'OfferTextTranslated'].includes(x.event.type));
    expect(rows.map((r) => r.event_type)).toEqual(expected.map((x) => x.event.type));
    expect(rows[0]).toMatchObject({ event_type: 'RequestSubmitted', actor_id: 'focal-vn', actor_role: 'state' });
    expect(rows[1]).toMatchObject({ event_type: 'RequestTriaged', actor_role: 'secretariat', details: { priority: 'high' } });
    const disputed = rows.find((r) => r.event_type === 'MilestoneDisputed')!;
    expect(disputed).toMatchObject({ reason: 'workshop not held', details: { milestoneId: 'm2', engagementId: 'eng-7' } });
  });

  it('shows exactly the listed facts of each event: renamed where listed, JSON null kept, absent keys left out', async () => {
    const at = '2025-03-01T10:00:00.000Z';
    await h.project([
      f.submitted('req-details', at, { country: 'VN', articles: ['art-6'] }),
      f.requestEvent('req-details', { type: 'RequestFollowUpRecorded', data: { requestId: 'req-details', at, needMet: 'partly', comment: null } } as never),
      f.requestEvent('req-details', { type: 'RequestFollowUpRecorded', data: { requestId: 'req-details', at, needMet: 'yes' } } as never),
      f.requestEvent('req-details', { type: 'RequestWithdrawn', data: { requestId: 'req-details', at, reason: 'merged with another request' } }),
    ]);
    const rows = await h.rows<Record<string, any>>(
      'SELECT event_type, reason, details, occurred_at FROM coordination.request_history WHERE request_id = $1 ORDER BY commit_order, global_position',
      ['req-details'],
    );
    expect(rows.map((r) => [r.event_type, r.reason, r.details])).toEqual([
      ['RequestSubmitted', null, { country: 'VN', articles: ['art-6'], taTypes: ['c1-legal-advice'] }],
      ['RequestFollowUpRecorded', null, { needMet: 'partly', comment: null }],
      ['RequestFollowUpRecorded', null, { needMet: 'yes' }],
      ['RequestWithdrawn', 'merged with another request', {}],
    ]);
    expect(rows.map((r) => (r.occurred_at as Date).toISOString())).toEqual([at, at, at, at]);
  });

  it('keeps the contact person out of the timeline', async () => {
    const rows = await h.rows('SELECT * FROM coordination.request_history');
    expect(JSON.stringify(rows)).not.toMatch(/jane@example\.org|Wanjiru/);
  });
});
