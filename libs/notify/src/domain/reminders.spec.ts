import { evolveFacts, type CaseFacts, type EventLike } from './notification-rules';
import { reminderChanges } from './reminders';

const ref = { engagementId: 'e1', requestId: 'r1', offerId: 'o1', at: '2026-01-01T00:00:00Z' };
const facts = [
  { type: 'RequestSubmitted', data: { requestId: 'r1', country: 'KE', restricted: false } },
  { type: 'EngagementProposed', data: { ...ref, providerId: 'org-norad', country: 'KE' } },
].reduce<CaseFacts | null>((f, e: EventLike) => evolveFacts(f, e) ?? f, null);

describe('reminders', () => {
  it('a milestone planned or rescheduled: overdue from the day after its due date, to the Secretariat and the provider', () => {
    for (const type of ['MilestonePlanned', 'MilestoneRescheduled']) {
      expect(reminderChanges({ type, data: { ...ref, milestoneId: 'm1', dueDate: '2026-12-31' } }, facts)).toEqual([
        {
          kind: 'schedule',
          reminder: {
            key: 'milestone.overdue:e1:m1',
            dueAt: '2027-01-01T00:00:00.000Z',
            intent: { kind: 'milestone.overdue', item: { type: 'engagement', id: 'e1' }, requestId: 'r1', audiences: [{ role: 'secretariat' }, { organisation: 'org-norad' }] },
          },
        },
      ]);
    }
  });

  it('none once reported or confirmed, or once the engagement is cancelled or completed', () => {
    expect(reminderChanges({ type: 'MilestoneReported', data: { ...ref, milestoneId: 'm1' } }, facts)).toEqual([{ kind: 'cancel', key: 'milestone.overdue:e1:m1' }]);
    expect(reminderChanges({ type: 'EngagementCancelled', data: { ...ref, reason: 'x', previousStatus: 'active' } }, facts)).toEqual([{ kind: 'cancel_prefix', prefix: 'milestone.overdue:e1:' }]);
  });

  it('a follow-up 12 months after delivery, to the State; none once recorded or the request closed', () => {
    expect(reminderChanges({ type: 'RequestDelivered', data: { requestId: 'r1', engagementId: 'e1', at: '2026-02-28T10:00:00.000Z' } }, facts)).toEqual([
      {
        kind: 'schedule',
        reminder: {
          key: 'request.follow_up_due:r1',
          dueAt: '2027-02-28T10:00:00.000Z',
          intent: { kind: 'request.follow_up_due', item: { type: 'request', id: 'r1' }, requestId: 'r1', audiences: [{ country: 'KE' }] },
        },
      },
    ]);
    expect(reminderChanges({ type: 'RequestClosed', data: { requestId: 'r1' } }, facts)).toEqual([{ kind: 'cancel', key: 'request.follow_up_due:r1' }]);
  });
});
