import { hasLiveEngagement, providerAudiences, type CaseFacts, type EventLike, type NotificationIntent } from './notification-rules';

/** A reminder due at a time: the notification it gives then, and its key (one per item). */
export interface Reminder {
  readonly key: string;
  readonly dueAt: string;
  readonly intent: NotificationIntent;
}

export type ReminderChange = { readonly kind: 'schedule'; readonly reminder: Reminder } | { readonly kind: 'cancel'; readonly key: string } | { readonly kind: 'cancel_prefix'; readonly prefix: string };

/** The follow-up is due a year after delivery, as the 1540 Committee's assistance process follows up after a year. */
export const FOLLOW_UP_AFTER_MONTHS = 12;

/** The deployment's thresholds for reminders (docs/architecture.md, "Notifications"). */
export interface ReminderSettings {
  /** Days a request may wait open for offers without a live engagement before the Secretariat is reminded: the gap threshold (COORDINATION_GAP_DAYS, 90). */
  readonly gapDays: number;
  /** Days before an offer expires that its provider is reminded (NOTIFY_OFFER_EXPIRY_NOTICE_DAYS, 30, as the web app's work queue). */
  readonly offerExpiryNoticeDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { gapDays: 90, offerExpiryNoticeDays: 30 };

const DAY_MS = 86_400_000;
const plusDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? new Date(Date.parse(a)).toISOString() : new Date(Date.parse(b)).toISOString());

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
export function reminderChanges(event: EventLike, facts: CaseFacts | null, settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS): ReminderChange[] {
  if (!facts) return [];
  const d = event.data as Record<string, unknown>;
  const requestId = facts.requestId;
  const engagementId = String(d['engagementId']);
  const milestoneKey = `milestone.overdue:${engagementId}:${String(d['milestoneId'])}`;
  switch (event.type) {
    case 'MilestonePlanned':
    case 'MilestoneRescheduled': {
      const providers = providerAudiences(facts.engagements[engagementId]);
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
    case 'EngagementCompleted':
      return [{ kind: 'cancel_prefix', prefix: `milestone.overdue:${engagementId}:` }];
    case 'EngagementCancelled':
      return [{ kind: 'cancel_prefix', prefix: `milestone.overdue:${engagementId}:` }, ...waitingAgain(event, facts, settings)];
    case 'EngagementDeclined':
      return waitingAgain(event, facts, settings);
    case 'RequestTriaged':
      return [waiting(facts, plusDays(String(d['at']), settings.gapDays))];
    case 'EngagementProposed':
      return [{ kind: 'cancel', key: waitingKey(requestId) }];
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
      return [{ kind: 'cancel', key: `request.follow_up_due:${requestId}` }];
    case 'RequestClosed':
    case 'RequestWithdrawn':
      return [
        { kind: 'cancel', key: `request.follow_up_due:${requestId}` },
        { kind: 'cancel', key: waitingKey(requestId) },
      ];
    case 'RequestMatched':
    case 'RequestDeclined':
      return [{ kind: 'cancel', key: waitingKey(requestId) }];
    default:
      return [];
  }
}

const waitingKey = (requestId: string) => `request.waiting_for_offer:${requestId}`;

/** The Secretariat reminded of a request open for offers without a live engagement since the gap threshold (the coordinated view's gap rule). */
function waiting(facts: CaseFacts, dueAt: string): ReminderChange {
  return {
    kind: 'schedule',
    reminder: {
      key: waitingKey(facts.requestId),
      dueAt,
      intent: { kind: 'request.waiting_for_offer', item: { type: 'request', id: facts.requestId }, requestId: facts.requestId, audiences: [{ role: 'secretariat' }] },
    },
  };
}

/**
 * An engagement declined or cancelled may leave a request open for offers with none live: it
 * waits again, due at the gap threshold from its opening, or at once (the event's time) when
 * that is past. The due time differs from an earlier reminder's, so it fires again, once.
 */
function waitingAgain(event: EventLike, facts: CaseFacts, settings: ReminderSettings): ReminderChange[] {
  if (!facts.openedAt || hasLiveEngagement(facts)) return [];
  const at = String((event.data as Record<string, unknown>)['at']);
  return [waiting(facts, later(plusDays(facts.openedAt, settings.gapDays), at))];
}

/** What the notifier keeps of an offer: its provider (for reminders after an extension). */
export interface OfferFacts {
  readonly offerId: string;
  readonly providerId: string;
}

/** The day after the window's last day, 00:00 UTC: when the offer expires on its own (as the case's offer expiry scheduler). */
const offerExpiresAt = (lastDay: string) => new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS).toISOString();

/**
 * How an offer's event changes its "about to expire" reminder, to its provider, `offerExpiryNoticeDays`
 * before it expires: registered or extended, (re)scheduled; withdrawn or expired, none. An offer
 * whose expiry is already past at `now` (a log replayed by a new deployment) gets none.
 */
export function offerReminderChanges(event: EventLike, offer: OfferFacts | null, now: Date, settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS): ReminderChange[] {
  const d = event.data as Record<string, unknown>;
  const offerId = String(d['offerId']);
  const key = `offer.expiring:${offerId}`;
  const schedule = (providerId: string, lastDay: string): ReminderChange[] => {
    const expiresAt = offerExpiresAt(lastDay);
    if (Date.parse(expiresAt) <= now.getTime()) return [{ kind: 'cancel', key }];
    return [
      {
        kind: 'schedule',
        reminder: {
          key,
          dueAt: plusDays(expiresAt, -settings.offerExpiryNoticeDays),
          intent: { kind: 'offer.expiring', item: { type: 'offer', id: offerId }, requestId: null, audiences: [{ organisation: providerId }] },
        },
      },
    ];
  };
  switch (event.type) {
    case 'OfferRegistered':
      return schedule(String(d['providerId']), String((d['availability'] as { to: string }).to));
    case 'OfferExtended':
      return offer ? schedule(offer.providerId, String(d['to'])) : [];
    case 'OfferWithdrawn':
    case 'OfferExpired':
      return [{ kind: 'cancel', key }];
    default:
      return [];
  }
}
