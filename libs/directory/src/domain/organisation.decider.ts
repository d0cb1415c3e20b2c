import { IllegalStateError, NotFoundError, assertUnreachable, type Decider } from '@ta/core';
import { codelists } from '@ta/codelists';
import {
  PROPOSABLE_KINDS,
  type ChangeAuthorityNotification,
  type ChangeOrganisationDetails,
  type MapProviderIds,
  type NotifyAuthority,
  type OrganisationCommand,
  type ProposeOrganisation,
  type WithdrawAuthority,
} from './organisation.commands';
import type { OrganisationEvent } from './organisation.events';
import { evolveOrganisation, initialOrganisationState, type Organisation, type OrganisationState } from './organisation.state';
import {
  assertAreas,
  assertContactPoint,
  assertCountry,
  assertDetails,
  assertIatiIdentifier,
  assertLine,
  assertNotification,
  assertOrganisationId,
  assertPastDate,
  assertReason,
  assertTimestamp,
  invalid,
  ORGANISATION_ID,
} from './validation';

/**
 * An organisation of the directory: proposed -> verified by the Secretariat -> suspended
 * (and verified again) or closed. A national authority is notified by its State (para 9) and
 * enters verified; later notifications change its areas or withdraw it (closed).
 */
export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  assertTimestamp(command.at);
  assertOrganisationId(command.organisationId);
  switch (command.type) {
    case 'ProposeOrganisation':
      return propose(command, state);
    case 'NotifyAuthority':
      return notify(command, state);
    case 'VerifyOrganisation': {
      const o = existing(state);
      if (o.status === 'verified') return [];
      if (o.status === 'closed') throw closed();
      return [{ type: 'OrganisationVerified', data: { organisationId: o.organisationId, at: command.at } }];
    }
    case 'SuspendOrganisation': {
      const o = existing(state);
      const reason = assertReason(command.reason);
      if (o.status !== 'verified') throw new IllegalStateError('directory.not_verified', 'Only a verified organisation can be suspended');
      return [{ type: 'OrganisationSuspended', data: { organisationId: o.organisationId, at: command.at, reason } }];
    }
    case 'CloseOrganisation': {
      const o = existing(state);
      const reason = assertReason(command.reason);
      if (o.status === 'closed') throw closed();
      if (o.kind === 'national_authority') throw new IllegalStateError('directory.authority_withdrawn_by_state', "A national authority leaves the directory by its State's withdrawal");
      return [{ type: 'OrganisationClosed', data: { organisationId: o.organisationId, at: command.at, reason } }];
    }
    case 'ChangeOrganisationDetails':
      return changeDetails(command, existing(state));
    case 'ChangeAuthorityNotification':
      return changeNotification(command, existing(state));
    case 'WithdrawAuthority':
      return withdraw(command, existing(state));
    case 'MapProviderIds':
      return mapProviderIds(command, existing(state));
    default:
      return assertUnreachable(command, 'Unknown organisation command');
  }
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};

function existing(state: OrganisationState): Organisation {
  if (state.status === 'empty') throw new NotFoundError('organisation.not_found', 'No such organisation');
  return state;
}

const closed = () => new IllegalStateError('directory.closed', 'The organisation is closed');

function requireNew(state: OrganisationState): void {
  if (state.status !== 'empty') throw new IllegalStateError('directory.organisation_exists', 'An organisation with this id is in the directory already');
}

function propose(c: ProposeOrganisation, state: OrganisationState): OrganisationEvent[] {
  requireNew(state);
  if (!PROPOSABLE_KINDS.includes(c.kind as (typeof PROPOSABLE_KINDS)[number])) {
    throw invalid('/kind', `must be one of ${PROPOSABLE_KINDS.join(', ')} (a national authority is notified by its State)`);
  }
  const details = assertDetails(c);
  const country = c.country === null ? null : assertCountry(c.country);
  if (c.kind !== 'intergovernmental' && country === null) throw invalid('/country', 'is required, except for an intergovernmental organisation');
  return [
    {
      type: 'OrganisationProposed',
      data: { organisationId: c.organisationId, at: c.at, kind: c.kind, country, iatiIdentifier: assertIatiIdentifier(c.iatiIdentifier), ...details },
    },
  ];
}

