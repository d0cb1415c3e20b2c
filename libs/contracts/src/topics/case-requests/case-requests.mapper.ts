import type { RecordedEvent } from '@ta/event-store';
import {
  chapterOfSource,
  upcastRequestEvent,
  type EngagementEvent,
  type NeedSource,
  type RequestEndReason,
  type RequestEvent,
  type TextTranslationEventType,
  type engagementEventSchemaVersions,
  type requestEventSchemaVersions,
} from '@ta/case';
import { assertUnreachable } from '@ta/core';
import { capacityUnit } from '../../mapping/capacity-unit';
import { assertDomainVersion, integrationEvent } from '../../mapping/integration-event';
import type { MappingContext, PublishedDomainEvent, TopicMapper } from '../../mapping/topic-mapper';
import { UnmappedEventError } from '../../mapping/unmapped-event.error';
import { REQUEST_AMENDED_FIELDS, type CaseRequestsEvent, type PublishedNeedSourceV1 } from './case-requests.events';
import { CASE_REQUESTS_TOPIC, PLATFORM_CANCELLATION_REASONS, type PlatformCancellationReason } from './case-requests.topic';

/** The domain events of one request (the case): its own and its engagements' and milestones'. */
type CaseRequestDomainEvent = Exclude<RequestEvent | EngagementEvent, { readonly type: TextTranslationEventType }>;
type CaseRequestEventType = CaseRequestDomainEvent['type'];
type DomainSchemaVersions = typeof requestEventSchemaVersions & typeof engagementEventSchemaVersions;

/**
 * Every domain event type of a request, the domain schema version its mapping reads (the case
 * context's current one: the compiler checks it) and the contract version it is published as.
 * All of them are meaningful to donors and States, including those the process managers
 * append (agreed, committed, activated, matched).
 */
const VERSIONS = {
  RequestSubmitted: { domainVersion: 2, version: 2 },
  RequestAccessChanged: { domainVersion: 1, version: 1 },
  RequestAmended: { domainVersion: 1, version: 1 },
  RequestTriaged: { domainVersion: 1, version: 1 },
  RequestReturnedForClarification: { domainVersion: 1, version: 2 },
  RequestClarificationProvided: { domainVersion: 1, version: 2 },
  RequestDeclined: { domainVersion: 1, version: 2 },
  RequestWithdrawn: { domainVersion: 1, version: 2 },
  RequestMatched: { domainVersion: 1, version: 1 },
  RequestDeliveryStarted: { domainVersion: 1, version: 1 },
  RequestDelivered: { domainVersion: 1, version: 1 },
  RequestFollowUpRecorded: { domainVersion: 1, version: 2 },
  RequestClosed: { domainVersion: 1, version: 1 },
  EngagementProposed: { domainVersion: 1, version: 2 },
  EngagementAccepted: { domainVersion: 1, version: 1 },
  EngagementAgreed: { domainVersion: 1, version: 1 },
  EngagementDeclined: { domainVersion: 1, version: 2 },
  EngagementActivated: { domainVersion: 1, version: 1 },
  EngagementCancelled: { domainVersion: 1, version: 2 },
  EngagementCompleted: { domainVersion: 1, version: 1 },
  CompletionAcknowledged: { domainVersion: 1, version: 1 },
  CompletionContested: { domainVersion: 1, version: 1 },
  MilestonePlanned: { domainVersion: 1, version: 2 },
  MilestoneReported: { domainVersion: 1, version: 2 },
  MilestoneConfirmed: { domainVersion: 1, version: 1 },
  MilestoneDisputed: { domainVersion: 1, version: 2 },
  MilestoneDisputeAnswered: { domainVersion: 1, version: 1 },
  MilestoneDisputeResolved: { domainVersion: 1, version: 1 },
  MilestoneRescheduled: { domainVersion: 1, version: 2 },
} as const satisfies { readonly [T in CaseRequestEventType]: { readonly domainVersion: DomainSchemaVersions[T]; readonly version: number } };

/** The contract type a domain event type is published as, at the version `VERSIONS` names (each type's own, for a union of types). */
type Published<T extends CaseRequestEventType> = T extends CaseRequestEventType
  ? Extract<CaseRequestsEvent, { readonly type: T; readonly schemaVersion: (typeof VERSIONS)[T]['version'] }>
  : never;

/** The request-scoped domain event types ta.case.requests publishes, with their versions. */
export const CASE_REQUEST_EVENTS: readonly PublishedDomainEvent[] = Object.entries(VERSIONS).map(([type, v]) => ({ type, ...v }));

