import type { AUDIT_SEALS_STREAM, LOG_SEALED, LogSealedData } from '@ta/audit';
import type { RequestEndReason } from '@ta/case';
import type { CaseDomainEventFor, OfferEventType, RequestScopedEventType } from './domain-events';
import type { RecordedEvent } from '@ta/event-store';
import type { IntegrationEvent, Subject } from './envelope';
import { CASE_OFFERS_TOPIC } from './topics/case-offers/case-offers.topic';
import { CASE_REQUESTS_TOPIC, PLATFORM_CANCELLATION_REASONS, type PlatformCancellationReason } from './topics/case-requests/case-requests.topic';
import type {
  CaseRequestsEvent,
  EngagementCancelledV2,
  EngagementDeclinedV2,
  EngagementProposedV2,
  MilestonePlannedV2,
  MilestoneDisputedV2,
  MilestoneRescheduledV2,
  RequestClarificationProvidedV2,
  RequestDeclinedV2,
  RequestFollowUpRecordedV2,
  RequestReturnedForClarificationV2,
  RequestSubmittedV1,
  RequestWithdrawnV2,
} from './topics/case-requests/case-requests.events';
import type { CaseOffersEvent } from './topics/case-offers/case-offers.events';
import { AUDIT_SEALS_KEY, AUDIT_SEALS_TOPIC } from './topics/audit-seals/audit-seals.topic';
import type { AuditSealsEvent, LogSealedV1 } from './topics/audit-seals/audit-seals.events';

/** A message ready for Kafka: topic (before the deployment prefix), key, value, headers. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: CaseRequestsEvent | CaseOffersEvent | AuditSealsEvent;
}

/**
 * What the mapping needs to know beyond the event itself: whether the request (the case) the
 * event belongs to is restricted, i.e. its `RequestSubmitted.restricted`. Restriction is set
 * once, at submission, and never changes. The relay finds it out (libs/relay,
 * `RequestRestrictions`); the mapping stays a pure function of (event, context).
 */
export interface MappingContext {
  readonly restricted: boolean;
}

/** The request (the case) a domain event belongs to: see `caseRequestOf`. */
export interface CaseRequestRef {
  readonly requestId: string;
  /** Whether the request is restricted, when the event itself says so (RequestSubmitted); otherwise null. */
  readonly restrictedAtSubmission: boolean | null;
}

type Mapped = { readonly topic: string; readonly key: string; readonly kind: Subject['kind']; readonly id: string; readonly data: unknown };

/**
 * One mapper per domain event type at its current domain schema version: the integration
 * event has the same type name, at contract version `version`.
 */
type Mapper<T extends keyof CaseDomainEventFor> = {
  readonly domainVersion: number;
  readonly version: number;
  readonly map: (data: CaseDomainEventFor[T], context: MappingContext) => Mapped;
};
type Mappers<K extends keyof CaseDomainEventFor> = { readonly [T in K]: Mapper<T> };

const onRequest = (data: { requestId: string }, out: unknown): Mapped => ({
  topic: CASE_REQUESTS_TOPIC,
  key: data.requestId,
  kind: 'request',
  id: data.requestId,
  data: out,
});
const onEngagement = (data: { requestId: string; engagementId: string }, out: unknown): Mapped => ({
  topic: CASE_REQUESTS_TOPIC,
  key: data.requestId,
  kind: 'engagement',
  id: data.engagementId,
  data: out,
});
const onOffer = (data: { offerId: string }, out: unknown): Mapped => ({
  topic: CASE_OFFERS_TOPIC,
  key: data.offerId,
  kind: 'offer',
  id: data.offerId,
  data: out,
});

/** Free text of a case: published only when its request is not restricted. */
function unlessRestricted<T>(context: MappingContext, text: T): T | null {
  return context.restricted ? null : text;
}

// Every reason the withdrawal process manager gives (@ta/case `RequestEndReason`) must be a
// platform code (the compiler checks it); the engagement-flow's refusals
// ('insufficient_capacity', ...) are plain strings there, listed by hand. A code missing from
// the list is only withheld for restricted requests: the safe side.
type Assert<T extends true> = T;
export type RequestEndReasonsArePlatformCodes = Assert<[RequestEndReason] extends [PlatformCancellationReason] ? true : false>;
const PLATFORM_REASONS: ReadonlySet<string> = new Set<string>(PLATFORM_CANCELLATION_REASONS);

