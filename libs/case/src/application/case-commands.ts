import { ForbiddenError, type Decider, type DomainEvent } from '@ta/core';
import type { Actor, CommandSpec } from '@ta/platform';
import {
  engagementCommandRoles,
  engagementDecider,
  engagementEventSchemaVersions,
  offerCommandRoles,
  offerDecider,
  offerEventSchemaVersions,
  requestCommandRoles,
  requestDecider,
  requestEventSchemaVersions,
  targetStreamId,
  type ActorRole as DomainRole,
  type CaseCommand,
} from '../domain';

const CREATING = new Set<CaseCommand['type']>(['SubmitRequest', 'RegisterOffer', 'ProposeEngagement']);

const ROLES: Record<CaseCommand['type'], readonly DomainRole[]> = { ...requestCommandRoles, ...offerCommandRoles, ...engagementCommandRoles };

/** Donors and national authorities act as providers in the case domain. */
export function domainRoleOf(actor: Actor): DomainRole {
  switch (actor.role) {
    case 'state':
      return 'state';
    case 'secretariat':
      return 'secretariat';
    case 'donor':
    case 'authority':
      return 'provider';
    case 'system':
      return 'system';
  }
}

/** Role check from the domain's command-role tables (ownership rules come with authentication). */
export function authorize(command: CaseCommand, actor: Actor): void {
  const role = domainRoleOf(actor);
  if (!ROLES[command.type].includes(role)) {
    throw new ForbiddenError('command.role_not_allowed', `${command.type} is not allowed for the ${actor.role} role`, {
      command: command.type,
      role: actor.role,
    });
  }
  if ((command.type === 'AcceptEngagement' || command.type === 'DeclineEngagement') && command.party !== role) {
    throw new ForbiddenError('command.party_mismatch', `A ${actor.role} cannot act as the ${command.party}`);
  }
}

/** Which decider, stream and schema versions a command is executed with. */
export function specFor(command: CaseCommand): CommandSpec<CaseCommand, DomainEvent, unknown> {
  const streamId = targetStreamId(command);
  const common = { streamId, command, at: command.at };
  const kind = streamId.startsWith('request-') ? 'request' : streamId.startsWith('offer-') ? 'offer' : 'engagement';
  const table = {
    request: { decider: requestDecider, schemaVersions: requestEventSchemaVersions, notFound: 'request.not_found' },
    offer: { decider: offerDecider, schemaVersions: offerEventSchemaVersions, notFound: 'offer.not_found' },
    engagement: { decider: engagementDecider, schemaVersions: engagementEventSchemaVersions, notFound: 'engagement.not_found' },
  }[kind];
  return {
    ...common,
    decider: table.decider as unknown as Decider<CaseCommand, DomainEvent, unknown>,
    schemaVersions: table.schemaVersions,
    ...(CREATING.has(command.type) ? {} : { notFoundCode: table.notFound }),
  };
}
