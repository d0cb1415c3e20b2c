/**
 * What is notified, to whom: a pure fold over the case's events (docs/architecture.md,
 * "Notifications"). The notifier keeps, per request, the facts that decide who may know it
 * (`CaseFacts`: the same facts as the access policy's `RequestAccessFacts`), and turns each
 * event it knows into notifications for audiences: the Secretariat, a State, an organisation.
 * Whether a person or a subscription in an audience may see the case is checked by the
 * notifier with the access policy's own rule, at fan-out.
 */

export type NotificationKind =
  | 'request.submitted'
  | 'request.returned_for_clarification'
  | 'engagement.proposed'
  | 'milestone.reported'
  | 'milestone.disputed'
  | 'engagement.completed'
  | 'engagement.cancelled'
  | 'completion.contested'
  | 'milestone.overdue'
  | 'request.follow_up_due'
  | 'request.waiting_for_offer'
  | 'offer.expiring';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'request.submitted',
  'request.returned_for_clarification',
  'engagement.proposed',
  'milestone.reported',
  'milestone.disputed',
  'engagement.completed',
  'engagement.cancelled',
  'completion.contested',
  'milestone.overdue',
  'request.follow_up_due',
  'request.waiting_for_offer',
  'offer.expiring',
];

/** Whether a string names a notification kind. */
export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export type Audience = { readonly role: 'secretariat' } | { readonly country: string } | { readonly organisation: string };

export type EngagementStatus = 'proposed' | 'agreed' | 'active' | 'completed' | 'acknowledged' | 'declined' | 'cancelled';

/** A request as the notifier knows it: who may know it (access policy) and its engagements' providers. */
export interface CaseFacts {
  readonly requestId: string;
  readonly country: string;
  readonly restricted: boolean;
  /** When the request was opened for offers (triaged), while it is open for offers; absent in facts kept before this was followed. */
  readonly openedAt?: string | null;
  readonly engagements: Readonly<Record<string, { readonly providerId: string; readonly implementerId?: string; readonly status: EngagementStatus }>>;
}

export interface NotificationItem {
  readonly type: 'request' | 'engagement' | 'offer';
  readonly id: string;
}

/** One notification before it is addressed: what, about which item, for whom. Ids only: no text of the case. */
export interface NotificationIntent {
  readonly kind: NotificationKind;
  /** The web app's page the notification links to. */
  readonly item: NotificationItem;
  /** The request it is about (its access rule applies); null for an offer (offers are never restricted). */
  readonly requestId: string | null;
  readonly audiences: readonly Audience[];
}

export interface EventLike {
  readonly type: string;
  readonly data: unknown;
}

const SECRETARIAT: Audience = { role: 'secretariat' };

const STATUS_AFTER: Readonly<Record<string, EngagementStatus>> = {
  EngagementAgreed: 'agreed',
  EngagementActivated: 'active',
  EngagementCompleted: 'completed',
  CompletionAcknowledged: 'acknowledged',
  CompletionContested: 'active',
  EngagementDeclined: 'declined',
  EngagementCancelled: 'cancelled',
};

/** The facts after the event (null: the event says nothing of the request's facts). */
export function evolveFacts(facts: CaseFacts | null, event: EventLike): CaseFacts | null {
  const d = event.data as Record<string, unknown>;
  if (event.type === 'RequestSubmitted') {
    return { requestId: String(d['requestId']), country: String(d['country']), restricted: d['restricted'] === true, engagements: {} };
  }
  if (!facts) return null;
  if (event.type === 'RequestAccessChanged') return { ...facts, restricted: d['restricted'] === true };
  if (event.type === 'RequestTriaged') return { ...facts, openedAt: String(d['at']) };
  if (['RequestMatched', 'RequestDeclined', 'RequestWithdrawn', 'RequestClosed'].includes(event.type)) return { ...facts, openedAt: null };
  if (event.type === 'EngagementProposed') {
    const implementer = typeof d['implementerId'] === 'string' ? { implementerId: d['implementerId'] } : {};
    return {
      ...facts,
      engagements: { ...facts.engagements, [String(d['engagementId'])]: { providerId: String(d['providerId']), ...implementer, status: 'proposed' } },
    };
  }
  const status = STATUS_AFTER[event.type];
  const engagementId = String(d['engagementId']);
  const engagement = facts.engagements[engagementId];
  if (status && engagement) return { ...facts, engagements: { ...facts.engagements, [engagementId]: { ...engagement, status } } };
  return null;
}

/** The request an event is about, if the notifier follows it. */
export function requestIdOf(event: EventLike): string | null {
  if (!/^(Request|Engagement|Milestone|Completion)/.test(event.type)) return null;
  const id = (event.data as Record<string, unknown>)['requestId'];
  return typeof id === 'string' ? id : null;
}

/** The notifications one event gives, with the request's facts after it. */
export function notificationsFor(event: EventLike, facts: CaseFacts | null): NotificationIntent[] {
  if (!facts) return [];
  const d = event.data as Record<string, unknown>;
  const requestId = facts.requestId;
  const onRequest = (kind: NotificationKind, audiences: Audience[]): NotificationIntent[] => [{ kind, item: { type: 'request', id: requestId }, requestId, audiences }];
  const engagementId = String(d['engagementId']);
  const engagement = facts.engagements[engagementId];
  const providers = providerAudiences(engagement);
  const onEngagement = (kind: NotificationKind, audiences: Audience[]): NotificationIntent[] => [
    { kind, item: { type: 'engagement', id: engagementId }, requestId, audiences },
  ];
  const state: Audience = { country: facts.country };
  switch (event.type) {
    case 'RequestSubmitted':
      return onRequest('request.submitted', [SECRETARIAT]);
    case 'RequestReturnedForClarification':
      return onRequest('request.returned_for_clarification', [state]);
    case 'EngagementProposed':
      return onEngagement('engagement.proposed', [state, ...providers]);
    case 'MilestoneReported':
      return onEngagement('milestone.reported', [state]);
    case 'MilestoneDisputed':
      return onEngagement('milestone.disputed', [SECRETARIAT, ...providers]);
    case 'EngagementCompleted':
      return onEngagement('engagement.completed', [state]);
    case 'EngagementCancelled':
      return onEngagement('engagement.cancelled', providers);
    case 'CompletionContested':
      // the State contests the provider's completion: the provider has more to deliver, the Secretariat sees a dispute
      return onEngagement('completion.contested', [SECRETARIAT, ...providers]);
    default:
      return [];
  }
}

/** An engagement's provider, and its implementer when another organisation. */
export function providerAudiences(engagement: CaseFacts['engagements'][string] | undefined): Audience[] {
  if (!engagement) return [];
  const implementer = engagement.implementerId && engagement.implementerId !== engagement.providerId ? [{ organisation: engagement.implementerId }] : [];
  return [{ organisation: engagement.providerId }, ...implementer];
}

/** Whether the request has an engagement still live (proposed and neither declined nor cancelled), as the gap rule counts them. */
export function hasLiveEngagement(facts: CaseFacts): boolean {
  return Object.values(facts.engagements).some((e) => e.status !== 'declined' && e.status !== 'cancelled');
}