/** The request (the case) a domain event belongs to: see `caseRequestOf`. */
export interface CaseRequestRef {
  readonly requestId: string;
  /**
   * Whether the request is restricted from this event on, when the event itself says so
   * (RequestSubmitted, RequestAccessChanged); otherwise null (the latest such event before it decides).
   */
  readonly restrictedFromHere: boolean | null;
}

/**
 * The request (the case) a domain event belongs to: the request's own events and its
 * engagements' and milestones' (they all carry `requestId`); null for events of no request
 * (offers, seals, other contexts). A RequestSubmitted also tells whether the request is
 * restricted. Whoever maps a case event needs that fact for every event of the request.
 */
export function caseRequestOf(event: RecordedEvent): CaseRequestRef | null {
  if (!Object.hasOwn(VERSIONS, event.type)) return null;
  const d = event.data as { readonly requestId?: unknown; readonly restricted?: unknown } | null;
  if (typeof d?.requestId !== 'string' || d.requestId === '') {
    throw new UnmappedEventError(`${event.type} names no request (event ${event.id} on ${event.streamId})`);
  }
  // Anything but an explicit `false` counts as restricted: when in doubt, publish less.
  const setsRestriction = event.type === 'RequestSubmitted' || event.type === 'RequestAccessChanged';
  return { requestId: d.requestId, restrictedFromHere: setsRestriction ? d.restricted !== false : null };
}

/**
 * ta.case.requests: a request and everything that happens to it, keyed by the request id.
 * Fields are copied one by one, never spread, so a field added to a domain event is not
 * published until it is added here and to a new contract version. Personal data (the contact
 * person, actor ids) is never published.
 *
 * Restricted requests: every free text of the case (the request's, its clarifications,
 * reasons, follow-up comment, its engagements' and milestones' texts) is null, in every
 * event of the case, not only in RequestSubmitted. Codes, dates, amounts and the lifecycle
 * stay, so coverage and gaps are still right.
 */
export const caseRequestsMapper: TopicMapper = {
  owns: (event) => Object.hasOwn(VERSIONS, event.type),
  map(event, context) {
    const versions = VERSIONS[event.type as CaseRequestEventType];
    event = upcast(event);
    assertDomainVersion(event, versions.domainVersion);
    const request = caseRequestOf(event)!;
    if (!context) {
      throw new UnmappedEventError(`${event.type} belongs to request ${request.requestId}: mapping it needs to know whether that request is restricted (event ${event.id})`);
    }
    // `context`: the restriction from this event on (the relay's RequestRestrictions); an event that restricts says so itself.
    const restricted = context.restricted || request.restrictedFromHere === true;
    const m = mapped(event as unknown as CaseRequestDomainEvent, { restricted });
    return { topic: CASE_REQUESTS_TOPIC, key: request.requestId, value: integrationEvent(event, versions.version, m.subject, m.data) as CaseRequestsEvent };
  },
};

/** A request event stored at an older schema version, at the version the mapping reads (`upcastRequestEvent`); any other event as it is. */
function upcast(event: RecordedEvent): RecordedEvent {
  const current = upcastRequestEvent(event);
  if (!current || current.data === event.data) return event;
  return { ...event, schemaVersion: VERSIONS[event.type as CaseRequestEventType].domainVersion, data: current.data };
}

interface Mapped {
  readonly subject: { readonly kind: 'request' | 'engagement'; readonly id: string };
  readonly data: Published<CaseRequestEventType>['data'];
}

/** An event of the request itself: its subject is the request. */
function ofRequest<E extends Extract<CaseRequestDomainEvent, RequestEvent>>(e: E, data: Published<E['type']>['data']): Mapped {
  return { subject: { kind: 'request', id: e.data.requestId }, data };
}
/** An event of an engagement or one of its milestones: its subject is the engagement. */
function ofEngagement<E extends Extract<CaseRequestDomainEvent, EngagementEvent>>(e: E, data: Published<E['type']>['data']): Mapped {
  return { subject: { kind: 'engagement', id: e.data.engagementId }, data };
}

