import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engagementEventSchemaVersions, requestEventSchemaVersions } from '@ta/case';
import type { RecordedEvent } from '@ta/event-store';
import {
  allEventContracts,
  caseRequestOf,
  CASE_OFFERS_TOPIC,
  CASE_REQUESTS_TOPIC,
  ContractValidator,
  findEventContract,
  PLATFORM_CANCELLATION_REASONS,
  PUBLISHED_DOMAIN_EVENTS,
  toIntegrationEvent,
  UnmappedEventError,
  type JsonSchema,
} from './index';

const AT = '2026-03-01T09:30:00Z';
/** The current domain schema version of each case event type (what the samples are stored at unless told). */
const DOMAIN_VERSIONS = { ...requestEventSchemaVersions, ...engagementEventSchemaVersions };
const REQUEST = '0b0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f11';
const OPEN = { restricted: false };
const RESTRICTED = { restricted: true };

function recorded(type: string, data: unknown, overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id: 'a3c9b2f0-1d1e-4c8b-9f0e-2b6f5d4c3a21',
    type,
    schemaVersion: (DOMAIN_VERSIONS as Record<string, number>)[type] ?? 1,
    data,
    metadata: { actorId: 'fp-ke', actorRole: 'state', correlationId: 'corr-1', causationId: null, occurredAt: AT },
    streamId: `request-${REQUEST}`,
    streamPosition: 1,
    globalPosition: 1,
    logPosition: { commit: '1', position: 1 },
    recordedAt: new Date(AT),
    ...overrides,
  };
}

/** Every free text in the samples below contains this marker: a restricted case must never publish it. */
const SECRET = 'SECRET';

const submitted = (restricted: boolean) => ({
  requestId: REQUEST,
  at: AT,
  country: 'KE',
  title: { en: `${SECRET} Asset declarations` },
  description: { en: `${SECRET} Verification` },
  suggestedArticles: ['art-8'],
  suggestedTaTypes: ['c2-capacity-building'],
  beneficiaryInstitution: `${SECRET} EACC`,
  preferredLanguages: ['en'],
  desiredWindow: { from: '2026-06-01', to: '2026-12-31' },
  sources: [
    { kind: 'self-assessment', round: '2010-2011', cycle: 1, article: 'art-9', paragraph: '1', need: `${SECRET} objective criteria` },
    { kind: 'review-report', cycle: 2, chapter: 'ch-2', reportSymbol: 'CAC/COSP/IRG/II/2/1/Add.4', article: 'art-9', paragraph: '1 (a)', need: `${SECRET} publish awards` },
    { kind: 'cited-finding', cycle: 1, reference: `${SECRET} para 12` },
  ],
  restricted,
  statePriority: 'high',
  contactPerson: { name: 'Amina Njoroge', email: 'amina@example.go.ke' },
});

/** The values at a field of published data: `name`, or `list[].name` for a field of each item of a list. */
function valuesAt(data: Record<string, unknown>, field: string): unknown[] {
  const [list, name] = field.split('[].');
  return name === undefined ? [data[field]] : (data[list!] as Record<string, unknown>[]).map((item) => item[name]);
}
/** `data` with the field (or each item's field) set to null. */
function withNull(data: Record<string, unknown>, field: string): Record<string, unknown> {
  const [list, name] = field.split('[].');
  return name === undefined ? { ...data, [field]: null } : { ...data, [list!]: (data[list!] as Record<string, unknown>[]).map((item) => ({ ...item, [name]: null })) };
}

const REQ = { requestId: REQUEST, at: AT };
const ENG = { ...REQ, engagementId: 'e-1', offerId: 'o-1' };
const MS = { ...ENG, milestoneId: 'm-1' };
const MONEY = { kind: 'money', currency: 'EUR' };

/**
 * Every domain event type of a request (its own, its engagements' and milestones'), a sample
 * with every free text marked, and the fields withheld when the request is restricted.
 */