function notify(c: NotifyAuthority, state: OrganisationState): OrganisationEvent[] {
  requireNew(state);
  const country = assertCountry(c.country);
  if (!codelists.has('uncac-parties', country) || codelists.get('uncac-parties', country)?.kind === 'regional-economic-integration-organisation') {
    throw invalid('/country', 'must be a State the Convention is open to');
  }
  const details = assertDetails(c);
  const areas = assertAreas(c);
  const notification = assertNotification(c.channel, c.noteVerbale);
  return [
    {
      type: 'AuthorityNotified',
      data: {
        organisationId: c.organisationId,
        at: c.at,
        country,
        iatiIdentifier: assertIatiIdentifier(c.iatiIdentifier),
        ...details,
        ...areas,
        notifiedOn: assertPastDate(c.notifiedOn, c.at, '/notifiedOn'),
        ...notification,
        contactPoint: assertContactPoint(c.contactPoint),
      },
    },
  ];
}

function changeDetails(c: ChangeOrganisationDetails, o: Organisation): OrganisationEvent[] {
  if (o.status === 'closed') throw closed();
  const details = assertDetails(c);
  return [{ type: 'OrganisationDetailsChanged', data: { organisationId: o.organisationId, at: c.at, ...details, iatiIdentifier: assertIatiIdentifier(c.iatiIdentifier) } }];
}

function requireAuthority(o: Organisation): NonNullable<Organisation['authority']> {
  if (!o.authority) throw new IllegalStateError('directory.not_an_authority', 'The organisation is not a notified national authority');
  if (o.status === 'closed') throw new IllegalStateError('directory.authority_withdrawn', 'The authority was withdrawn');
  return o.authority;
}

function changeNotification(c: ChangeAuthorityNotification, o: Organisation): OrganisationEvent[] {
  const authority = requireAuthority(o);
  const notifiedOn = assertPastDate(c.notifiedOn, c.at, '/notifiedOn');
  if (notifiedOn < authority.notifiedOn) throw invalid('/notifiedOn', `must not be before the notification in force (${authority.notifiedOn})`);
  return [
    {
      type: 'AuthorityNotificationChanged',
      data: {
        organisationId: o.organisationId,
        at: c.at,
        ...assertDetails(c),
        ...assertAreas(c),
        notifiedOn,
        ...assertNotification(c.channel, c.noteVerbale),
        contactPoint: assertContactPoint(c.contactPoint),
      },
    },
  ];
}

function withdraw(c: WithdrawAuthority, o: Organisation): OrganisationEvent[] {
  const authority = requireAuthority(o);
  const notifiedOn = assertPastDate(c.notifiedOn, c.at, '/notifiedOn');
  if (notifiedOn < authority.notifiedOn) throw invalid('/notifiedOn', `must not be before the notification in force (${authority.notifiedOn})`);
  return [{ type: 'AuthorityWithdrawn', data: { organisationId: o.organisationId, at: c.at, notifiedOn, ...assertNotification(c.channel, c.noteVerbale), reason: assertReason(c.reason) } }];
}

function mapProviderIds(c: MapProviderIds, o: Organisation): OrganisationEvent[] {
  if (!Array.isArray(c.providerIds) || c.providerIds.length === 0 || c.providerIds.length > 20) throw invalid('/providerIds', 'must be a list of 1 to 20 provider ids');
  const ids = c.providerIds.map((id, i) => assertLine(id, `/providerIds/${i}`, 100));
  if (ids.includes(o.organisationId)) throw invalid('/providerIds', "the organisation's own id needs no mapping");
  const fresh = [...new Set(ids)].filter((id) => !o.providerIds.includes(id));
  if (fresh.length === 0) return [];
  return [{ type: 'ProviderIdsMapped', data: { organisationId: o.organisationId, at: c.at, providerIds: fresh } }];
}

/** Whether `value` can be an organisation id (for lookups of ids that came from elsewhere, such as a token). */
export function isOrganisationId(value: string): boolean {
  return ORGANISATION_ID.test(value);
}
