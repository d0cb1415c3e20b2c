import { ForbiddenError } from '@ta/core';
import type { Actor, ActorRole } from '@ta/platform';
import type { CaseCommand } from '../domain';

/**
 * Who may send which case command: the one place where it is decided.
 * - `roles`: the actor roles allowed at all;
 * - `owner`: for States and providers, the resource must be theirs:
 *   `country`: the request's (or the engagement's request's) country is the State's own;
 *   `provider`: the offer's (or the engagement's offer's) provider is the donor's or
 *   authority's own organisation. The Secretariat and the system are not owners of anything
 *   and act on every case in their roles.
 */
export interface AccessRule {
  readonly roles: readonly ActorRole[];
  readonly owner?: 'country' | 'provider' | 'party';
}

const STATE: AccessRule = { roles: ['state'], owner: 'country' };
const PROVIDER: AccessRule = { roles: ['donor', 'authority'], owner: 'provider' };
const SECRETARIAT: AccessRule = { roles: ['secretariat'] };
const SYSTEM: AccessRule = { roles: ['system'] };

export const ACCESS_POLICY: Readonly<Record<CaseCommand['type'], AccessRule>> = {
  SubmitRequest: STATE,
  ProvideClarification: STATE,
  WithdrawRequest: STATE,
  RecordFollowUp: STATE,
  TriageRequest: SECRETARIAT,
  ReturnForClarification: SECRETARIAT,
  DeclineRequest: SECRETARIAT,
  CloseRequest: SECRETARIAT,
  MarkMatched: SYSTEM,
  StartDelivery: SYSTEM,
  MarkDelivered: SYSTEM,

  RegisterOffer: PROVIDER,
  WithdrawOffer: PROVIDER,
  CommitCapacity: SYSTEM,
  ReleaseCapacity: SYSTEM,
  ExpireOffer: { roles: ['system', 'secretariat'] },

  ProposeEngagement: SECRETARIAT,
  AcceptEngagement: { roles: ['state', 'donor', 'authority'], owner: 'party' },
  DeclineEngagement: { roles: ['state', 'donor', 'authority'], owner: 'party' },
  ActivateEngagement: SYSTEM,
  CancelEngagement: { roles: ['secretariat', 'system'] },
  PlanMilestone: PROVIDER,
  ReportMilestoneDone: PROVIDER,
  ConfirmMilestone: { roles: ['state'], owner: 'country' },
  DisputeMilestone: { roles: ['state'], owner: 'country' },
  RescheduleMilestone: { roles: ['donor', 'authority', 'secretariat'], owner: 'provider' },
  CompleteEngagement: { roles: ['donor', 'authority', 'secretariat'], owner: 'provider' },
};

/** What the resource says about its owners (from the command when it creates the resource). */
export interface OwnershipFacts {
  readonly country?: string;
  readonly providerId?: string;
}

export function authorize(command: CaseCommand, actor: Actor, facts: OwnershipFacts): void {
  const rule = ACCESS_POLICY[command.type];
  if (!rule.roles.includes(actor.role)) {
    throw new ForbiddenError('access.role_not_allowed', `${command.type} is not allowed in the ${actor.role} role`, { command: command.type, role: actor.role });
  }
  if (!rule.owner || actor.role === 'secretariat' || actor.role === 'system') return;
  if (actor.role === 'state') {
    if (rule.owner === 'provider') throw new ForbiddenError('access.role_not_allowed', `${command.type} is for the provider`);
    if (!actor.country || actor.country !== facts.country) {
      throw new ForbiddenError('access.not_own_country', `${command.type} is only for the State whose request this is`, { command: command.type });
    }
    if ((command.type === 'AcceptEngagement' || command.type === 'DeclineEngagement') && command.party !== 'state') {
      throw new ForbiddenError('access.party_mismatch', 'A State accepts or declines as the State');
    }
    return;
  }
  // donor or national authority: a provider
  if (rule.owner === 'country') throw new ForbiddenError('access.role_not_allowed', `${command.type} is for the requesting State`);
  if (!actor.organisation || actor.organisation !== facts.providerId) {
    throw new ForbiddenError('access.not_own_offer', `${command.type} is only for the provider of this offer`, { command: command.type });
  }
  if ((command.type === 'AcceptEngagement' || command.type === 'DeclineEngagement') && command.party !== 'provider') {
    throw new ForbiddenError('access.party_mismatch', 'A provider accepts or declines as the provider');
  }
}

/** The ownership facts of a command's target, from its current state or the creating command. */
export function ownershipFacts(command: CaseCommand, state: unknown): OwnershipFacts {
  switch (command.type) {
    case 'SubmitRequest':
      return { country: command.country };
    case 'RegisterOffer':
      return { providerId: command.providerId };
    default: {
      const s = state as { country?: string; providerId?: string };
      return { ...(s.country ? { country: s.country } : {}), ...(s.providerId ? { providerId: s.providerId } : {}) };
    }
  }
}