const CASE_EVENTS: ReadonlyArray<readonly [type: string, data: Record<string, unknown>, withheld: readonly string[]]> = [
  ['RequestSubmitted', submitted(false), ['title', 'description', 'beneficiaryInstitution', 'sources[].need', 'sources[].reference']],
  [
    'RequestAmended',
    { ...REQ, title: { en: `${SECRET} Asset declarations online` }, beneficiaryInstitution: `${SECRET} EACC`, suggestedArticles: ['art-8', 'art-9'], desiredWindow: null },
    ['title', 'beneficiaryInstitution'],
  ],
  ['RequestTriaged', { ...REQ, articles: ['art-8'], taTypes: ['c2-capacity-building'], priority: 'high' }, []],
  ['RequestReturnedForClarification', { ...REQ, question: { en: `${SECRET} Which agencies?`, fr: `${SECRET} Quelles agences ?` } }, ['question']],
  ['RequestClarificationProvided', { ...REQ, answer: { en: `${SECRET} The EACC.` } }, ['answer']],
  ['RequestDeclined', { ...REQ, reason: `${SECRET} covered by the national plan` }, ['reason']],
  ['RequestWithdrawn', { ...REQ, reason: `${SECRET} minister changed` }, ['reason']],
  ['RequestMatched', { ...REQ, engagementId: 'e-1' }, []],
  ['RequestDeliveryStarted', { ...REQ, engagementId: 'e-1' }, []],
  ['RequestDelivered', { ...REQ, engagementId: 'e-1' }, []],
  ['RequestFollowUpRecorded', { ...REQ, needMet: 'partly_met', comment: { en: `${SECRET} half the counties` } }, ['comment']],
  ['RequestClosed', REQ, []],
  ['RequestAccessChanged', { ...REQ, restricted: false, reason: `${SECRET} cleared by the minister` }, ['reason']],
  ['EngagementProposed', { ...ENG, providerId: 'donor-giz', country: 'KE', amount: 4_000_000, unit: MONEY, score: 0.86, reasons: [`${SECRET} article 8 in both`] }, ['reasons']],
  ['EngagementAccepted', { ...ENG, party: 'state' }, []],
  ['EngagementAgreed', { ...ENG, amount: 4_000_000, unit: MONEY }, []],
  ['EngagementDeclined', { ...ENG, party: 'provider', reason: `${SECRET} no expert` }, ['reason']],
  ['EngagementActivated', ENG, []],
  ['EngagementCancelled', { ...ENG, reason: `${SECRET} the ministry asked`, previousStatus: 'active' }, ['reason']],
  ['EngagementCompleted', ENG, []],
  ['CompletionAcknowledged', ENG, []],
  ['CompletionContested', { ...ENG, reason: `${SECRET} final report missing` }, ['reason']],
  ['MilestonePlanned', { ...MS, title: { en: `${SECRET} Risk model delivered` }, dueDate: '2027-03-31' }, ['title']],
  ['MilestoneReported', { ...MS, notes: { en: `${SECRET} risk model handed over` } }, ['notes']],
  ['MilestoneConfirmed', MS, []],
  ['MilestoneDisputed', { ...MS, reason: `${SECRET} counties missing` }, ['reason']],
  ['MilestoneDisputeAnswered', { ...MS, answer: `${SECRET} the counties are in annex 2` }, ['answer']],
  ['MilestoneDisputeResolved', { ...MS, outcome: 'upheld', reason: `${SECRET} annex 2 is empty`, previousDueDate: '2027-03-31', dueDate: '2027-05-31' }, ['reason']],
  ['MilestoneRescheduled', { ...MS, previousDueDate: '2027-03-31', dueDate: '2027-04-30', reason: `${SECRET} expert ill` }, ['reason']],
];
const WITH_FREE_TEXT = CASE_EVENTS.filter(([, , withheld]) => withheld.length > 0);

const validator = new ContractValidator();
const streamOf = (type: string) => (type.startsWith('Request') ? `request-${REQUEST}` : 'engagement-e-1');
const map = (type: string, data: unknown, context: { restricted: boolean }) => toIntegrationEvent(recorded(type, data, { streamId: streamOf(type) }), context)!;

