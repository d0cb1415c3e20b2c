import { ForbiddenError, NotFoundError } from '@ta/core';
import type { Actor, ActorRole } from '@ta/platform';
import type { CaseCommand, CaseTexts, EngagementStatus, TextAuthor } from '../domain';

/**
 * Who may send which case command: the one place where it is decided.
 * - `roles`: the actor roles allowed at all;
 * - `owner`: for States and providers, the resource must be theirs:
 *   `country`: the request's (or the engagement's request's) country is the State's own;
 *   `provider`: the offer's (or the engagement's offer's) provider is the donor's or
 *   authority's own organisation. The Secretariat and the system are not owners of anything
 *   and act on every case in their roles.
 * - `author` (translations): besides owning the case as above, a State or a provider must be
 *   the side that wrote the text (`TextAuthor`, from the stream's state): a State translates
 *   the State's texts on its own request, a provider its own texts; the Secretariat any text.
 */
export interface AccessRule {
  readonly roles: readonly ActorRole[];
  readonly owner?: 'country' | 'provider' | 'party';
  readonly author?: true;
}

const STATE: AccessRule = { roles: ['state'], owner: 'country' };
const PROVIDER: AccessRule = { roles: ['donor', 'authority'], owner: 'provider' };
const SECRETARIAT: AccessRule = { roles: ['secretariat'] };
const SYSTEM: AccessRule = { roles: ['system'] };

export const ACCESS_POLICY: Readonly<Record<CaseCommand['type'], AccessRule>> = {
  SubmitRequest: STATE,
  AmendRequest: STATE,
  ProvideClarification: STATE,
  WithdrawRequest: STATE,
  RecordFollowUp: STATE,
  // Consent to publication is the State's to give or take back.
  RestrictRequest: STATE,
  OpenRequest: STATE,
  TriageRequest: SECRETARIAT,
  ReturnForClarification: SECRETARIAT,
  DeclineRequest: SECRETARIAT,
  CloseRequest: SECRETARIAT,
  TranslateRequestText: { roles: ['secretariat', 'state'], owner: 'country', author: true },
  MarkMatched: SYSTEM,
  StartDelivery: SYSTEM,
  MarkDelivered: SYSTEM,

  RegisterOffer: PROVIDER,
  WithdrawOffer: PROVIDER,
  CommitCapacity: SYSTEM,
  ReleaseCapacity: SYSTEM,
  ExpireOffer: { roles: ['system', 'secretariat'] },
  ExtendOffer: PROVIDER,
  AmendOffer: PROVIDER,
  TranslateOfferText: { roles: ['secretariat', 'donor', 'authority'], owner: 'provider', author: true },

  ProposeEngagement: SECRETARIAT,
  AcceptEngagement: { roles: ['state', 'donor', 'authority'], owner: 'party' },
  DeclineEngagement: { roles: ['state', 'donor', 'authority'], owner: 'party' },
  ActivateEngagement: SYSTEM,
  CancelEngagement: { roles: ['secretariat', 'system'] },
  PlanMilestone: PROVIDER,
  ReportMilestoneDone: PROVIDER,
  ConfirmMilestone: { roles: ['state'], owner: 'country' },
  DisputeMilestone: { roles: ['state'], owner: 'country' },
  AnswerMilestoneDispute: PROVIDER,
  ResolveMilestoneDispute: SECRETARIAT,
  RescheduleMilestone: { roles: ['donor', 'authority', 'secretariat'], owner: 'provider' },
  CompleteEngagement: { roles: ['donor', 'authority', 'secretariat'], owner: 'provider' },
  AcknowledgeCompletion: { roles: ['state'], owner: 'country' },
  ContestCompletion: { roles: ['state'], owner: 'country' },
  TranslateEngagementText: { roles: ['secretariat', 'state', 'donor', 'authority'], owner: 'party', author: true },
};

