import type { AUDIT_SEALS_STREAM, LOG_SEALED, LogSealedData } from '@ta/audit';
import type { CaseDomainEventFor } from './domain-events';
import type { RecordedEvent } from '@ta/event-store';
import type { IntegrationEvent, Subject } from './envelope';
import { CASE_OFFERS_TOPIC } from './topics/case-offers/case-offers.topic';
import { CASE_REQUESTS_TOPIC } from './topics/case-requests/case-requests.topic';
import type { CaseRequestsEvent, RequestSubmittedV1 } from './topics/case-requests/case-requests.events';
import type { CaseOffersEvent } from './topics/case-offers/case-offers.events';
import { AUDIT_SEALS_KEY, AUDIT_SEALS_TOPIC } from './topics/audit-seals/audit-seals.topic';
import type { AuditSealsEvent, LogSealedV1 } from './topics/audit-seals/audit-seals.events';

/** A message ready for Kafka: topic (before the deployment prefix), key, value, headers. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: CaseRequestsEvent | CaseOffersEvent | AuditSealsEvent;
}

type Mapped = { readonly topic: string; readonly key: string; readonly kind: Subject['kind']; readonly id: string; readonly type: string; readonly version: number; readonly data: unknown };

/** One mapper per domain event type at its current domain schema version. */
type Mappers = { readonly [T in keyof CaseDomainEventFor]: { readonly domainVersion: number; readonly map: (data: CaseDomainEventFor[T]) => Mapped } };

const onRequest = <D extends { requestId: string }>(type: string, data: D, out: unknown = data): Mapped => ({
  topic: CASE_REQUESTS_TOPIC,
  key: data.requestId,
  kind: 'request',
  id: data.requestId,
  type,
  version: 1,
  data: out,
});
const onEngagement = <D extends { requestId: string; engagementId: string }>(type: string, data: D, out: unknown = data): Mapped => ({
  topic: CASE_REQUESTS_TOPIC,
  key: data.requestId,
  kind: 'engagement',
  id: data.engagementId,
  type,
  version: 1,
  data: out,
});
const onOffer = <D extends { offerId: string }>(type: string, data: D, out: unknown = data): Mapped => ({
  topic: CASE_OFFERS_TOPIC,
  key: data.offerId,
  kind: 'offer',
  id: data.offerId,
  type,
  version: 1,
  data: out,
});

/**
 * THE mapping from the case's domain events to integration events. Every domain event type
 * is listed (the compiler checks it): all of them are meaningful to donors and States,
 * including those the process managers append (agreed, committed, activated, matched).
 * Fields are copied one by one, never spread, so a field added to a domain event is not
 * published until it is added here and to a new contract version.
 */
