// Builders of case-context events for the coordination tests and the benchmark. Each returns
// the stream id and the event as the case deciders would have decided it.
import { createHash, randomUUID } from 'node:crypto';
import {
  engagementEventSchemaVersions,
  engagementStreamId,
  offerEventSchemaVersions,
  offerStreamId,
  requestEventSchemaVersions,
  requestStreamId,
  type EngagementEvent,
  type NeedSource,
  type OfferEvent,
  type RequestEvent,
} from '@ta/case';
import type { NewEvent } from '@ta/event-store';

export interface Fixture {
  readonly streamId: string;
  readonly event: RequestEvent | OfferEvent | EngagementEvent;
  readonly actor?: { id: string; role: string };
  /** The schema version it is stored at: the event type's current one unless given (an old shape, for upcasting tests). */
  readonly schemaVersion?: number;
}

const CURRENT_VERSIONS: Readonly<Record<string, number>> = { ...requestEventSchemaVersions, ...offerEventSchemaVersions, ...engagementEventSchemaVersions };

/** The need sources every fixture request cites unless told otherwise: a second-cycle review finding on article 8. */
export const REVIEW_FINDING: NeedSource = {
  kind: 'review-report',
  cycle: 2,
  chapter: 'ch-2',
  reportSymbol: 'CAC/COSP/IRG/II/2/1/Add.4',
  article: 'art-8',
  paragraph: '5',
  need: 'Verify asset declarations of senior officials.',
};

const title = (en: string) => ({ en });

/**
 * A UUID derived from a readable fixture name (`fixtureId('gap-old')`), the same on every run:
 * the API answers a path id that is not a UUID with 404 `request.malformed_id`, so fixtures
 * read through HTTP need UUIDs, and tests keep the names that tell what each one is.
 * Version 8 (RFC 9562, custom), from SHA-256 of the name.
 */
