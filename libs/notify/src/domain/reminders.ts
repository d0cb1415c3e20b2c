import type { Audience, CaseFacts, EventLike, NotificationIntent } from './notification-rules';

/** A reminder due at a time: the notification it gives then, and its key (one per item). */
export interface Reminder {
  readonly key: string;
  readonly dueAt: string;
  readonly intent: NotificationIntent;
}

export type ReminderChange = { readonly kind: 'schedule'; readonly reminder: Reminder } | { readonly kind: 'cancel'; readonly key: string } | { readonly kind: 'cancel_prefix'; readonly prefix: string };

/** The follow-up is due a year after delivery, as the 1540 Committee's assistance process follows up after a year. */
export const FOLLOW_UP_AFTER_MONTHS = 12;

const dayAfter = (isoDate: string) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
};

const monthsAfter = (iso: string, months: number) => {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
};

/**
 * How an event changes the reminders (with the request's facts after it):
 * - a milestone planned or rescheduled: overdue from the day after its due date, to the provider
 *   (and implementer) and the Secretariat; reported or confirmed, or its engagement cancelled or
 *   completed: no reminder;
 * - a request delivered: its follow-up due 12 months later, to its State; the follow-up
 *   recorded, or the request closed or withdrawn: no reminder.
 */
export function reminderChanges(event: EventLike, facts: CaseFacts | null): ReminderChange[] {
  if (!facts) return [];
  const d = event.data as Record<string, unknown>;
  const requestId = facts.requestId;
  const engagementId = String(d['engagementId']);
  const milestoneKey = `milestone.overdue:${engagementId}:${String(d['milestoneId'])}`;
  switch (event.type) {
    case 'MilestonePlanned':
    case 'MilestoneRescheduled': {
      const engagement = facts.engagements[engagementId];
      const providers: Audience[] = engagement
        ? [{ organisation: engagement.providerId }, ...(engagement.implementerId && engagement.implementerId !== engagement.providerId ? [{ organisation: engagement.implementerId }] : [])]
        : [];
      return [
        {
          kind: 'schedule',
          reminder: {
            key: milestoneKey,
            dueAt: dayAfter(String(d['dueDate'])),
            intent: { kind: 'milestone.overdue', item: { type: 'engagement', id: engagementId }, requestId, audiences: [{ role: 'secretariat' }, ...providers] },
          },
        },
      ];
    }
    case 'MilestoneReported':
    case 'MilestoneConfirmed':
      return [{ kind: 'cancel', key: milestoneKey }];
    case 'EngagementCancelled':
    case 'EngagementCompleted':
      return [{ kind: 'cancel_prefix', prefix: `milestone.overdue:${engagementId}:` }];
    case 'RequestDelivered':
      return [
        {
          kind: 'schedule',
          reminder: {
            key: `request.follow_up_due:${requestId}`,
            dueAt: monthsAfter(String(d['at']), FOLLOW_UP_AFTER_MONTHS),
            intent: { kind: 'request.follow_up_due', item: { type: 'request', id: requestId }, requestId, audiences: [{ country: facts.country }] },
          },
        },
      ];
    case 'RequestFollowUpRecorded':
    case 'RequestClosed':
    case 'RequestWithdrawn':
      return [{ kind: 'cancel', key: `request.follow_up_due:${requestId}` }];
    default:
      return [];
  }
}
