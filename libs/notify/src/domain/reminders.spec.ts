import { evolveFacts, type CaseFacts, type EventLike } from './notification-rules';
import { offerReminderChanges, reminderChanges } from './reminders';

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
    expect(reminderChanges({ type: 'RequestClosed', data: { requestId: 'r1' } }, facts)).toEqual([
      { kind: 'cancel', key: 'request.follow_up_due:r1' },
      { kind: 'cancel', key: 'request.waiting_for_offer:r1' },
    ]);
  });

  it('a request opened for offers: the Secretariat reminded at the gap threshold; none once an engagement is proposed; again when none is live', () => {
    const settings = { gapDays: 90, offerExpiryNoticeDays: 30 };
    const submitted = { type: 'RequestSubmitted', data: { requestId: 'r2', country: 'KE', restricted: false } };
    const triaged = { type: 'RequestTriaged', data: { requestId: 'r2', at: '2026-01-01T00:00:00.000Z' } };
    let f = [submitted, triaged].reduce<CaseFacts | null>((x, e: EventLike) => evolveFacts(x, e) ?? x, null);
    const waiting = (dueAt: string) => ({
      kind: 'schedule',
      reminder: {
        key: 'request.waiting_for_offer:r2',
        dueAt,
        intent: { kind: 'request.waiting_for_offer', item: { type: 'request', id: 'r2' }, requestId: 'r2', audiences: [{ role: 'secretariat' }] },
      },
    });
    expect(reminderChanges(triaged, f, settings)).toEqual([waiting('2026-04-01T00:00:00.000Z')]);
    const proposed = { type: 'EngagementProposed', data: { requestId: 'r2', engagementId: 'e9', providerId: 'org-norad', at: '2026-02-01T00:00:00.000Z' } };
    f = evolveFacts(f, proposed);
    expect(reminderChanges(proposed, f, settings)).toEqual([{ kind: 'cancel', key: 'request.waiting_for_offer:r2' }]);
    // declined after the threshold: due at once (the decline's time), a time of its own
    const declined = { type: 'EngagementDeclined', data: { requestId: 'r2', engagementId: 'e9', at: '2026-05-02T10:00:00.000Z' } };
    f = evolveFacts(f, declined);
    expect(reminderChanges(declined, f, settings)).toEqual([waiting('2026-05-02T10:00:00.000Z')]);
    const matched = { type: 'RequestMatched', data: { requestId: 'r2', engagementId: 'e9', at: '2026-05-03T00:00:00.000Z' } };
    expect(reminderChanges(matched, evolveFacts(f, matched), settings)).toEqual([{ kind: 'cancel', key: 'request.waiting_for_offer:r2' }]);
  });

  it('an offer: its provider reminded 30 days before it expires; moved by an extension; none once withdrawn or expired, or when already expired', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const registered = { type: 'OfferRegistered', data: { offerId: 'o1', providerId: 'org-giz', availability: { from: '2026-01-01', to: '2026-06-30' } } };
    const reminder = (dueAt: string) => ({
      kind: 'schedule',
      reminder: { key: 'offer.expiring:o1', dueAt, intent: { kind: 'offer.expiring', item: { type: 'offer', id: 'o1' }, requestId: null, audiences: [{ organisation: 'org-giz' }] } },
    });
    expect(offerReminderChanges(registered, null, now)).toEqual([reminder('2026-06-01T00:00:00.000Z')]);
    const offer = { offerId: 'o1', providerId: 'org-giz' };
    expect(offerReminderChanges({ type: 'OfferExtended', data: { offerId: 'o1', previousTo: '2026-06-30', to: '2026-12-31' } }, offer, now)).toEqual([reminder('2026-12-02T00:00:00.000Z')]);
    expect(offerReminderChanges({ type: 'OfferWithdrawn', data: { offerId: 'o1' } }, offer, now)).toEqual([{ kind: 'cancel', key: 'offer.expiring:o1' }]);
    expect(offerReminderChanges(registered, null, new Date('2026-07-01T00:00:00Z'))).toEqual([{ kind: 'cancel', key: 'offer.expiring:o1' }]);
  });
});