describe('mapping domain events to integration events', () => {
  it('drops the contact person and the actor id from a submitted request, and the result validates', () => {
    const out = map('RequestSubmitted', submitted(false), OPEN);
    expect(out).toMatchObject({ topic: 'ta.case.requests', key: REQUEST, value: { type: 'RequestSubmitted', schemaVersion: 2, actorRole: 'state' } });
    const text = JSON.stringify(out);
    expect(text).not.toContain('Amina');
    expect(text).not.toContain('contactPerson');
    expect(text).not.toContain('fp-ke');
    expect(validator.validate(out.value, { topic: 'ta.case.requests' })).toEqual({ ok: true, errors: [] });
  });

  it('publishes a restricted request without its free text, from its own flag even if the context said otherwise', () => {
    for (const context of [OPEN, RESTRICTED]) {
      const out = map('RequestSubmitted', submitted(true), context);
      expect(out.value.data).toMatchObject({ restricted: true, title: null, description: null, beneficiaryInstitution: null, country: 'KE', statePriority: 'high' });
      expect(JSON.stringify(out)).not.toContain(SECRET);
      expect(validator.validate(out.value).ok).toBe(true);
    }
  });

  it('keys engagement events by their request and offer events by their offer', () => {
    expect(map('EngagementActivated', ENG, OPEN)).toMatchObject({
      topic: 'ta.case.requests',
      key: REQUEST,
      value: { subject: { kind: 'engagement', id: 'e-1', version: 1 } },
    });
    const committed = { offerId: 'o-1', engagementId: 'e-1', at: AT, amount: 100, unit: MONEY, remaining: 900 };
    const out = toIntegrationEvent(recorded('CapacityCommitted', committed, { streamId: 'offer-o-1' }))!;
    expect(out).toMatchObject({ topic: 'ta.case.offers', key: 'o-1' });
    expect(validator.validate(out.value, { topic: 'ta.case.offers' }).ok).toBe(true);
  });

  it('refuses a case event it has no mapping for, or a domain schema version it does not read', () => {
    expect(() => toIntegrationEvent(recorded('RequestTeleported', {}), OPEN)).toThrow(UnmappedEventError);
    expect(() => toIntegrationEvent(recorded('RequestSubmitted', submitted(false), { schemaVersion: 3 }), OPEN)).toThrow(/domain schema version 3/);
  });

  it('publishes a RequestSubmitted stored at v1 as v2: its finding reference as one cited-finding source, no State priority', () => {
    const { sources: _s, statePriority: _p, ...v1 } = submitted(false);
    const out = toIntegrationEvent(recorded('RequestSubmitted', { ...v1, findingRef: { reviewCycle: 2, reference: 'para 12' } }, { schemaVersion: 1 }), OPEN)!;
    expect(out.value).toMatchObject({ schemaVersion: 2, data: { statePriority: null, sources: [{ kind: 'cited-finding', cycle: 2, chapter: null, article: null, reference: 'para 12' }] } });
    expect(out.value.data).not.toHaveProperty('findingRef');
    expect(validator.validate(out.value).errors).toEqual([]);
  });

  it("publishes a self-assessment source with the chapter of its article", () => {
    const out = map('RequestSubmitted', submitted(false), OPEN);
    expect((out.value.data as unknown as { sources: unknown[] }).sources[0]).toMatchObject({ kind: 'self-assessment', cycle: 1, chapter: 'ch-2', article: 'art-9', round: '2010-2011' });
  });

  it('refuses to map an event of a request without knowing whether the request is restricted', () => {
    expect(() => toIntegrationEvent(recorded('RequestDeclined', { ...REQ, reason: 'x' }))).toThrow(/needs to know whether that request is restricted/);
    expect(() => toIntegrationEvent(recorded('MilestonePlanned', { ...MS, title: { en: 'x' }, dueDate: '2027-03-31' }, { streamId: 'engagement-e-1' }))).toThrow(
      UnmappedEventError,
    );
  });

  it('publishes nothing from streams outside the case context', () => {
    expect(toIntegrationEvent(recorded('SomethingElse', {}, { streamId: 'registry-1' }))).toBeNull();
  });

  it('maps every case domain event type to a contract that exists, at the version it publishes', () => {
    expect(PUBLISHED_DOMAIN_EVENTS).toHaveLength(36);
    for (const { type, version } of PUBLISHED_DOMAIN_EVENTS) expect(findEventContract(type, version)).toBeDefined();
  });
});

