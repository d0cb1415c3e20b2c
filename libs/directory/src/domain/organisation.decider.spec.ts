import { IllegalStateError, NotFoundError, ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import type { NotifyAuthority, ProposeOrganisation } from './organisation.commands';
import { organisationDecider } from './organisation.decider';
import type { OrganisationEvent } from './organisation.events';

const spec = deciderSpec(organisationDecider);
const at = '2026-03-01T09:00:00Z';

const propose: ProposeOrganisation = {
  type: 'ProposeOrganisation',
  organisationId: 'donor-giz',
  at,
  kind: 'donor_agency',
  names: { en: 'Deutsche Gesellschaft für Internationale Zusammenarbeit', fr: 'Agence allemande de coopération internationale' },
  country: 'DE',
  iatiIdentifier: 'DE-CR-HRB12394',
  addresses: ['Friedrich-Ebert-Allee 32, 53113 Bonn'],
  website: 'https://www.giz.de',
};
const { type: _p, ...proposal } = propose;
const proposed: OrganisationEvent = { type: 'OrganisationProposed', data: proposal };
const verified: OrganisationEvent = { type: 'OrganisationVerified', data: { organisationId: 'donor-giz', at } };

const notify: NotifyAuthority = {
  type: 'NotifyAuthority',
  organisationId: 'ke-eacc',
  at,
  country: 'KE',
  names: { en: 'Ethics and Anti-Corruption Commission' },
  addresses: ['Integrity Centre, Valley Road, Nairobi'],
  website: 'https://eacc.go.ke',
  articles: ['art-6', 'art-8'],
  taTypes: ['c2-capacity-building'],
  languages: ['en'],
  notifiedOn: '2026-02-20',
  channel: 'state',
  noteVerbale: null,
  contactPoint: { name: 'Amina Njoroge', email: 'amina@example.go.ke', phone: '+254 20 000000' },
  iatiIdentifier: null,
};
const { type: _n, ...notification } = notify;
const notified: OrganisationEvent = { type: 'AuthorityNotified', data: notification };

describe('an organisation: proposed, verified by the Secretariat, suspended or closed', () => {
  it('is proposed with its names, kind, country and IATI identifier', () => spec.given([]).when(propose).then([proposed]));

  it('is verified, and verifying it again changes nothing', () => {
    spec.given([proposed]).when({ type: 'VerifyOrganisation', organisationId: 'donor-giz', at }).then([verified]);
    spec.given([proposed, verified]).when({ type: 'VerifyOrganisation', organisationId: 'donor-giz', at }).then([]);
  });

  it('is suspended only once verified, with a reason, and verified again after', () => {
    spec.given([proposed]).when({ type: 'SuspendOrganisation', organisationId: 'donor-giz', at, reason: 'Under review' }).thenThrows(IllegalStateError, 'directory.not_verified');
    spec.given([proposed, verified]).when({ type: 'SuspendOrganisation', organisationId: 'donor-giz', at, reason: ' ' }).thenThrows(ValidationError, 'input.reason_required');
    const suspended: OrganisationEvent = { type: 'OrganisationSuspended', data: { organisationId: 'donor-giz', at, reason: 'Under review' } };
    spec.given([proposed, verified]).when({ type: 'SuspendOrganisation', organisationId: 'donor-giz', at, reason: 'Under review' }).then([suspended]);
    spec.given([proposed, verified, suspended]).when({ type: 'VerifyOrganisation', organisationId: 'donor-giz', at }).then([verified]);
  });

  it('once closed, is neither verified nor changed', () => {
    const closed: OrganisationEvent = { type: 'OrganisationClosed', data: { organisationId: 'donor-giz', at, reason: 'Registered twice' } };
    spec.given([proposed]).when({ type: 'CloseOrganisation', organisationId: 'donor-giz', at, reason: 'Registered twice' }).then([closed]);
    spec.given([proposed, closed]).when({ type: 'VerifyOrganisation', organisationId: 'donor-giz', at }).thenThrows(IllegalStateError, 'directory.closed');
    spec.given([proposed, closed]).when({ ...propose, type: 'ChangeOrganisationDetails' }).thenThrows(IllegalStateError, 'directory.closed');
  });

  it('cannot be proposed twice, nor be acted on before it exists', () => {
    spec.given([proposed]).when(propose).thenThrows(IllegalStateError, 'directory.organisation_exists');
    spec.given([]).when({ type: 'VerifyOrganisation', organisationId: 'donor-giz', at }).thenThrows(NotFoundError, 'organisation.not_found');
  });

  it('refuses an IATI identifier without a registration agency prefix of the IATI codelist', () => {
    spec.given([]).when({ ...propose, iatiIdentifier: 'GIZ-12394' }).thenThrows(ValidationError, 'directory.invalid_iati_identifier');
    spec.given([]).when({ ...propose, iatiIdentifier: 'DE-CR-' }).thenThrows(ValidationError, 'directory.invalid_iati_identifier');
  });

  it('is not proposed as a national authority (its State notifies it), and needs a country unless intergovernmental', () => {
    spec.given([]).when({ ...propose, kind: 'national_authority' }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...propose, country: null }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...propose, organisationId: 'unodc', kind: 'intergovernmental', country: null, iatiIdentifier: null }).thenState((events, s) => {
      expect(events.map((e) => e.type)).toEqual(['OrganisationProposed']);
      expect(s).toMatchObject({ status: 'proposed', kind: 'intergovernmental', country: null });
    });
  });

  it('refuses ids that are not lower-case slugs, names in no UN language, and web sites that are not http(s)', () => {
    spec.given([]).when({ ...propose, organisationId: 'Donor GIZ' }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...propose, names: { de: 'GIZ' } as never }).thenThrows(ValidationError, 'text.invalid');
    spec.given([]).when({ ...propose, website: 'javascript:alert(1)' }).thenThrows(ValidationError, 'input.invalid');
  });

  it('maps provider ids recorded before the directory, once each', () => {
    const mapped: OrganisationEvent = { type: 'ProviderIdsMapped', data: { organisationId: 'donor-giz', at, providerIds: ['giz'] } };
    spec.given([proposed, verified]).when({ type: 'MapProviderIds', organisationId: 'donor-giz', at, providerIds: ['giz', 'giz'] }).then([mapped]);
    spec.given([proposed, verified, mapped]).when({ type: 'MapProviderIds', organisationId: 'donor-giz', at, providerIds: ['giz'] }).then([]);
    spec.given([proposed]).when({ type: 'MapProviderIds', organisationId: 'donor-giz', at, providerIds: ['donor-giz'] }).thenThrows(ValidationError, 'input.invalid');
  });
});