export function fixtureId(name: string): string {
  const h = createHash('sha256').update(`fixture:${name}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const f = {
  submitted: (
    requestId: string,
    at: string,
    o: { country?: string; institution?: string; articles?: string[]; restricted?: boolean; sources?: NeedSource[]; statePriority?: string | null } = {},
  ): Fixture => ({
    streamId: requestStreamId(requestId),
    actor: { id: `focal-${(o.country ?? 'KE').toLowerCase()}`, role: 'state' },
    event: {
      type: 'RequestSubmitted',
      data: {
        requestId,
        at,
        country: o.country ?? 'KE',
        title: title('Asset declaration verification'),
        description: title('Support to verify asset declarations of senior officials'),
        suggestedArticles: o.articles ?? ['art-8'],
        suggestedTaTypes: ['c1-legal-advice'],
        beneficiaryInstitution: o.institution ?? 'Ethics and Anti-Corruption Commission',
        preferredLanguages: ['en'],
        desiredWindow: { from: '2025-06-01', to: '2025-12-31' },
        sources: o.sources ?? [REVIEW_FINDING],
        restricted: o.restricted ?? false,
        statePriority: o.statePriority === undefined ? 'medium' : o.statePriority,
        contactPerson: { name: 'Jane Wanjiru', email: 'jane@example.org' },
      },
    },
  }),
  triaged: (requestId: string, at: string, articles = ['art-8', 'art-9'], taTypes = ['c1-legal-advice', 'c2-capacity-building']): Fixture => ({
    streamId: requestStreamId(requestId),
    actor: { id: 'unodc-1', role: 'secretariat' },
    event: { type: 'RequestTriaged', data: { requestId, at, articles, taTypes, priority: 'high' } },
  }),
  requestEvent: (requestId: string, event: RequestEvent, role = 'system'): Fixture => ({ streamId: requestStreamId(requestId), actor: { id: role, role }, event }),
  offer: (
    offerId: string,
    at: string,
    o: { providerId?: string; providerCountry?: string; countries?: string[]; articles?: string[]; money?: number; days?: number; from?: string; to?: string } = {},
  ): Fixture => ({
    streamId: offerStreamId(offerId),
    actor: { id: o.providerId ?? 'donor-a', role: 'donor' },
    event: {
      type: 'OfferRegistered',
      data: {
        offerId,
        at,
        providerId: o.providerId ?? 'donor-a',
        providerKind: o.providerCountry ? 'state_authority' : 'bilateral',
        ...(o.providerCountry ? { providerCountry: o.providerCountry } : {}),
        taTypes: ['c1-legal-advice', 'c2-capacity-building'],
        articles: o.articles ?? ['art-8', 'art-9'],
        eligibleCountries: o.countries ?? ['KE'],
        eligibleRegions: [],
        languages: ['en'],
        modality: 'hybrid',
        capacity: o.days !== undefined ? { kind: 'expert_days', days: o.days } : { kind: 'money', amount: o.money ?? 10_000_000, currency: 'USD' },
        availability: { from: o.from ?? '2025-01-01', to: o.to ?? '2026-12-31' },
        title: title('Integrity programme'),
        description: title('Legal advice and training'),
      },
    },
  }),
  offerEvent: (offerId: string, event: OfferEvent): Fixture => ({ streamId: offerStreamId(offerId), actor: { id: 'system', role: 'system' }, event }),
  proposed: (e: { engagementId: string; requestId: string; offerId: string; at: string; amount?: number; providerId?: string; implementerId?: string; country?: string; days?: boolean }): Fixture => ({
    streamId: engagementStreamId(e.engagementId),
    actor: { id: 'unodc-1', role: 'secretariat' },
    event: {
      type: 'EngagementProposed',
      data: {
        engagementId: e.engagementId,
        requestId: e.requestId,
        offerId: e.offerId,
        at: e.at,
        providerId: e.providerId ?? 'donor-a',
        ...(e.implementerId ? { implementerId: e.implementerId } : {}),
        country: e.country ?? 'KE',
        amount: e.amount ?? 2_500_000,
        unit: e.days ? { kind: 'expert_days' } : { kind: 'money', currency: 'USD' },
        score: 0.82,
        reasons: ['article match', 'language match'],
      },
    },
  }),
  engagementEvent: (engagementId: string, event: EngagementEvent, role = 'system'): Fixture => ({
    streamId: engagementStreamId(engagementId),
    actor: { id: role, role },
    event,
  }),
};

export function toNewEvent(x: Fixture, occurredAt?: string): NewEvent {
  const at = (x.event.data as { at: string }).at;
  return {
    id: randomUUID(),
    type: x.event.type,
    schemaVersion: x.schemaVersion ?? CURRENT_VERSIONS[x.event.type] ?? 1,
    data: x.event.data,
    metadata: {
      actorId: x.actor?.id ?? 'system',
      actorRole: x.actor?.role ?? 'system',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: occurredAt ?? at,
    },
  };
}

/**
 * One whole case: a request submitted and triaged, an offer, an engagement proposed,
 * accepted, agreed, capacity committed, activated, the request matched, milestones planned,
 * one reported and confirmed, one disputed, one rescheduled. `n` makes ids unique: `req-n`,
 * `off-n`, `eng-n`, or `fixtureId('req-n')`... with `{ ids: fixtureId }` (for tests that read
 * them through HTTP). Milestone ids stay `m1`-`m3`.
 */
export function wholeCase(n: number, options: { baseDay?: string; ids?: (name: string) => string } = {}): Fixture[] {
  const baseDay = options.baseDay ?? '2025-01-01';
  const id = (k: string) => (options.ids ?? ((name: string) => name))(`${k}-${n}`);
  const r = id('req');
  const o = id('off');
  const e = id('eng');
  const t = (minutes: number) => new Date(Date.parse(`${baseDay}T08:00:00Z`) + minutes * 60_000).toISOString();
  const ref = { engagementId: e, requestId: r, offerId: o };
  const countries = ['KE', 'PE', 'VN', 'MA', 'UA'];
  const country = countries[n % countries.length]!;
  return [
    f.submitted(r, t(0), { country }),
    f.triaged(r, t(10)),
    f.offer(o, t(20), { countries: [country], providerId: `donor-${n % 7}` }),
    f.proposed({ ...ref, at: t(30), country, providerId: `donor-${n % 7}` }),
    f.engagementEvent(e, { type: 'EngagementAccepted', data: { ...ref, at: t(40), party: 'state' } }, 'state'),
    f.engagementEvent(e, { type: 'EngagementAccepted', data: { ...ref, at: t(41), party: 'provider' } }, 'donor'),
    f.engagementEvent(e, { type: 'EngagementAgreed', data: { ...ref, at: t(41), amount: 2_500_000, unit: { kind: 'money', currency: 'USD' } } }),
    f.offerEvent(o, { type: 'CapacityCommitted', data: { offerId: o, engagementId: e, at: t(42), amount: 2_500_000, unit: { kind: 'money', currency: 'USD' }, remaining: 7_500_000 } }),
    f.engagementEvent(e, { type: 'EngagementActivated', data: { ...ref, at: t(43) } }),
    f.requestEvent(r, { type: 'RequestMatched', data: { requestId: r, at: t(43), engagementId: e } }),
    f.engagementEvent(e, { type: 'MilestonePlanned', data: { ...ref, at: t(50), milestoneId: 'm1', title: { en: 'Inception' }, dueDate: '2025-02-01' } }, 'donor'),
    f.requestEvent(r, { type: 'RequestDeliveryStarted', data: { requestId: r, at: t(50), engagementId: e } }),
    f.engagementEvent(e, { type: 'MilestonePlanned', data: { ...ref, at: t(51), milestoneId: 'm2', title: { en: 'Workshop' }, dueDate: '2025-03-01' } }, 'donor'),
    f.engagementEvent(e, { type: 'MilestonePlanned', data: { ...ref, at: t(52), milestoneId: 'm3', title: { en: 'Report' }, dueDate: '2025-04-01' } }, 'donor'),
    f.engagementEvent(e, { type: 'MilestoneReported', data: { ...ref, at: t(60), milestoneId: 'm1' } }, 'donor'),
    f.engagementEvent(e, { type: 'MilestoneConfirmed', data: { ...ref, at: t(70), milestoneId: 'm1' } }, 'state'),
    f.engagementEvent(e, { type: 'MilestoneDisputed', data: { ...ref, at: t(80), milestoneId: 'm2', reason: 'workshop not held' } }, 'state'),
    f.engagementEvent(e, { type: 'MilestoneRescheduled', data: { ...ref, at: t(90), milestoneId: 'm3', previousDueDate: '2025-04-01', dueDate: '2025-05-15', reason: 'elections' } }, 'donor'),
    f.requestEvent(r, { type: 'RequestTextTranslated', data: { requestId: r, at: t(91), text: 'description', language: 'fr', translation: `Description ${n}` } }, 'secretariat'),
    f.offerEvent(o, { type: 'OfferTextTranslated', data: { offerId: o, at: t(92), text: 'title', language: 'es', translation: `Oferta ${n}` } }),
    f.engagementEvent(e, { type: 'EngagementTextTranslated', data: { ...ref, at: t(93), text: 'milestones/m2/disputes/1/reason', language: 'ar', translation: 'لم تعقد الورشة' } }, 'secretariat'),
  ];
}
