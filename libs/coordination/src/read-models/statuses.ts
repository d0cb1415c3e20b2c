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
/** `completed`: by the provider, awaiting the State's acknowledgement; `acknowledged`: by the State, delivered. */
export const ENGAGEMENT_STATUSES = ['proposed', 'agreed', 'active', 'completed', 'acknowledged', 'declined', 'cancelled'] as const;
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
export const AGREED_ENGAGEMENT_STATUSES = ['agreed', 'active', 'completed', 'acknowledged'] as const satisfies readonly EngagementStatus[];

/** Engagement statuses whose amount is in its offer's `committed` (capacity committed, then activated). */
export const COMMITTED_ENGAGEMENT_STATUSES = ['active', 'completed', 'acknowledged'] as const satisfies readonly EngagementStatus[];

/**
 * Engagements that count as delivered: the provider completed them AND the requesting State
 * acknowledged the completion (the `delivered` figures). A completion alone is the provider's
 * word: it awaits acknowledgement (`AWAITING_ACKNOWLEDGEMENT_STATUS`).
 */
export const DELIVERED_ENGAGEMENT_STATUSES = ['acknowledged'] as const satisfies readonly EngagementStatus[];

/** Completed by the provider, not yet acknowledged (nor contested) by the State. */
export const AWAITING_ACKNOWLEDGEMENT_STATUS = 'completed' satisfies EngagementStatus;

/** Requests the public view lists (with `restricted` false): triaged and open for offers, not yet matched. */
export const PUBLIC_OPEN_REQUEST_STATUSES = ['open_for_offers'] as const satisfies readonly RequestStatus[];
