import { ForbiddenError } from '@ta/core';
import type { OrganisationIdentity } from '@ta/directory';
import type { Actor } from '@ta/platform';
import type { CaseCommand, ProviderKind } from '../domain';

/** What the case asks the directory about a provider (`DirectoryIdentities` from @ta/directory answers it). */
export interface ProviderDirectory {
  identityOf(organisationId: string): Promise<OrganisationIdentity | null>;
}

/** The offer's provider kind for each kind of organisation in the directory. */
export const PROVIDER_KIND_OF: Readonly<Record<OrganisationIdentity['kind'], ProviderKind>> = {
  donor_agency: 'bilateral',
  intergovernmental: 'multilateral',
  national_authority: 'state_authority',
  civil_society: 'civil_society',
  academia: 'academia',
  private_sector: 'private_sector',
};

/** The 403 codes of the identity check (for the OpenAPI document of the providers' commands). */
export const IDENTITY_FORBIDDEN_CODES = ['access.organisation_unknown', 'access.organisation_not_verified', 'access.role_kind_mismatch'] as const;

/**
 * Identity from the directory, not from the caller: a donor or authority acts for its
 * organisation only when the directory has it and the Secretariat verified it (a national
 * authority is verified by its State's notification); the `authority` role is for national
 * authorities and the `donor` role for every other kind of provider. The actor that goes on
 * has the directory's id for the organisation (a token naming a mapped provider id acts as the
 * organisation it was mapped to) and the provider ids mapped to it.
 */
export async function actorFromDirectory(actor: Actor, directory: ProviderDirectory): Promise<{ actor: Actor; identity: OrganisationIdentity } | null> {
  if (actor.role !== 'donor' && actor.role !== 'authority') return null;
  const identity = actor.organisation ? await directory.identityOf(actor.organisation) : null;
  if (!identity) {
    throw new ForbiddenError('access.organisation_unknown', `The organisation ${actor.organisation ?? ''} is not in the directory`, { organisation: actor.organisation ?? null });
  }
  if (identity.status !== 'verified') {
    throw new ForbiddenError('access.organisation_not_verified', `The organisation ${identity.organisationId} is ${identity.status}: only a verified organisation acts on the platform`, {
      organisation: identity.organisationId,
      status: identity.status,
    });
  }
  if ((actor.role === 'authority') !== (identity.kind === 'national_authority')) {
    throw new ForbiddenError('access.role_kind_mismatch', `The ${actor.role} role does not fit the organisation's kind (${identity.kind}) in the directory`, {
      role: actor.role,
      kind: identity.kind,
    });
  }
  return { actor: { ...actor, organisation: identity.organisationId, providerIds: identity.providerIds }, identity };
}

/**
 * A RegisterOffer with its provider from the directory: the provider is the actor's organisation
 * (another id in the body: 403 `access.not_own_offer`), its kind the directory's (another kind in
 * the body: 403 `access.provider_kind_mismatch`), and a national authority's offer carries its State.
 */
export function offerFromDirectory<C extends CaseCommand>(command: C, identity: OrganisationIdentity, claimedProvider: string | undefined): C {
  if (command.type !== 'RegisterOffer') return command;
  const kind = PROVIDER_KIND_OF[identity.kind];
  const own = claimedProvider === undefined || claimedProvider === identity.organisationId || identity.providerIds.includes(claimedProvider);
  if (!own) {
    throw new ForbiddenError('access.not_own_offer', 'RegisterOffer is only for the provider of this offer', { command: command.type });
  }
  // The controller passes the body's kind through; absent (undefined), the directory's is taken.
  if (command.providerKind !== undefined && command.providerKind !== kind) {
    throw new ForbiddenError('access.provider_kind_mismatch', `The directory has ${identity.organisationId} as ${kind}, not ${command.providerKind}`, {
      claimed: command.providerKind,
      directory: kind,
    });
  }
  return {
    ...command,
    providerId: identity.organisationId,
    providerKind: kind,
    ...(identity.kind === 'national_authority' && identity.country ? { providerCountry: identity.country } : {}),
  };
}
