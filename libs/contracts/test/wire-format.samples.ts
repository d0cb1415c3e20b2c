import type { RecordedEvent } from '@ta/event-store';
import type { MappingContext } from '@ta/contracts';

/**
 * A recorded domain event of every type the platform publishes (and a few it does not, or
 * refuses), with the context the relay would map it in. `wire-format.json` holds what each
 * one is on the wire.
 */
export interface WireSample {
  readonly name: string;
  readonly event: RecordedEvent;
  readonly context?: MappingContext;
}

const OPEN: MappingContext = { restricted: false };
const RESTRICTED: MappingContext = { restricted: true };

const REQUEST = '0b0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f11';
const ENGAGEMENT = '5d1f7a52-8c1b-4d7e-b1f2-0e6a3c9d4b21';
const OFFER = '9e2b4c6d-1a3f-4e5b-8c7d-2f1e0a9b8c71';
const MILESTONE = 'c4d5e6f7-0a1b-4c2d-9e3f-4a5b6c7d8e91';
const AT = '2026-03-01T09:30:00Z';

let sequence = 0;
function recorded(type: string, streamId: string, data: unknown, overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  sequence++;
  return {
    id: `a3c9b2f0-1d1e-4c8b-9f0e-${String(sequence).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { actorId: 'user-amina', actorRole: 'state', correlationId: `corr-${sequence}`, causationId: null, occurredAt: AT },
    streamId,
    streamPosition: sequence,
    globalPosition: 100 + sequence,
    logPosition: { commit: String(1000 + sequence), position: 100 + sequence },
    recordedAt: new Date(Date.parse(AT) + sequence * 1001),
    ...overrides,
  };
}
const onRequest = (type: string, data: unknown, overrides: Partial<RecordedEvent> = {}) => recorded(type, `request-${REQUEST}`, data, overrides);
const onEngagement = (type: string, data: unknown, overrides: Partial<RecordedEvent> = {}) => recorded(type, `engagement-${ENGAGEMENT}`, data, overrides);
const onOffer = (type: string, data: unknown, overrides: Partial<RecordedEvent> = {}) => recorded(type, `offer-${OFFER}`, data, overrides);
/** Metadata of an event a process manager appended: the system's role, caused by another event. */
const bySecretariat = (): Partial<RecordedEvent> => ({
  metadata: { actorId: 'secretariat-1', actorRole: 'secretariat', correlationId: 'corr-sec', causationId: null, occurredAt: AT },
});
const bySystem = (causationId: string): Partial<RecordedEvent> => ({
  metadata: { actorId: 'system', actorRole: 'system', correlationId: 'corr-pm', causationId, occurredAt: AT },
});

const REQ = { requestId: REQUEST, at: AT };
const ENG = { engagementId: ENGAGEMENT, requestId: REQUEST, offerId: OFFER, at: AT };
const MS = { ...ENG, milestoneId: MILESTONE };
const EUR = { kind: 'money', currency: 'EUR' };
const DAYS = { kind: 'expert_days' };

const submitted = (restricted: boolean) => ({
  requestId: REQUEST,
  at: AT,
  country: 'KE',
  title: { en: 'Asset declarations', fr: 'Déclarations de patrimoine' },
  description: { en: 'Verification of asset declarations' },
  suggestedArticles: ['art-8', 'art-52'],
  suggestedTaTypes: ['c2-capacity-building'],
  beneficiaryInstitution: 'EACC',
  preferredLanguages: ['en', 'fr'],
  desiredWindow: { from: '2026-06-01', to: '2026-12-31' },
  findingRef: { reviewCycle: 2, reference: 'para 12' },
  restricted,
  contactPerson: { name: 'Amina Njoroge', email: 'amina@example.go.ke' },
});
/** RequestSubmitted as stored from domain schema version 2 on: structured sources, the State's priority. */
const submittedV2 = (restricted: boolean) => {
  const { findingRef: _old, ...rest } = submitted(restricted);
  return {
    ...rest,
    sources: [
      { kind: 'self-assessment', round: '2008-2009', cycle: null, article: 'art-8', paragraph: null, need: 'Codes of conduct for public officials' },
      { kind: 'review-report', cycle: 2, chapter: 'ch-2', reportSymbol: 'CAC/COSP/IRG/II/2/1/Add.4', article: 'art-9', paragraph: '1 (a)', need: 'Publish procurement decisions' },
    ],
    restricted,
    statePriority: 'high',
  };
};
const V2 = { schemaVersion: 2 };

/** Every type of a request's own events and its engagements' and milestones' events. */
const CASE_EVENTS: ReadonlyArray<readonly [name: string, make: () => RecordedEvent]> = [
  ['RequestSubmitted', () => onRequest('RequestSubmitted', submittedV2(false), V2)],
  ['RequestTriaged', () => onRequest('RequestTriaged', { ...REQ, articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' })],
  ['RequestReturnedForClarification', () => onRequest('RequestReturnedForClarification', { ...REQ, question: { en: 'Which agencies?', fr: 'Quelles agences ?' } })],
  ['RequestClarificationProvided', () => onRequest('RequestClarificationProvided', { ...REQ, answer: { en: 'The EACC.' } })],
  ['RequestDeclined', () => onRequest('RequestDeclined', { ...REQ, reason: 'covered by the national plan' })],
  ['RequestWithdrawn', () => onRequest('RequestWithdrawn', { ...REQ, reason: 'minister changed' })],
  ['RequestMatched', () => onRequest('RequestMatched', { ...REQ, engagementId: ENGAGEMENT }, bySystem('cause-agreed'))],
  ['RequestDeliveryStarted', () => onRequest('RequestDeliveryStarted', { ...REQ, engagementId: ENGAGEMENT }, bySystem('cause-activated'))],
  ['RequestDelivered', () => onRequest('RequestDelivered', { ...REQ, engagementId: ENGAGEMENT }, bySystem('cause-completed'))],
  ['RequestFollowUpRecorded', () => onRequest('RequestFollowUpRecorded', { ...REQ, needMet: 'partly_met', comment: { en: 'half the counties' } })],
  ['RequestClosed', () => onRequest('RequestClosed', REQ)],
  [
    'EngagementProposed',
    () =>
      onEngagement('EngagementProposed', {
        ...ENG,
        providerId: 'donor-giz',
        country: 'KE',
        amount: 4_000_000,
        unit: EUR,
        score: 0.86,
        reasons: ['article 8 in both', 'English'],
      }),
  ],
  ['EngagementAccepted', () => onEngagement('EngagementAccepted', { ...ENG, party: 'state' })],
  ['EngagementAgreed', () => onEngagement('EngagementAgreed', { ...ENG, amount: 4_000_000, unit: EUR }, bySystem('cause-accepted'))],
  ['EngagementDeclined', () => onEngagement('EngagementDeclined', { ...ENG, party: 'provider', reason: 'no expert available' })],
  ['EngagementActivated', () => onEngagement('EngagementActivated', ENG, bySystem('cause-committed'))],
  ['EngagementCancelled', () => onEngagement('EngagementCancelled', { ...ENG, reason: 'the ministry asked', previousStatus: 'active' })],
  ['EngagementCompleted', () => onEngagement('EngagementCompleted', ENG, bySystem('cause-confirmed'))],
  ['MilestonePlanned', () => onEngagement('MilestonePlanned', { ...MS, title: { en: 'Risk model delivered' }, dueDate: '2027-03-31' })],
  ['MilestoneReported', () => onEngagement('MilestoneReported', MS)],
  ['MilestoneConfirmed', () => onEngagement('MilestoneConfirmed', MS)],
  ['MilestoneDisputed', () => onEngagement('MilestoneDisputed', { ...MS, reason: 'counties missing' })],
  ['MilestoneRescheduled', () => onEngagement('MilestoneRescheduled', { ...MS, previousDueDate: '2027-03-31', dueDate: '2027-04-30', reason: 'expert ill' })],
];

const registered = (capacity: unknown) => ({
  offerId: OFFER,
  at: AT,
  providerId: 'donor-giz',
  providerKind: 'bilateral',
  taTypes: ['c2-capacity-building'],
  articles: ['art-8'],
  eligibleCountries: ['KE', 'TZ'],
  eligibleRegions: ['014'],
  languages: ['en'],
  modality: 'hybrid',
  capacity,
  availability: { from: '2026-01-01', to: '2027-12-31' },
  title: { en: 'Asset declaration systems' },
  description: { en: 'Peer support for verification' },
});

const SEAL = {
  scheme: 'ta-log-seal/1',
  sealNo: 3,
  first: { commitOrder: '1201', globalPosition: '301' },
  last: { commitOrder: '1300', globalPosition: '400' },
  eventCount: 100,
  merkleRoot: 'a'.repeat(64),
  previousSealHash: 'b'.repeat(64),
  sealHash: 'c'.repeat(64),
  sealedAt: '2026-03-01T10:00:00.000Z',
};

/** The directory (ta.directory.organisations): every event type; an authority's contact point is in the domain event, never on the wire. */
const ORG = 'ke-eacc';
const onOrganisation = (type: string, data: unknown, overrides: Partial<RecordedEvent> = {}) => recorded(type, `organisation-${ORG}`, data, overrides);
const ORG_REF = { organisationId: ORG, at: AT };
const ORG_DETAILS = { names: { en: 'Ethics and Anti-Corruption Commission', fr: "Commission d'éthique et de lutte contre la corruption" }, addresses: ['Integrity Centre, Nairobi'], website: 'https://eacc.go.ke' };
const AREAS = { articles: ['art-6', 'art-9'], taTypes: ['c2-capacity-building'], languages: ['en', 'fr'] };
const CONTACT_POINT = { name: 'Amina Njoroge', email: 'amina.njoroge@example.go.ke', phone: '+254 20 000000' };
// A function: its events are recorded after the case's samples, whose sequence numbers (ids, positions) stay as recorded.
const directorySamples = (): WireSample[] => [
  {
    name: 'OrganisationProposed',
    event: recorded('OrganisationProposed', 'organisation-donor-norad', { organisationId: 'donor-norad', at: AT, kind: 'donor_agency', country: 'NO', iatiIdentifier: 'XM-DAC-8-7', names: { en: 'Norad' }, addresses: [], website: null }),
  },
  { name: 'OrganisationVerified', event: recorded('OrganisationVerified', 'organisation-donor-norad', { organisationId: 'donor-norad', at: AT }) },
  { name: 'OrganisationSuspended', event: recorded('OrganisationSuspended', 'organisation-donor-norad', { organisationId: 'donor-norad', at: AT, reason: 'Registration under review' }) },
  { name: 'OrganisationClosed', event: recorded('OrganisationClosed', 'organisation-donor-norad', { organisationId: 'donor-norad', at: AT, reason: 'Registered twice' }) },
  { name: 'OrganisationDetailsChanged', event: recorded('OrganisationDetailsChanged', 'organisation-donor-norad', { organisationId: 'donor-norad', at: AT, names: { en: 'Norad' }, addresses: ['Oslo'], website: 'https://www.norad.no', iatiIdentifier: null }) },
  {
    name: 'AuthorityNotified, its contact point left out',
    event: onOrganisation('AuthorityNotified', { ...ORG_REF, country: 'KE', iatiIdentifier: null, ...ORG_DETAILS, ...AREAS, notifiedOn: '2026-01-15', channel: 'state', noteVerbale: null, contactPoint: CONTACT_POINT }),
  },
  {
    name: 'AuthorityNotificationChanged, its contact point left out',
    event: onOrganisation('AuthorityNotificationChanged', { ...ORG_REF, ...ORG_DETAILS, ...AREAS, notifiedOn: '2026-02-01', channel: 'note_verbale', noteVerbale: 'NV/KE/2026/7', contactPoint: CONTACT_POINT }),
  },
  { name: 'AuthorityWithdrawn', event: onOrganisation('AuthorityWithdrawn', { ...ORG_REF, notifiedOn: '2026-03-01', channel: 'state', noteVerbale: null, reason: 'Merged into the new agency' }) },
  { name: 'ProviderIdsMapped', event: recorded('ProviderIdsMapped', 'organisation-donor-giz', { organisationId: 'donor-giz', at: AT, providerIds: ['giz'] }) },
  { name: 'an unknown type on an organisation stream', event: onOrganisation('OrganisationTeleported', ORG_REF) },
];

// Case events added after the samples above were recorded: made last, so that the others keep their sequence numbers.
const LATER_CASE_EVENTS: ReadonlyArray<readonly [name: string, make: () => RecordedEvent]> = [
  [
    'RequestAmended',
    () =>
      onRequest('RequestAmended', {
        ...REQ,
        title: { en: 'Asset declarations online' },
        suggestedArticles: ['art-8', 'art-9'],
        desiredWindow: null,
        sources: [{ kind: 'self-assessment', round: '2010-2011', cycle: 1, article: 'art-9', paragraph: '1 (b)', need: 'Criteria set in advance.' }],
      }),
  ],
  ['MilestoneReported with notes', () => onEngagement('MilestoneReported', { ...MS, notes: { en: 'risk model handed over', fr: 'modèle de risque remis' } })],
  ['MilestoneDisputeAnswered', () => onEngagement('MilestoneDisputeAnswered', { ...MS, answer: 'the counties are in annex 2' })],
  ['MilestoneDisputeResolved upheld', () => onEngagement('MilestoneDisputeResolved', { ...MS, outcome: 'upheld', reason: 'annex 2 is empty', previousDueDate: '2027-03-31', dueDate: '2027-05-31' }, bySecretariat())],
  ['MilestoneDisputeResolved dismissed', () => onEngagement('MilestoneDisputeResolved', { ...MS, outcome: 'dismissed', reason: 'annex 2 lists them', previousDueDate: '2027-03-31', dueDate: null }, bySecretariat())],
];

export const WIRE_SAMPLES: readonly WireSample[] = [
  ...CASE_EVENTS.map(([name, make]) => ({ name: `${name} of an open request`, event: make(), context: OPEN })),
  ...CASE_EVENTS.map(([name, make]) => ({ name: `${name} of a restricted request`, event: make(), context: RESTRICTED })),
  { name: 'RequestSubmitted restricted at submission, before the relay knows it', event: onRequest('RequestSubmitted', submittedV2(true), V2), context: OPEN },
  {
    name: 'RequestSubmitted stored at v1 without window, finding reference or contact person: published as v2, no source, no State priority',
    event: onRequest('RequestSubmitted', { ...submitted(false), desiredWindow: null, findingRef: null, contactPerson: null }),
    context: OPEN,
  },
  {
    name: 'EngagementProposed in expert-days',
    event: onEngagement('EngagementProposed', { ...ENG, providerId: 'unodc', country: 'KE', amount: 40, unit: DAYS, score: 0.5, reasons: [] }),
    context: OPEN,
  },
  {
    name: 'EngagementCancelled of a restricted request with a platform code',
    event: onEngagement('EngagementCancelled', { ...ENG, reason: 'request_withdrawn', previousStatus: 'agreed' }, bySystem('cause-withdrawn')),
    context: RESTRICTED,
  },
  {
    name: 'event without a causation id in its metadata',
    event: onRequest('RequestClosed', REQ, {
      metadata: { actorId: 'secretariat-1', actorRole: 'secretariat', correlationId: 'corr-x', occurredAt: AT } as RecordedEvent['metadata'],
    }),
    context: OPEN,
  },
  { name: 'OfferRegistered with money', event: onOffer('OfferRegistered', registered({ kind: 'money', amount: 50_000_000, currency: 'EUR' })) },
  { name: 'OfferRegistered in expert-days', event: onOffer('OfferRegistered', registered({ kind: 'expert_days', days: 120 })) },
  { name: 'CapacityCommitted', event: onOffer('CapacityCommitted', { offerId: OFFER, engagementId: ENGAGEMENT, at: AT, amount: 4_000_000, unit: EUR, remaining: 46_000_000 }) },
  {
    name: 'CapacityReleased',
    event: onOffer('CapacityReleased', { offerId: OFFER, engagementId: ENGAGEMENT, at: AT, amount: 40, unit: DAYS, remaining: 120 }),
    context: RESTRICTED,
  },
  { name: 'OfferWithdrawn', event: onOffer('OfferWithdrawn', { offerId: OFFER, at: AT, reason: 'budget cut' }) },
  { name: 'OfferExpired', event: onOffer('OfferExpired', { offerId: OFFER, at: AT }, bySystem('cause-clock')) },
  { name: 'LogSealed', event: recorded('LogSealed', 'audit-seals', SEAL, bySystem('cause-seal')) },
  { name: 'an event of another context', event: recorded('SomethingElse', 'registry-1', { requestId: REQUEST }), context: OPEN },
  { name: 'LogSealed outside the seals stream', event: recorded('LogSealed', 'registry-2', SEAL) },
  { name: 'an unknown type on a case stream', event: onRequest('RequestTeleported', REQ), context: OPEN },
  { name: 'a domain schema version no mapping reads', event: onRequest('RequestTriaged', REQ, { schemaVersion: 2 }), context: OPEN },
  { name: 'an event of a request mapped without context', event: onEngagement('MilestoneReported', MS) },
  { name: 'an event of a request type that names no request', event: onRequest('RequestClosed', { at: AT }), context: OPEN },
  { name: 'a seal at a domain schema version no mapping reads', event: recorded('LogSealed', 'audit-seals', SEAL, { schemaVersion: 2 }) },
  {
    name: 'RequestSubmitted stored at v1 with a finding reference: published as v2 with one cited-finding source',
    event: onRequest('RequestSubmitted', submitted(false)),
    context: OPEN,
  },
  { name: 'RequestSubmitted stored at v1 of a restricted request: the reference withheld', event: onRequest('RequestSubmitted', submitted(true)), context: RESTRICTED },
  {
    name: 'RequestAccessChanged: the State restricts its request, the reason withheld',
    event: onRequest('RequestAccessChanged', { ...REQ, restricted: true, reason: 'the ministry asked for confidentiality' }),
    context: RESTRICTED,
  },
  {
    name: 'RequestAccessChanged: the State opens its request, the reason published',
    event: onRequest('RequestAccessChanged', { ...REQ, restricted: false, reason: 'cleared for publication' }),
    context: OPEN,
  },
  // Translations of a case's texts stay on the platform (docs/event-catalogue.md, "What is not published").
  { name: 'RequestTextTranslated (not published)', event: onRequest('RequestTextTranslated', { ...REQ, text: 'description', language: 'fr', translation: 'Vérification' }), context: OPEN },
  { name: 'OfferTextTranslated (not published)', event: onOffer('OfferTextTranslated', { offerId: OFFER, at: AT, text: 'title', language: 'es', translation: 'Apoyo' }) },
  {
    name: 'EngagementTextTranslated of a restricted request (not published)',
    event: onEngagement('EngagementTextTranslated', { ...ENG, text: 'reasons/0', language: 'ar', translation: 'نفس المادة' }),
    context: RESTRICTED,
  },
  ...directorySamples(),
  ...LATER_CASE_EVENTS.map(([name, make]) => ({ name: `${name} of an open request`, event: make(), context: OPEN })),
  ...LATER_CASE_EVENTS.map(([name, make]) => ({ name: `${name} of a restricted request`, event: make(), context: RESTRICTED })),
];