/**
 * THE mapping from the case's domain events to integration events. Every domain event type
 * is listed (the compiler checks it): all of them are meaningful to donors and States,
 * including those the process managers append (agreed, committed, activated, matched).
 * Fields are copied one by one, never spread, so a field added to a domain event is not
 * published until it is added here and to a new contract version.
 *
 * Restricted requests: every free text of the case (the request's, its clarifications,
 * reasons, follow-up comment, its engagements' and milestones' texts) is null, in every
 * event of the case, not only in RequestSubmitted. Codes, dates, amounts and the lifecycle
 * stay, so coverage and gaps are still right.
 */
const CASE_REQUEST_MAPPERS: Mappers<RequestScopedEventType> = {
  RequestSubmitted: {
    domainVersion: 1,
    version: 1,
    map: (d, c) => {
      // Personal data: `contactPerson` is dropped. Restricted requests: no free text.
      const out: RequestSubmittedV1['data'] = {
        requestId: d.requestId,
        at: d.at,
        country: d.country,
        restricted: d.restricted,
        title: unlessRestricted(c, d.title),
        description: unlessRestricted(c, d.description),
        beneficiaryInstitution: unlessRestricted(c, d.beneficiaryInstitution),
        findingRef: c.restricted || !d.findingRef ? null : { reviewCycle: d.findingRef.reviewCycle, reference: d.findingRef.reference },
        suggestedArticles: d.suggestedArticles,
        suggestedTaTypes: d.suggestedTaTypes,
        preferredLanguages: d.preferredLanguages,
        desiredWindow: d.desiredWindow ? { from: d.desiredWindow.from, to: d.desiredWindow.to } : null,
      };
      return onRequest(d, out);
    },
  },
  RequestTriaged: {
    domainVersion: 1,
    version: 1,
    map: (d) => onRequest(d, { requestId: d.requestId, at: d.at, articles: d.articles, taTypes: d.taTypes, priority: d.priority }),
  },
  RequestReturnedForClarification: {
    domainVersion: 1,
    version: 2,
    map: (d, c) =>
      onRequest(d, { requestId: d.requestId, at: d.at, question: unlessRestricted(c, d.question) } satisfies RequestReturnedForClarificationV2['data']),
  },
  RequestClarificationProvided: {
    domainVersion: 1,
    version: 2,
    map: (d, c) => onRequest(d, { requestId: d.requestId, at: d.at, answer: unlessRestricted(c, d.answer) } satisfies RequestClarificationProvidedV2['data']),
  },
  RequestDeclined: {
    domainVersion: 1,
    version: 2,
    map: (d, c) => onRequest(d, { requestId: d.requestId, at: d.at, reason: unlessRestricted(c, d.reason) } satisfies RequestDeclinedV2['data']),
  },
  RequestWithdrawn: {
    domainVersion: 1,
    version: 2,
    map: (d, c) => onRequest(d, { requestId: d.requestId, at: d.at, reason: unlessRestricted(c, d.reason) } satisfies RequestWithdrawnV2['data']),
  },
  RequestMatched: { domainVersion: 1, version: 1, map: (d) => onRequest(d, { requestId: d.requestId, at: d.at, engagementId: d.engagementId }) },
  RequestDeliveryStarted: { domainVersion: 1, version: 1, map: (d) => onRequest(d, { requestId: d.requestId, at: d.at, engagementId: d.engagementId }) },
  RequestDelivered: { domainVersion: 1, version: 1, map: (d) => onRequest(d, { requestId: d.requestId, at: d.at, engagementId: d.engagementId }) },
  RequestFollowUpRecorded: {
    domainVersion: 1,
    version: 2,
    map: (d, c) =>
      onRequest(d, { requestId: d.requestId, at: d.at, needMet: d.needMet, comment: unlessRestricted(c, d.comment) } satisfies RequestFollowUpRecordedV2['data']),
  },
  RequestClosed: { domainVersion: 1, version: 1, map: (d) => onRequest(d, { requestId: d.requestId, at: d.at }) },

  EngagementProposed: {
    domainVersion: 1,
    version: 2,
    map: (d, c) =>
      onEngagement(d, {
        ...engagementRef(d),
        providerId: d.providerId,
        country: d.country,
        amount: d.amount,
        unit: unit(d.unit),
        score: d.score,
        reasons: c.restricted ? null : [...d.reasons],
      } satisfies EngagementProposedV2['data']),
  },
  EngagementAccepted: { domainVersion: 1, version: 1, map: (d) => onEngagement(d, { ...engagementRef(d), party: d.party }) },
  EngagementAgreed: { domainVersion: 1, version: 1, map: (d) => onEngagement(d, { ...engagementRef(d), amount: d.amount, unit: unit(d.unit) }) },
  EngagementDeclined: {
    domainVersion: 1,
    version: 2,
    map: (d, c) => onEngagement(d, { ...engagementRef(d), party: d.party, reason: unlessRestricted(c, d.reason) } satisfies EngagementDeclinedV2['data']),
  },
  EngagementActivated: { domainVersion: 1, version: 1, map: (d) => onEngagement(d, engagementRef(d)) },
  EngagementCancelled: {
    domainVersion: 1,
    version: 2,
    map: (d, c) =>
      onEngagement(d, {
        ...engagementRef(d),
        // The platform's own cancellation codes are not free text: kept for restricted requests too.
        reason: PLATFORM_REASONS.has(d.reason) ? d.reason : unlessRestricted(c, d.reason),
        previousStatus: d.previousStatus,
      } satisfies EngagementCancelledV2['data']),
  },
  EngagementCompleted: { domainVersion: 1, version: 1, map: (d) => onEngagement(d, engagementRef(d)) },
  MilestonePlanned: {
    domainVersion: 1,
    version: 2,
    map: (d, c) => onEngagement(d, { ...milestoneRef(d), title: unlessRestricted(c, d.title), dueDate: d.dueDate } satisfies MilestonePlannedV2['data']),
  },
  MilestoneReported: { domainVersion: 1, version: 1, map: (d) => onEngagement(d, milestoneRef(d)) },
  MilestoneConfirmed: { domainVersion: 1, version: 1, map: (d) => onEngagement(d, milestoneRef(d)) },
  MilestoneDisputed: {
    domainVersion: 1,
    version: 2,
    map: (d, c) => onEngagement(d, { ...milestoneRef(d), reason: unlessRestricted(c, d.reason) } satisfies MilestoneDisputedV2['data']),
  },
  MilestoneRescheduled: {
    domainVersion: 1,
    version: 2,
    map: (d, c) =>
      onEngagement(d, {
        ...milestoneRef(d),
        previousDueDate: d.previousDueDate,
        dueDate: d.dueDate,
        reason: unlessRestricted(c, d.reason),
      } satisfies MilestoneRescheduledV2['data']),
  },
};

