/** Event store stream ids of the case context. */
export const requestStreamId = (requestId: string): string => `request-${requestId}`;
export const offerStreamId = (offerId: string): string => `offer-${offerId}`;
export const engagementStreamId = (engagementId: string): string => `engagement-${engagementId}`;
/** State of the withdrawal process manager, one per request. */
export const withdrawalProcessStreamId = (requestId: string): string => `withdrawal-${requestId}`;
/** State of the engagement-flow process manager, one per engagement. */
export const engagementFlowStreamId = (engagementId: string): string => `engagement-flow-${engagementId}`;
/** What happened to a request's contact person's data (reads, erasure), one stream per data subject (docs/audit.md). */
export const personalDataStreamId = (requestId: string): string => `personal-data-${requestId}`;