describe('the request an event belongs to', () => {
  it('is named by every event of a request, its engagements and milestones; a submission or an access change also says whether it is restricted from there on', () => {
    expect(caseRequestOf(recorded('RequestSubmitted', submitted(true)))).toEqual({ requestId: REQUEST, restrictedFromHere: true });
    expect(caseRequestOf(recorded('RequestSubmitted', submitted(false)))).toEqual({ requestId: REQUEST, restrictedFromHere: false });
    expect(caseRequestOf(recorded('RequestSubmitted', { ...submitted(false), restricted: 'no' }))).toEqual({ requestId: REQUEST, restrictedFromHere: true });
    expect(caseRequestOf(recorded('RequestAccessChanged', { ...REQ, restricted: true, reason: 'r' }))).toEqual({ requestId: REQUEST, restrictedFromHere: true });
    expect(caseRequestOf(recorded('RequestAccessChanged', { ...REQ, restricted: false, reason: 'r' }))).toEqual({ requestId: REQUEST, restrictedFromHere: false });
    for (const [type, data] of CASE_EVENTS.filter(([type]) => type !== 'RequestSubmitted' && type !== 'RequestAccessChanged')) {
      expect(caseRequestOf(recorded(type, data))).toEqual({ requestId: REQUEST, restrictedFromHere: null });
    }
  });

  it('is named by no offer event, seal or event of another context', () => {
    const offerTypes = PUBLISHED_DOMAIN_EVENTS.filter(({ type, version }) => findEventContract(type, version)!.topic === CASE_OFFERS_TOPIC);
    expect(offerTypes.map((t) => t.type).sort()).toEqual(['CapacityCommitted', 'CapacityReleased', 'OfferAmended', 'OfferExpired', 'OfferExtended', 'OfferRegistered', 'OfferWithdrawn']);
    for (const { type } of offerTypes) expect(caseRequestOf(recorded(type, { offerId: 'o-1', requestId: REQUEST }, { streamId: 'offer-o-1' }))).toBeNull();
    expect(caseRequestOf(recorded('LogSealed', {}, { streamId: 'audit-seals' }))).toBeNull();
    expect(caseRequestOf(recorded('SomethingElse', { requestId: REQUEST }, { streamId: 'registry-1' }))).toBeNull();
  });

  it('must be there: an event of a request type without a request id is refused', () => {
    expect(() => caseRequestOf(recorded('RequestClosed', { at: AT }))).toThrow(/names no request/);
  });

  it('covers, in the samples here, every request-scoped type published on ta.case.requests', () => {
    const published = PUBLISHED_DOMAIN_EVENTS.filter(({ type, version }) => findEventContract(type, version)!.topic === CASE_REQUESTS_TOPIC).map((t) => t.type);
    expect(CASE_EVENTS.map(([type]) => type).sort()).toEqual([...published].sort());
  });
});