/**
 * Offers are a provider's public pledge, shared by many cases: their events name no request
 * (capacity changes name an engagement id only) and carry no text of any request.
 */
const CASE_OFFER_MAPPERS: Mappers<OfferEventType> = {
  OfferRegistered: {
    domainVersion: 1,
    version: 1,
    map: (d) =>
      onOffer(d, {
        offerId: d.offerId,
        at: d.at,
        providerId: d.providerId,
        providerKind: d.providerKind,
        taTypes: d.taTypes,
        articles: d.articles,
        eligibleCountries: d.eligibleCountries,
        eligibleRegions: d.eligibleRegions,
        languages: d.languages,
        modality: d.modality,
        capacity: d.capacity.kind === 'money' ? { kind: 'money', amount: d.capacity.amount, currency: d.capacity.currency } : { kind: 'expert_days', days: d.capacity.days },
        availability: { from: d.availability.from, to: d.availability.to },
        title: d.title,
        description: d.description,
      }),
  },
  CapacityCommitted: { domainVersion: 1, version: 1, map: (d) => onOffer(d, capacityChange(d)) },
  CapacityReleased: { domainVersion: 1, version: 1, map: (d) => onOffer(d, capacityChange(d)) },
  OfferWithdrawn: { domainVersion: 1, version: 1, map: (d) => onOffer(d, { offerId: d.offerId, at: d.at, reason: d.reason }) },
  OfferExpired: { domainVersion: 1, version: 1, map: (d) => onOffer(d, { offerId: d.offerId, at: d.at }) },
};

const MAPPERS: Mappers<keyof CaseDomainEventFor> = { ...CASE_REQUEST_MAPPERS, ...CASE_OFFER_MAPPERS };

function engagementRef(d: { engagementId: string; requestId: string; offerId: string; at: string }) {
  return { engagementId: d.engagementId, requestId: d.requestId, offerId: d.offerId, at: d.at };
}
function milestoneRef(d: { engagementId: string; requestId: string; offerId: string; at: string; milestoneId: string }) {
  return { ...engagementRef(d), milestoneId: d.milestoneId };
}
function unit(u: { kind: 'money'; currency: string } | { kind: 'expert_days' }) {
  return u.kind === 'money' ? { kind: 'money' as const, currency: u.currency } : { kind: 'expert_days' as const };
}
function capacityChange(d: CaseDomainEventFor['CapacityCommitted']) {
  return { offerId: d.offerId, at: d.at, engagementId: d.engagementId, amount: d.amount, unit: unit(d.unit), remaining: d.remaining };
}

/** Streams of the case context: every event on them must have a mapping. */
const CASE_STREAM = /^(request|offer|engagement)-/;

export class UnmappedEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappedEventError';
  }
}

/**
 * The domain event types that are published, with the domain schema version each mapper
 * reads and the contract version it publishes.
 */