describe('a national prevention authority (para 9): notified, changed, withdrawn', () => {
  it('enters the directory verified, as a national authority of its State', () => {
    spec.given([]).when(notify).thenState((events, s) => {
      expect(events).toEqual([notified]);
      expect(s).toMatchObject({ status: 'verified', kind: 'national_authority', country: 'KE', authority: { articles: ['art-6', 'art-8'], withdrawnOn: null } });
    });
  });

  it('assists under articles 5 to 14 only, with known TA types and languages', () => {
    spec.given([]).when({ ...notify, articles: ['art-6', 'art-46'] }).thenThrows(ValidationError, 'directory.article_not_in_prevention');
    spec.given([]).when({ ...notify, taTypes: ['c9-nothing'] }).thenThrows(ValidationError, 'codelist.unknown_code');
    spec.given([]).when({ ...notify, languages: ['de'] }).thenThrows(ValidationError, 'codelist.unknown_code');
    spec.given([]).when({ ...notify, articles: [] }).thenThrows(ValidationError, 'input.invalid');
  });

  it('is notified by a State the Convention is open to, on a date already past', () => {
    spec.given([]).when({ ...notify, country: 'EU' }).thenThrows(ValidationError, 'codelist.unknown_code');
    spec.given([]).when({ ...notify, country: 'AQ' }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...notify, notifiedOn: '2026-03-02' }).thenThrows(ValidationError, 'input.invalid');
  });

  it('recorded from a note verbale names it; notified by the State names none', () => {
    spec.given([]).when({ ...notify, channel: 'note_verbale', noteVerbale: null }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...notify, noteVerbale: 'NV/2026/12' }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...notify, channel: 'note_verbale', noteVerbale: 'NV/2026/12' }).thenState((events) => {
      expect(events[0]!.data).toMatchObject({ channel: 'note_verbale', noteVerbale: 'NV/2026/12' });
    });
  });

  it('refuses a contact point without a valid email address', () => {
    spec.given([]).when({ ...notify, contactPoint: { name: 'A', email: 'not-an-address', phone: null } }).thenThrows(ValidationError, 'input.invalid');
  });

  it('changes its areas by a later notification, not an earlier one', () => {
    const change = { ...notify, type: 'ChangeAuthorityNotification' as const, articles: ['art-9'], notifiedOn: '2026-02-25' };
    spec.given([notified]).when(change).thenState((events, s) => {
      expect(events.map((e) => e.type)).toEqual(['AuthorityNotificationChanged']);
      expect(s).toMatchObject({ status: 'verified', authority: { articles: ['art-9'], notifiedOn: '2026-02-25' } });
    });
    spec.given([notified]).when({ ...change, notifiedOn: '2026-01-01' }).thenThrows(ValidationError, 'input.invalid');
    spec.given([proposed]).when({ ...change, organisationId: 'donor-giz' }).thenThrows(IllegalStateError, 'directory.not_an_authority');
  });

  it('is withdrawn by its State: closed, and not withdrawn twice', () => {
    const withdraw = { type: 'WithdrawAuthority' as const, organisationId: 'ke-eacc', at, notifiedOn: '2026-02-28', channel: 'state' as const, noteVerbale: null, reason: 'Merged into the new agency' };
    const withdrawn: OrganisationEvent = { type: 'AuthorityWithdrawn', data: { organisationId: 'ke-eacc', at, notifiedOn: '2026-02-28', channel: 'state', noteVerbale: null, reason: 'Merged into the new agency' } };
    spec.given([notified]).when(withdraw).thenState((events, s) => {
      expect(events).toEqual([withdrawn]);
      expect(s).toMatchObject({ status: 'closed', authority: { withdrawnOn: '2026-02-28' } });
    });
    spec.given([notified, withdrawn]).when(withdraw).thenThrows(IllegalStateError, 'directory.authority_withdrawn');
    spec.given([notified]).when({ type: 'CloseOrganisation', organisationId: 'ke-eacc', at, reason: 'x' }).thenThrows(IllegalStateError, 'directory.authority_withdrawn_by_state');
  });
});