describe('a restricted case on Kafka: every free text of every event of it is null', () => {
  it.each(WITH_FREE_TEXT)('%s of an open request is published with its free text, and validates', (type, data, withheld) => {
    const out = map(type, data, OPEN);
    expect(validator.validate(out.value, { topic: CASE_REQUESTS_TOPIC }).errors).toEqual([]);
    for (const field of withheld) expect(JSON.stringify(valuesAt(out.value.data as Record<string, unknown>, field))).toContain(SECRET);
  });

  it.each(WITH_FREE_TEXT)('%s of a restricted request is published with its free text null, everything else unchanged, and validates', (type, data, withheld) => {
    const open = map(type, data, OPEN);
    const restricted = map(type, type === 'RequestSubmitted' ? { ...data, restricted: true } : data, RESTRICTED);
    expect(validator.validate(restricted.value, { topic: CASE_REQUESTS_TOPIC }).errors).toEqual([]);
    expect(JSON.stringify(restricted)).not.toContain(SECRET);
    const nulled = withheld.reduce((data, field) => withNull(data, field), open.value.data as Record<string, unknown>);
    const expected = { ...nulled, ...(type === 'RequestSubmitted' ? { restricted: true } : {}) };
    expect(restricted).toEqual({ ...open, value: { ...open.value, data: expected } });
  });

  it.each(CASE_EVENTS.filter(([, , withheld]) => withheld.length === 0))('%s carries no free text: the same for a restricted request', (type, data) => {
    expect(map(type, data, RESTRICTED)).toEqual(map(type, data, OPEN));
  });

  it.each(PLATFORM_CANCELLATION_REASONS)('keeps the platform code %s as the reason of a cancelled engagement of a restricted request', (reason) => {
    const out = map('EngagementCancelled', { ...ENG, reason, previousStatus: 'proposed' }, RESTRICTED);
    expect(out.value.data).toMatchObject({ reason });
    expect(validator.validate(out.value).ok).toBe(true);
  });
});

describe('what else is published carries no text of a request', () => {
  /** Paths of string values a schema allows without a pattern, format, enum or const: room for free text. */
  function freeStrings(schema: JsonSchema, path = ''): string[] {
    if ('const' in schema || 'enum' in schema) return [];
    const sub = (x: unknown, p: string) => (typeof x === 'object' && x !== null ? freeStrings(x as JsonSchema, p) : []);
    const props = Object.entries((schema.properties ?? {}) as Record<string, unknown>).flatMap(([k, v]) => sub(v, `${path}/${k}`));
    const alternatives = ((schema.oneOf ?? []) as unknown[]).flatMap((v) => sub(v, path));
    const own = schema.type === 'string' && !('pattern' in schema) && !('format' in schema) ? [path] : [];
    return [...own, ...props, ...alternatives, ...sub(schema.items, `${path}[]`), ...sub(schema.additionalProperties, `${path}/*`)];
  }

  it('seals on ta.audit.seals are hashes, positions and times only', () => {
    const sealed = allEventContracts().filter((c) => c.type === 'LogSealed');
    expect(sealed.length).toBeGreaterThan(0);
    for (const c of sealed) expect(freeStrings((c.schema.properties as Record<string, JsonSchema>).data!)).toEqual([]);
  });

  it('offer events have no field that names or describes a request', () => {
    for (const c of allEventContracts().filter((c) => c.topic === CASE_OFFERS_TOPIC)) {
      expect(Object.keys(((c.schema.properties as Record<string, JsonSchema>).data!.properties ?? {}) as object)).not.toContain('requestId');
    }
  });
});

describe('the validator', () => {
  const good = () => map('RequestSubmitted', submitted(false), OPEN).value;

  it('rejects an extra field (a personal-data leak would fail before it is sent)', () => {
    const bad = { ...good(), data: { ...good().data, contactPerson: { name: 'x' } } };
    expect(validator.validate(bad).errors.join()).toContain('must NOT have additional properties');
  });

  it('rejects an unknown type or version, a wrong topic and disagreeing headers', () => {
    expect(validator.validate({ ...good(), schemaVersion: 9 }).errors).toEqual(['/type: no contract for RequestSubmitted v9']);
    expect(validator.validate(good(), { topic: 'ta.case.offers' }).ok).toBe(false);
    expect(validator.validate(good(), { headers: { type: 'RequestClosed', schemaVersion: '1' } }).ok).toBe(false);
    expect(validator.validate('nope').ok).toBe(false);
  });
});

describe('the event catalogue', () => {
  it('documents every topic, event type and version', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'event-catalogue.md'), 'utf8');
    for (const c of allEventContracts()) expect(doc).toContain(`${c.type} v${c.version}`);
    expect(doc).toContain('ta.case.requests');
    expect(doc).toContain('ta.case.offers');
  });
});