/** What the resource says about its owners (from the command when it creates the resource). */
export interface OwnershipFacts {
  readonly country?: string;
  readonly providerId?: string;
  /** For a translation: who wrote the text (absent when the stream has no such text: the decider refuses it). */
  readonly textAuthor?: TextAuthor;
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
    if (rule.author && facts.textAuthor && facts.textAuthor !== 'state') throw notAuthor(command.type);
    if ((command.type === 'AcceptEngagement' || command.type === 'DeclineEngagement') && command.party !== 'state') {
      throw new ForbiddenError('access.party_mismatch', 'A State accepts or declines as the State');
    }
    return;
  }
  // donor or national authority: a provider
  if (rule.owner === 'country') throw new ForbiddenError('access.role_not_allowed', `${command.type} is for the requesting State`);
  const own = !!actor.organisation && (actor.organisation === facts.providerId || (!!facts.providerId && (actor.providerIds ?? []).includes(facts.providerId)));
  if (!own) {
    throw new ForbiddenError('access.not_own_offer', `${command.type} is only for the provider of this offer`, { command: command.type });
  }
  if (rule.author && facts.textAuthor && facts.textAuthor !== 'provider') throw notAuthor(command.type);
  if ((command.type === 'AcceptEngagement' || command.type === 'DeclineEngagement') && command.party !== 'provider') {
    throw new ForbiddenError('access.party_mismatch', 'A provider accepts or declines as the provider');
  }
}

function notAuthor(type: CaseCommand['type']): ForbiddenError {
  return new ForbiddenError('access.not_author', `${type}: besides the Secretariat, only the side that wrote a text translates it`, { command: type });
}

/** The ownership facts of a command's target, from its current state or the creating command. */
export function ownershipFacts(command: CaseCommand, state: unknown): OwnershipFacts {
  switch (command.type) {
    case 'SubmitRequest':
      return { country: command.country };
    case 'RegisterOffer':
      return { providerId: command.providerId };
    default: {
      const s = state as { country?: string; providerId?: string; texts?: CaseTexts };
      const textAuthor = 'text' in command && typeof command.text === 'string' && s.texts && Object.hasOwn(s.texts, command.text) ? s.texts[command.text]!.author : undefined;
      return { ...(s.country ? { country: s.country } : {}), ...(s.providerId ? { providerId: s.providerId } : {}), ...(textAuthor ? { textAuthor } : {}) };
    }
  }
}

/**
 * Who may read what about a request (queries; the commands are above, and `mayKnowRequest`
 * applies `RestrictedRequest` to them). A reader sees it when
 * - its role is one of `roles` (they see it on every request: the Secretariat), or
 * - `ownCountry` and it is a `state` actor whose `country` is the request's country, or
 * - it is a `donor` or `authority` actor whose `organisation` is the provider of an
 *   engagement on the request whose status is one of `engagedProvider`.
 * Anyone else (another State, another provider, `system`, an actor without country or
 * organisation) does not.
 */
export interface ReadRule {
  readonly roles: readonly ActorRole[];
  readonly ownCountry: boolean;
  readonly engagedProvider: readonly EngagementStatus[];
}

export const READ_ACCESS_POLICY = {
  /**
   * A request marked restricted, at all: queries and commands alike (`mayKnowRequest`).
   * The coordinated view applies the same rule in SQL (`libs/coordination/src/access/request-visibility.ts`),
   * taking its statuses from `engagedProvider` here: a proposed engagement counts, the provider
   * must see what it is asked to accept.
   */
  RestrictedRequest: { roles: ['secretariat'], ownCountry: true, engagedProvider: ['proposed', 'agreed', 'active', 'completed', 'acknowledged'] },
  /**
   * A request's contact person (personal data): the Secretariat, the request's State
   * (its own focal point's data; the State is a party of every engagement on its request) and
   * the provider of an engagement both parties have accepted (agreed, then active, completed,
   * acknowledged by the State).
   * A proposed engagement is not yet one the provider accepted; a declined or cancelled one no
   * longer is an engagement.
   */
  ContactPerson: { roles: ['secretariat'], ownCountry: true, engagedProvider: ['agreed', 'active', 'completed', 'acknowledged'] },
  /**
   * Who read a request's contact person (docs/audit.md): the Secretariat and the data subject's
   * State (the request's country); not the providers who read it.
   */
  PersonalDataReads: { roles: ['secretariat'], ownCountry: true, engagedProvider: [] },
} as const satisfies Record<string, ReadRule>;