export const PUBLISHED_DOMAIN_EVENTS: ReadonlyArray<{ type: string; domainVersion: number; version: number }> = Object.entries(MAPPERS).map(
  ([type, m]: [string, { domainVersion: number; version: number }]) => ({ type, domainVersion: m.domainVersion, version: m.version }),
);

/**
 * The request (the case) a domain event belongs to: the request's own events and its
 * engagements' and milestones' (they all carry `requestId`); null for events of no request
 * (offers, seals, other contexts). A RequestSubmitted also tells whether the request is
 * restricted. Whoever maps a case event needs that fact for every event of the request.
 */
export function caseRequestOf(event: RecordedEvent): CaseRequestRef | null {
  if (!Object.hasOwn(CASE_REQUEST_MAPPERS, event.type)) return null;
  const d = event.data as { readonly requestId?: unknown; readonly restricted?: unknown } | null;
  if (typeof d?.requestId !== 'string' || d.requestId === '') {
    throw new UnmappedEventError(`${event.type} names no request (event ${event.id} on ${event.streamId})`);
  }
  // Anything but an explicit `false` counts as restricted: when in doubt, publish less.
  return { requestId: d.requestId, restrictedAtSubmission: event.type === 'RequestSubmitted' ? d.restricted !== false : null };
}

/**
 * The integration event for a recorded domain event, or null when the event is not
 * published (it belongs to no case stream). A case event of an unknown type or domain
 * schema version throws: the relay stops rather than skip or guess. An event of a request
 * needs `context` (is that request restricted?) and throws without it; offers and seals
 * need none.
 */
export function toIntegrationEvent(event: RecordedEvent, context?: MappingContext): OutgoingMessage | null {
  if (event.streamId === SEALS_STREAM && event.type === LOG_SEALED_TYPE) return sealMessage(event);
  const mapper = (MAPPERS as Record<string, { domainVersion: number; version: number; map: (d: never, c: MappingContext) => Mapped } | undefined>)[event.type];
  if (!mapper) {
    if (CASE_STREAM.test(event.streamId)) throw new UnmappedEventError(`no integration mapping for ${event.type} (event ${event.id} on ${event.streamId})`);
    return null;
  }
  if (event.schemaVersion !== mapper.domainVersion) {
    throw new UnmappedEventError(`${event.type} has domain schema version ${event.schemaVersion}; the mapping reads version ${mapper.domainVersion} (event ${event.id})`);
  }
  const request = caseRequestOf(event);
  if (request && !context) {
    throw new UnmappedEventError(`${event.type} belongs to request ${request.requestId}: mapping it needs to know whether that request is restricted (event ${event.id})`);
  }
  const restricted = request !== null && (context!.restricted || request.restrictedAtSubmission === true);
  const m = mapper.map(event.data as never, { restricted });
  const value: IntegrationEvent = {
    eventId: event.id,
    type: event.type,
    schemaVersion: mapper.version,
    subject: { kind: m.kind, id: m.id, version: event.streamPosition },
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    actorRole: event.metadata.actorRole,
    data: m.data,
  };
  return { topic: m.topic, key: m.key, value: value as OutgoingMessage['value'] };
}

// The audit context's seal (@ta/audit). Names checked against it by the compiler (type-only import).
const SEALS_STREAM: typeof AUDIT_SEALS_STREAM = 'audit-seals';
const LOG_SEALED_TYPE: typeof LOG_SEALED = 'LogSealed';

/** A seal of the log, on `ta.audit.seals` under a constant key (seals stay in order). */
function sealMessage(event: RecordedEvent): OutgoingMessage {
  if (event.schemaVersion !== 1) {
    throw new UnmappedEventError(`${event.type} has domain schema version ${event.schemaVersion}; the mapping reads version 1 (event ${event.id})`);
  }
  const d = event.data as LogSealedData;
  const value: LogSealedV1 = {
    eventId: event.id,
    type: 'LogSealed',
    schemaVersion: 1,
    subject: { kind: 'log', id: SEALS_STREAM, version: event.streamPosition },
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    actorRole: event.metadata.actorRole,
    data: {
      scheme: d.scheme,
      sealNo: d.sealNo,
      first: { commitOrder: d.first.commitOrder, globalPosition: d.first.globalPosition },
      last: { commitOrder: d.last.commitOrder, globalPosition: d.last.globalPosition },
      eventCount: d.eventCount,
      merkleRoot: d.merkleRoot,
      previousSealHash: d.previousSealHash,
      sealHash: d.sealHash,
      sealedAt: d.sealedAt,
    },
  };
  return { topic: AUDIT_SEALS_TOPIC, key: AUDIT_SEALS_KEY, value };
}
