/**
 * The statuses the projections give rows, and the named sets of them the queries and "as of"
 * use: each set is said here once (in SQL through `codeList`).
 */
export const REQUEST_STATUSES = [
  'submitted',
  'returned_for_clarification',
  'open_for_offers',
  'matched',
  'in_delivery',
  'delivered',
  'follow_up_recorded',
  'closed',
  'withdrawn',
  'declined',
] as const;
export const OFFER_STATUSES = ['open', 'withdrawn', 'expired'] as const;
export const ENGAGEMENT_STATUSES = ['proposed', 'agreed', 'active', 'completed', 'declined', 'cancelled'] as const;
export const MILESTONE_STATUSES = ['scheduled', 'reported', 'confirmed', 'disputed', 'rescheduled'] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** Requests matched to an engagement, or further along (coverage's `matchedRequests`). */
export const MATCHED_REQUEST_STATUSES = ['matched', 'in_delivery', 'delivered', 'follow_up_recorded', 'closed'] as const satisfies readonly RequestStatus[];

/** Requests dropped before delivery, withdrawn by their State or declined by the Secretariat: not a need any more (coverage leaves them out). */
export const DROPPED_REQUEST_STATUSES = ['withdrawn', 'declined'] as const satisfies readonly RequestStatus[];

/** Live engagements: still on their way to delivery (overlaps compare them). */
export const LIVE_ENGAGEMENT_STATUSES = ['proposed', 'agreed', 'active'] as const satisfies readonly EngagementStatus[];

/** Engagements both parties agreed to, delivering or delivered (a country's `committed` funding). */
export const AGREED_ENGAGEMENT_STATUSES = ['agreed', 'active', 'completed'] as const satisfies readonly EngagementStatus[];

/** Engagement statuses whose amount is in its offer's `committed` (capacity committed, then activated). */
export const COMMITTED_ENGAGEMENT_STATUSES = ['active', 'completed'] as const satisfies readonly EngagementStatus[];

/** Requests the public view lists (with `restricted` false): triaged and open for offers, not yet matched. */
export const PUBLIC_OPEN_REQUEST_STATUSES = ['open_for_offers'] as const satisfies readonly RequestStatus[];