export type ReadTarget = keyof typeof READ_ACCESS_POLICY;

/** What a request says about who may read it: from its stream and its engagements' streams. */
export interface RequestAccessFacts {
  readonly requestId: string;
  readonly country: string;
  readonly restricted: boolean;
  readonly engagements: ReadonlyArray<{ readonly providerId: string; readonly status: EngagementStatus }>;
}

export function mayRead(target: ReadTarget, actor: Actor, facts: RequestAccessFacts): boolean {
  const rule: ReadRule = READ_ACCESS_POLICY[target];
  if (rule.roles.includes(actor.role)) return true;
  if (actor.role === 'state') return rule.ownCountry && !!actor.country && actor.country === facts.country;
  if (actor.role === 'donor' || actor.role === 'authority') {
    const organisation = actor.organisation;
    return !!organisation && facts.engagements.some((e) => e.providerId === organisation && rule.engagedProvider.includes(e.status));
  }
  return false;
}

/**
 * Whether the actor may know that the request exists, and so that its engagements and their
 * milestones do: every request is known to the Secretariat and to the platform's own process
 * managers (`system`, which act on every case; no token carries that role); an unrestricted one
 * to everyone; a restricted one to whom `READ_ACCESS_POLICY.RestrictedRequest` lets read it.
 * A command on a request the actor may not know gets exactly the answer of an unknown id (the
 * command executor's 404), whatever its role and whatever `ACCESS_POLICY` says: a 403 would
 * confirm that the request exists.
 */
export function mayKnowRequest(actor: Actor, facts: RequestAccessFacts): boolean {
  return knowsEveryRequest(actor) || !facts.restricted || mayRead('RestrictedRequest', actor, facts);
}

/** Actors who know every request: no facts need to be gathered for them. */
export function knowsEveryRequest(actor: Actor): boolean {
  const rule: ReadRule = READ_ACCESS_POLICY.RestrictedRequest;
  return actor.role === 'system' || rule.roles.includes(actor.role);
}

/** The 404 of an unknown request, also given for a restricted one the actor may not see (same code, same words). */
export function requestNotFound(requestId: string): NotFoundError {
  return new NotFoundError('request.not_found', `No request ${requestId}`, { requestId });
}

/**
 * Reading a request's contact person: allowed, or 404 `request.not_found` when the request is
 * restricted and hidden from the actor (a 403 would confirm that it exists), or 403
 * `access.not_party` when the actor may know the request but not its contact person.
 */
export function authorizeContactPersonRead(actor: Actor, facts: RequestAccessFacts): void {
  if (mayRead('ContactPerson', actor, facts)) return;
  if (facts.restricted && !mayRead('RestrictedRequest', actor, facts)) throw requestNotFound(facts.requestId);
  throw new ForbiddenError(
    'access.not_party',
    "A request's contact person is visible only to the Secretariat, the request's State and the provider of an agreed, active, completed or acknowledged engagement on it",
    { requestId: facts.requestId },
  );
}

/** The 403 codes `authorize` can give for a command sent through the API (for the OpenAPI document). */
export function forbiddenCodes(type: CaseCommand['type']): string[] {
  const { owner, roles } = ACCESS_POLICY[type];
  const providers = roles.includes('donor') || roles.includes('authority');
  return [
    'access.role_not_allowed',
    ...(owner === 'country' || owner === 'party' ? ['access.not_own_country'] : []),
    ...(owner === 'provider' || owner === 'party' ? ['access.not_own_offer'] : []),
    ...(ACCESS_POLICY[type].author ? ['access.not_author'] : []),
    // identity from the directory (provider-identity.ts)
    ...(providers ? ['access.organisation_unknown', 'access.organisation_not_verified', 'access.role_kind_mismatch'] : []),
    ...(type === 'RegisterOffer' ? ['access.provider_kind_mismatch'] : []),
  ];
}
