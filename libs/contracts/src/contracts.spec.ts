import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@ta/event-store';
import { allEventContracts, ContractValidator, PUBLISHED_DOMAIN_EVENTS, toIntegrationEvent, UnmappedEventError } from './index';

const AT = '2026-03-01T09:30:00Z';
const REQUEST = '0b0c1e8e-3d5e-4a54-9a57-8d2f0e3b7f11';

function recorded(type: string, data: unknown, overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    id: 'a3c9b2f0-1d1e-4c8b-9f0e-2b6f5d4c3a21',
    type,
    schemaVersion: 1,
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

const submitted = (restricted: boolean) => ({
  requestId: REQUEST,
  at: AT,
  country: 'KE',
  title: { en: 'Asset declarations' },
  description: { en: 'Verification' },
  suggestedArticles: ['art-8'],
  suggestedTaTypes: ['c2-capacity-building'],
  beneficiaryInstitution: 'EACC',
  preferredLanguages: ['en'],
  desiredWindow: null,
  findingRef: { reviewCycle: 2, reference: 'para 12' },
  restricted,
  contactPerson: { name: 'Amina Njoroge', email: 'amina@example.go.ke' },
});

const validator = new ContractValidator();

describe('mapping domain events to integration events', () => {
  it('drops the contact person and the actor id from a submitted request, and the result validates', () => {
    const out = toIntegrationEvent(recorded('RequestSubmitted', submitted(false)))!;
    expect(out).toMatchObject({ topic: 'ta.case.requests', key: REQUEST, value: { type: 'RequestSubmitted', schemaVersion: 1, actorRole: 'state' } });
    const text = JSON.stringify(out);
    expect(text).not.toContain('Amina');
    expect(text).not.toContain('contactPerson');
    expect(text).not.toContain('fp-ke');
    expect(validator.validate(out.value, { topic: 'ta.case.requests' })).toEqual({ ok: true, errors: [] });
  });

  it('publishes a restricted request without its free text', () => {
    const out = toIntegrationEvent(recorded('RequestSubmitted', submitted(true)))!;
    expect(out.value.data).toMatchObject({ restricted: true, title: null, description: null, beneficiaryInstitution: null, findingRef: null, country: 'KE' });
    expect(validator.validate(out.value).ok).toBe(true);
  });

  it('keys engagement events by their request and offer events by their offer', () => {
    const ids = { engagementId: 'e-1', requestId: REQUEST, offerId: 'o-1', at: AT };
    expect(toIntegrationEvent(recorded('EngagementActivated', ids, { streamId: 'engagement-e-1' }))).toMatchObject({
      topic: 'ta.case.requests',
      key: REQUEST,
      value: { subject: { kind: 'engagement', id: 'e-1', version: 1 } },
    });
    const committed = { offerId: 'o-1', engagementId: 'e-1', at: AT, amount: 100, unit: { kind: 'money', currency: 'EUR' }, remaining: 900 };
    const out = toIntegrationEvent(recorded('CapacityCommitted', committed, { streamId: 'offer-o-1' }))!;
    expect(out).toMatchObject({ topic: 'ta.case.offers', key: 'o-1' });
    expect(validator.validate(out.value, { topic: 'ta.case.offers' }).ok).toBe(true);
  });

  it('refuses a case event it has no mapping for, or a domain schema version it does not read', () => {
    expect(() => toIntegrationEvent(recorded('RequestTeleported', {}))).toThrow(UnmappedEventError);
    expect(() => toIntegrationEvent(recorded('RequestSubmitted', submitted(false), { schemaVersion: 2 }))).toThrow(/domain schema version 2/);
  });

  it('publishes nothing from streams outside the case context', () => {
    expect(toIntegrationEvent(recorded('SomethingElse', {}, { streamId: 'registry-1' }))).toBeNull();
  });

  it('maps every case domain event type to a contract that exists', () => {
    expect(PUBLISHED_DOMAIN_EVENTS).toHaveLength(28);
    for (const { type } of PUBLISHED_DOMAIN_EVENTS) expect(allEventContracts().some((c) => c.type === type)).toBe(true);
  });
});

describe('the validator', () => {
  const good = () => toIntegrationEvent(recorded('RequestSubmitted', submitted(false)))!.value;

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