/** Every domain event type of a request, field by field (a new type fails the type check until it is mapped here). */
function mapped(e: CaseRequestDomainEvent, c: MappingContext): Mapped {
  switch (e.type) {
    case 'RequestSubmitted': {
      const d = e.data;
      // Personal data: `contactPerson` is dropped. Restricted requests: no free text.
      return ofRequest(e, {
        requestId: d.requestId,
        at: d.at,
        country: d.country,
        restricted: d.restricted,
        title: unlessRestricted(c, d.title),
        description: unlessRestricted(c, d.description),
        beneficiaryInstitution: unlessRestricted(c, d.beneficiaryInstitution),
        statePriority: d.statePriority,
        sources: d.sources.map((source) => publishedSource(source, c)),
        suggestedArticles: d.suggestedArticles,
        suggestedTaTypes: d.suggestedTaTypes,
        preferredLanguages: d.preferredLanguages,
        desiredWindow: d.desiredWindow ? { from: d.desiredWindow.from, to: d.desiredWindow.to } : null,
      });
    }
    case 'RequestAmended': {
      const d = e.data;
      const changed = REQUEST_AMENDED_FIELDS.filter((f) => d[f] !== undefined);
      return ofRequest(e, {
        ...requestRef(d),
        changed,
        title: d.title ? unlessRestricted(c, d.title) : null,
        description: d.description ? unlessRestricted(c, d.description) : null,
        beneficiaryInstitution: d.beneficiaryInstitution !== undefined ? unlessRestricted(c, d.beneficiaryInstitution) : null,
        sources: d.sources ? d.sources.map((source) => publishedSource(source, c)) : null,
        suggestedArticles: d.suggestedArticles ? [...d.suggestedArticles] : null,
        suggestedTaTypes: d.suggestedTaTypes ? [...d.suggestedTaTypes] : null,
        preferredLanguages: d.preferredLanguages ? [...d.preferredLanguages] : null,
        desiredWindow: d.desiredWindow ? { from: d.desiredWindow.from, to: d.desiredWindow.to } : null,
        statePriority: d.statePriority ?? null,
      });
    }
    case 'RequestTriaged':
      return ofRequest(e, { ...requestRef(e.data), articles: e.data.articles, taTypes: e.data.taTypes, priority: e.data.priority });
    case 'RequestReturnedForClarification':
      return ofRequest(e, { ...requestRef(e.data), question: unlessRestricted(c, e.data.question) });
    case 'RequestClarificationProvided':
      return ofRequest(e, { ...requestRef(e.data), answer: unlessRestricted(c, e.data.answer) });
    case 'RequestDeclined':
      return ofRequest(e, { ...requestRef(e.data), reason: unlessRestricted(c, e.data.reason) });
    case 'RequestWithdrawn':
      return ofRequest(e, { ...requestRef(e.data), reason: unlessRestricted(c, e.data.reason) });
    case 'RequestMatched':
      return ofRequest(e, { ...requestRef(e.data), engagementId: e.data.engagementId });
    case 'RequestDeliveryStarted':
      return ofRequest(e, { ...requestRef(e.data), engagementId: e.data.engagementId });
    case 'RequestDelivered':
      return ofRequest(e, { ...requestRef(e.data), engagementId: e.data.engagementId });
    case 'RequestFollowUpRecorded':
      return ofRequest(e, { ...requestRef(e.data), needMet: e.data.needMet, comment: unlessRestricted(c, e.data.comment) });
    case 'RequestClosed':
      return ofRequest(e, requestRef(e.data));
    case 'RequestAccessChanged':
      // `c` is the restriction from this event on: the reason of a restriction is withheld, that of an opening published.
      return ofRequest(e, { ...requestRef(e.data), restricted: e.data.restricted, reason: unlessRestricted(c, e.data.reason) });

    case 'EngagementProposed': {
      const d = e.data;
      return ofEngagement(e, {
        ...engagementRef(d),
        providerId: d.providerId,
        country: d.country,
        amount: d.amount,
        unit: capacityUnit(d.unit),
        score: d.score,
        reasons: c.restricted ? null : [...d.reasons],
      });
    }
    case 'EngagementAccepted':
      return ofEngagement(e, { ...engagementRef(e.data), party: e.data.party });
    case 'EngagementAgreed':
      return ofEngagement(e, { ...engagementRef(e.data), amount: e.data.amount, unit: capacityUnit(e.data.unit) });
    case 'EngagementDeclined':
      return ofEngagement(e, { ...engagementRef(e.data), party: e.data.party, reason: unlessRestricted(c, e.data.reason) });
    case 'EngagementActivated':
      return ofEngagement(e, engagementRef(e.data));
    case 'EngagementCancelled':
      return ofEngagement(e, {
        ...engagementRef(e.data),
        // The platform's own cancellation codes are not free text: kept for restricted requests too.
        reason: PLATFORM_REASONS.has(e.data.reason) ? e.data.reason : unlessRestricted(c, e.data.reason),
        previousStatus: e.data.previousStatus,
      });
    case 'EngagementCompleted':
      return ofEngagement(e, engagementRef(e.data));
    case 'CompletionAcknowledged':
      return ofEngagement(e, engagementRef(e.data));
    case 'CompletionContested':
      return ofEngagement(e, { ...engagementRef(e.data), reason: unlessRestricted(c, e.data.reason) });
    case 'MilestonePlanned':
      return ofEngagement(e, { ...milestoneRef(e.data), title: unlessRestricted(c, e.data.title), dueDate: e.data.dueDate });
    case 'MilestoneReported':
      return ofEngagement(e, { ...milestoneRef(e.data), notes: e.data.notes ? unlessRestricted(c, e.data.notes) : null });
    case 'MilestoneConfirmed':
      return ofEngagement(e, milestoneRef(e.data));
    case 'MilestoneDisputed':
      return ofEngagement(e, { ...milestoneRef(e.data), reason: unlessRestricted(c, e.data.reason) });
    case 'MilestoneDisputeAnswered':
      return ofEngagement(e, { ...milestoneRef(e.data), answer: unlessRestricted(c, e.data.answer) });
    case 'MilestoneDisputeResolved':
      return ofEngagement(e, {
        ...milestoneRef(e.data),
        outcome: e.data.outcome,
        reason: unlessRestricted(c, e.data.reason),
        previousDueDate: e.data.previousDueDate,
        dueDate: e.data.dueDate,
      });
    case 'MilestoneRescheduled':
      return ofEngagement(e, { ...milestoneRef(e.data), previousDueDate: e.data.previousDueDate, dueDate: e.data.dueDate, reason: unlessRestricted(c, e.data.reason) });
    default:
      return assertUnreachable(e, 'no integration mapping for a domain event of a request');
  }
}

