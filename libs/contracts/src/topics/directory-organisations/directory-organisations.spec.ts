import type { RecordedEvent } from '@ta/event-store';
import { allEventContracts } from '../../registry';
import { toIntegrationEvent } from '../../mapping/to-integration-event';
import { ContractValidator } from '../../validator';
import { DIRECTORY_ORGANISATIONS_TOPIC } from './directory-organisations.topic';

const AT = '2026-03-01T09:30:00Z';
const recorded = (type: string, data: unknown): RecordedEvent => ({
  id: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e',
  type,
  schemaVersion: 1,
  data,
  metadata: { actorId: 'fp-ke', actorRole: 'state', correlationId: 'c-1', causationId: null, occurredAt: AT },
  streamId: 'organisation-ke-eacc',
  streamPosition: 1,
  globalPosition: 7,
  logPosition: { commit: '70', position: 7 },
  recordedAt: new Date(AT),
});

describe('ta.directory.organisations', () => {
  it('has no field for a contact point in any contract: personal data cannot be published', () => {
    const contracts = allEventContracts().filter((c) => c.topic === DIRECTORY_ORGANISATIONS_TOPIC);
    expect(contracts.map((c) => c.type)).toContain('AuthorityNotified');
    for (const c of contracts) expect(JSON.stringify(c.schema)).not.toMatch(/contactPoint|email|phone/);
  });

  it("publishes an authority's notification without its contact point, keyed by the organisation id, valid against its contract", () => {
    const out = toIntegrationEvent(
      recorded('AuthorityNotified', {
        organisationId: 'ke-eacc',
        at: AT,
        country: 'KE',
        iatiIdentifier: null,
        names: { en: 'Ethics and Anti-Corruption Commission' },
        addresses: [],
        website: null,
        articles: ['art-6'],
        taTypes: ['c2-capacity-building'],
        languages: ['en'],
        notifiedOn: '2026-01-15',
        channel: 'state',
        noteVerbale: null,
        contactPoint: { name: 'Amina Njoroge', email: 'amina@example.go.ke', phone: null },
      }),
    )!;
    expect(out).toMatchObject({ topic: DIRECTORY_ORGANISATIONS_TOPIC, key: 'ke-eacc', value: { subject: { kind: 'organisation', id: 'ke-eacc', version: 1 } } });
    expect(JSON.stringify(out)).not.toMatch(/Amina|example\.go\.ke/);
    expect(new ContractValidator().validate(out.value, { topic: DIRECTORY_ORGANISATIONS_TOPIC }).errors).toEqual([]);
  });

  it('stops on an event of an organisation stream it has no mapping for, rather than skip it', () => {
    expect(() => toIntegrationEvent(recorded('OrganisationRenamedSomehow', { organisationId: 'ke-eacc', at: AT }))).toThrow(/no integration mapping/);
  });
});