const MAPPERS: Mappers = {
  RequestSubmitted: {
    domainVersion: 1,
    map: (d) => {
      // Personal data: `contactPerson` is dropped. Restricted requests: no free text.
      const out: RequestSubmittedV1['data'] = {
        requestId: d.requestId,
        at: d.at,
        country: d.country,
        restricted: d.restricted,
        title: d.restricted ? null : d.title,
        description: d.restricted ? null : d.description,
        beneficiaryInstitution: d.restricted ? null : d.beneficiaryInstitution,
        findingRef: d.restricted || !d.findingRef ? null : { reviewCycle: d.findingRef.reviewCycle, reference: d.findingRef.reference },
        suggestedArticles: d.suggestedArticles,
        suggestedTaTypes: d.suggestedTaTypes,
        preferredLanguages: d.preferredLanguages,
        desiredWindow: d.desiredWindow ? { from: d.desiredWindow.from, to: d.desiredWindow.to } : null,
      };
      return onRequest('RequestSubmitted', d, out);
    },
  },
  RequestTriaged: {
    domainVersion: 1,
    map: (d) => onRequest('RequestTriaged', d, { requestId: d.requestId, at: d.at, articles: d.articles, taTypes: d.taTypes, priority: d.priority }),
  },
  RequestReturnedForClarification: {
    domainVersion: 1,
    map: (d) => onRequest('RequestReturnedForClarification', d, { requestId: d.requestId, at: d.at, question: d.question }),
  },
  RequestClarificationProvided: {
    domainVersion: 1,
    map: (d) => onRequest('RequestClarificationProvided', d, { requestId: d.requestId, at: d.at, answer: d.answer }),
  },
  RequestDeclined: { domainVersion: 1, map: (d) => onRequest('RequestDeclined', d, { requestId: d.requestId, at: d.at, reason: d.reason }) },
  RequestWithdrawn: { domainVersion: 1, map: (d) => onRequest('RequestWithdrawn', d, { requestId: d.requestId, at: d.at, reason: d.reason }) },
  RequestMatched: { domainVersion: 1, map: (d) => onRequest('RequestMatched', d, { requestId: d.requestId, at: d.at, engagementId: d.engagementId }) },
  RequestDeliveryStarted: {
    domainVersion: 1,
    map: (d) => onRequest('RequestDeliveryStarted', d, { requestId: d.requestId, at: d.at, engagementId: d.engagementId }),
  },
  RequestDelivered: { domainVersion: 1, map: (d) => onRequest('RequestDelivered', d, { requestId: d.requestId, at: d.at, engagementId: d.engagementId }) },
  RequestFollowUpRecorded: {
    domainVersion: 1,
    map: (d) => onRequest('RequestFollowUpRecorded', d, { requestId: d.requestId, at: d.at, needMet: d.needMet, comment: d.comment }),
  },
  RequestClosed: { domainVersion: 1, map: (d) => onRequest('RequestClosed', d, { requestId: d.requestId, at: d.at }) },

  EngagementProposed: {
    domainVersion: 1,
    map: (d) =>
      onEngagement('EngagementProposed', d, {
        ...engagementRef(d),
        providerId: d.providerId,
        country: d.country,
        amount: d.amount,
        unit: unit(d.unit),
        score: d.score,
        reasons: d.reasons,
      }),
  },
  EngagementAccepted: { domainVersion: 1, map: (d) => onEngagement('EngagementAccepted', d, { ...engagementRef(d), party: d.party }) },
  EngagementAgreed: { domainVersion: 1, map: (d) => onEngagement('EngagementAgreed', d, { ...engagementRef(d), amount: d.amount, unit: unit(d.unit) }) },
  EngagementDeclined: { domainVersion: 1, map: (d) => onEngagement('EngagementDeclined', d, { ...engagementRef(d), party: d.party, reason: d.reason }) },
  EngagementActivated: { domainVersion: 1, map: (d) => onEngagement('EngagementActivated', d, engagementRef(d)) },
  EngagementCancelled: {
    domainVersion: 1,
    map: (d) => onEngagement('EngagementCancelled', d, { ...engagementRef(d), reason: d.reason, previousStatus: d.previousStatus }),
  },
  EngagementCompleted: { domainVersion: 1, map: (d) => onEngagement('EngagementCompleted', d, engagementRef(d)) },
  MilestonePlanned: {
    domainVersion: 1,
    map: (d) => onEngagement('MilestonePlanned', d, { ...milestoneRef(d), title: d.title, dueDate: d.dueDate }),
  },
  MilestoneReported: { domainVersion: 1, map: (d) => onEngagement('MilestoneReported', d, milestoneRef(d)) },
  MilestoneConfirmed: { domainVersion: 1, map: (d) => onEngagement('MilestoneConfirmed', d, milestoneRef(d)) },
  MilestoneDisputed: { domainVersion: 1, map: (d) => onEngagement('MilestoneDisputed', d, { ...milestoneRef(d), reason: d.reason }) },
  MilestoneRescheduled: {
    domainVersion: 1,
    map: (d) =>
      onEngagement('MilestoneRescheduled', d, { ...milestoneRef(d), previousDueDate: d.previousDueDate, dueDate: d.dueDate, reason: d.reason }),
  },

  OfferRegistered: {
    domainVersion: 1,
    map: (d) =>
      onOffer('OfferRegistered', d, {
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
  CapacityCommitted: { domainVersion: 1, map: (d) => onOffer('CapacityCommitted', d, capacityChange(d)) },
  CapacityReleased: { domainVersion: 1, map: (d) => onOffer('CapacityReleased', d, capacityChange(d)) },
  OfferWithdrawn: { domainVersion: 1, map: (d) => onOffer('OfferWithdrawn', d, { offerId: d.offerId, at: d.at, reason: d.reason }) },
  OfferExpired: { domainVersion: 1, map: (d) => onOffer('OfferExpired', d, { offerId: d.offerId, at: d.at }) },
};

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

/** The domain event types that are published, with the domain schema version each mapper reads. */
export const PUBLISHED_DOMAIN_EVENTS: ReadonlyArray<{ type: string; domainVersion: number }> = Object.entries(MAPPERS).map(([type, m]) => ({
  type,
  domainVersion: m.domainVersion,
}));

/**
 * The integration event for a recorded domain event, or null when the event is not
 * published (it belongs to no case stream). A case event of an unknown type or domain
 * schema version throws: the relay stops rather than skip or guess.
 */
export function toIntegrationEvent(event: RecordedEvent): OutgoingMessage | null {
  if (event.streamId === SEALS_STREAM && event.type === LOG_SEALED_TYPE) return sealMessage(event);
  const mapper = (MAPPERS as Record<string, { domainVersion: number; map: (d: never) => Mapped } | undefined>)[event.type];
  if (!mapper) {
    if (CASE_STREAM.test(event.streamId)) throw new UnmappedEventError(`no integration mapping for ${event.type} (event ${event.id} on ${event.streamId})`);
    return null;
  }
  if (event.schemaVersion !== mapper.domainVersion) {
    throw new UnmappedEventError(`${event.type} has domain schema version ${event.schemaVersion}; the mapping reads version ${mapper.domainVersion} (event ${event.id})`);
  }
  const m = mapper.map(event.data as never);
  const value: IntegrationEvent = {
    eventId: event.id,
    type: m.type,
    schemaVersion: m.version,
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