/** A need source, field by field; its free text only when the request is not restricted. */
function publishedSource(source: NeedSource, c: MappingContext): PublishedNeedSourceV1 {
  switch (source.kind) {
    case 'self-assessment':
      return sourceFields(source.kind, source.cycle, chapterOfSource(source), source.article, source.paragraph, source.round, null, unlessRestricted(c, source.need), null);
    case 'review-report':
      return sourceFields(source.kind, source.cycle, source.chapter, source.article, source.paragraph, null, source.reportSymbol, unlessRestricted(c, source.need), null);
    case 'cited-finding':
      return sourceFields(source.kind, source.cycle, null, null, null, null, null, null, unlessRestricted(c, source.reference));
    default:
      return assertUnreachable(source, 'unknown need source');
  }
}

/** The published fields in their wire order. */
function sourceFields(...f: [PublishedNeedSourceV1['kind'], 1 | 2 | null, string | null, string | null, string | null, string | null, string | null, string | null, string | null]): PublishedNeedSourceV1 {
  const [kind, cycle, chapter, article, paragraph, round, reportSymbol, need, reference] = f;
  return { kind, cycle, chapter, article, paragraph, round, reportSymbol, need, reference };
}

/** Free text of a case: published only when its request is not restricted. */
function unlessRestricted<T>(context: MappingContext, text: T): T | null {
  return context.restricted ? null : text;
}

function requestRef(d: { requestId: string; at: string }) {
  return { requestId: d.requestId, at: d.at };
}
function engagementRef(d: { engagementId: string; requestId: string; offerId: string; at: string }) {
  return { engagementId: d.engagementId, requestId: d.requestId, offerId: d.offerId, at: d.at };
}
function milestoneRef(d: { engagementId: string; requestId: string; offerId: string; at: string; milestoneId: string }) {
  return { ...engagementRef(d), milestoneId: d.milestoneId };
}

// Every reason the withdrawal process manager gives (@ta/case `RequestEndReason`) must be a
// platform code (the compiler checks it); the engagement-flow's refusals
// ('insufficient_capacity', ...) are plain strings there, listed by hand. A code missing from
// the list is only withheld for restricted requests: the safe side.
type Assert<T extends true> = T;
export type RequestEndReasonsArePlatformCodes = Assert<[RequestEndReason] extends [PlatformCancellationReason] ? true : false>;
const PLATFORM_REASONS: ReadonlySet<string> = new Set<string>(PLATFORM_CANCELLATION_REASONS);
