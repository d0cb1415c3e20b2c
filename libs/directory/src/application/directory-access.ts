import { ForbiddenError } from '@ta/core';
import type { Actor, ActorRole } from '@ta/platform';
import type { OrganisationCommand, OrganisationState } from '../domain';

/**
 * Who may send which directory command: the one place where it is decided.
 * - `self`: a provider (`donor` role) acts for its own organisation only (the token's
 *   `organisation` is the command's organisation id);
 * - `country`: a State focal point acts for its own State's authorities only;
 * the Secretariat acts on every entry in the roles listed.
 */
export interface DirectoryAccessRule {
  readonly roles: readonly ActorRole[];
  readonly owner?: 'self' | 'country';
}

const SECRETARIAT: DirectoryAccessRule = { roles: ['secretariat'] };
const STATE_OR_SECRETARIAT: DirectoryAccessRule = { roles: ['state', 'secretariat'], owner: 'country' };

export const DIRECTORY_ACCESS_POLICY: Readonly<Record<OrganisationCommand['type'], DirectoryAccessRule>> = {
  ProposeOrganisation: { roles: ['secretariat', 'donor'], owner: 'self' },
  ChangeOrganisationDetails: { roles: ['secretariat', 'donor'], owner: 'self' },
  VerifyOrganisation: SECRETARIAT,
  SuspendOrganisation: SECRETARIAT,
  CloseOrganisation: SECRETARIAT,
  MapProviderIds: SECRETARIAT,
  NotifyAuthority: STATE_OR_SECRETARIAT,
  ChangeAuthorityNotification: STATE_OR_SECRETARIAT,
  WithdrawAuthority: STATE_OR_SECRETARIAT,
};

export function authorizeDirectory(command: OrganisationCommand, actor: Actor, state: OrganisationState): void {
  const rule = DIRECTORY_ACCESS_POLICY[command.type];
  if (!rule.roles.includes(actor.role)) {
    throw new ForbiddenError('access.role_not_allowed', `${command.type} is not allowed in the ${actor.role} role`, { command: command.type, role: actor.role });
  }
  if (actor.role === 'secretariat' || !rule.owner) return;
  if (rule.owner === 'self' && actor.organisation !== command.organisationId) {
    throw new ForbiddenError('access.not_own_organisation', `${command.type} is only for the organisation itself`, { command: command.type });
  }
  if (rule.owner === 'country') {
    const country = command.type === 'NotifyAuthority' ? command.country : state.status === 'empty' ? undefined : (state.country ?? undefined);
    if (!actor.country || actor.country !== country) {
      throw new ForbiddenError('access.not_own_country', `${command.type} is only for the State whose authority this is`, { command: command.type });
    }
  }
}

/** The 403 codes a directory command can give (for the OpenAPI document). */
export function directoryForbiddenCodes(type: OrganisationCommand['type']): string[] {
  const owner = DIRECTORY_ACCESS_POLICY[type].owner;
  return ['access.role_not_allowed', ...(owner === 'self' ? ['access.not_own_organisation'] : []), ...(owner === 'country' ? ['access.not_own_country'] : [])];
}
