import type { Pool } from 'pg';
import { fold, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@ta/core';
import type { EventStore } from '@ta/event-store';
import type { Actor, CommandContext, CommandExecutor, CommandResult } from '@ta/platform';
import {
  offerDecider,
  offerStreamId,
  toMinorUnits,
  type AmendRequest,
  type CaseCommand,
  type OfferEvent,
  type ProposeEngagement,
} from '../domain';
import { specFor } from './case-commands';
import { actorFromDirectory, offerFromDirectory, type ProviderDirectory } from './provider-identity';
import { engagementsOfRequest, mayKnowCommandTarget, poolReads, readRequest } from './request-access-facts';

/** A ProposeEngagement as the API receives it: the handler loads the snapshots it needs. */
export type ProposeEngagementInput = Omit<ProposeEngagement, 'request' | 'offer' | 'amount'> & { readonly amount: string };

/**
 * The case's commands: authorise, then load, decide and append, through the command executor.
 * A proposal is first given the snapshots of its request and offer that the decider needs.
 */
export class CaseCommands {
  constructor(
    readonly executor: CommandExecutor,
    private readonly store: EventStore,
    private readonly pool: Pool,
    /** Identity from the directory (the API always has one; without it, tokens are taken as they are). */
    private readonly providers?: ProviderDirectory,
  ) {}

  /** `ids`: what to answer with, `id` (the aggregate) and any the command creates. */
  async execute(command: CaseCommand | ProposeEngagementInput, ctx: CommandContext, ids: Record<string, string>): Promise<CommandResult> {
    let full =
      command.type === 'ProposeEngagement'
        ? await this.withSnapshots(command as ProposeEngagementInput, ctx.actor)
        : command.type === 'AmendRequest'
          ? await this.withLiveEngagements(command)
          : (command as CaseCommand);
    const known = this.providers ? await actorFromDirectory(ctx.actor, this.providers) : null;
    if (known) {
      // The token's own claims stay in the context (idempotency keys are the token's); the checks use the directory's identity.
      full = offerFromDirectory(full, known.identity, full.type === 'RegisterOffer' ? full.providerId : undefined);
      return this.executor.execute({ ...specFor(full, known.actor), ids }, ctx);
    }
    return this.executor.execute({ ...specFor(full, ctx.actor), ids }, ctx);
  }

  /**
   * The Secretariat sends a provider's command on its behalf (an IATI import it confirms for the
   * provider, docs/iati.md): the access policy and the directory's identity checks are those of
   * the provider (`provider`: its organisation and role), as if it sent the command itself; the
   * events record the Secretariat's user as the actor and the provider as `onBehalfOf`.
   */
  async executeOnBehalfOf(command: CaseCommand, ctx: CommandContext, ids: Record<string, string>, provider: { readonly organisation: string; readonly role: 'donor' | 'authority' }): Promise<CommandResult> {
    if (ctx.actor.role !== 'secretariat') {
      throw new ForbiddenError('access.role_not_allowed', `Only the Secretariat acts on a provider's behalf, not the ${ctx.actor.role}`, { role: ctx.actor.role });
    }
    const as: Actor = { id: ctx.actor.id, role: provider.role, organisation: provider.organisation };
    const known = this.providers ? await actorFromDirectory(as, this.providers) : null;
    const full = known ? offerFromDirectory(command, known.identity, command.type === 'RegisterOffer' ? command.providerId : undefined) : command;
    return this.executor.execute({ ...specFor(full, known?.actor ?? as), ids }, { ...ctx, metadata: { ...ctx.metadata, onBehalfOf: provider.organisation } });
  }

  /**
   * The request's status and country and the offer's state, as inputs to the engagement
   * decider. A restricted request the actor may not know is answered like an unknown one.
   */
  private async withSnapshots(input: ProposeEngagementInput, actor: Actor): Promise<ProposeEngagement> {
    const reads = poolReads(this.pool, this.store);
    const [request, offerEvents] = await Promise.all([readRequest(reads, input.requestId), this.store.readStream(offerStreamId(input.offerId))]);
    if (request.status === 'empty' || !(await mayKnowCommandTarget(actor, { kind: 'request', state: request }, reads))) {
      throw new NotFoundError('request.not_found', `Request ${input.requestId} does not exist`);
    }
    if (offerEvents.length === 0) throw new NotFoundError('offer.not_found', `Offer ${input.offerId} does not exist`);
    const offer = fold(offerDecider, offerEvents.map((e) => ({ type: e.type, data: e.data }) as OfferEvent));
    if (offer.status === 'empty') throw new IllegalStateError('engagement.inconsistent_inputs', 'The offer has no state');
    const unit = offer.capacity.kind;
    let amount: number;
    if (unit === 'money') {
      amount = toMinorUnits(input.amount, offer.capacity.currency);
    } else {
      if (!/^\d+$/.test(input.amount)) throw new ValidationError('input.invalid', 'amount must be a whole number of expert-days for this offer', [{ path: '/amount', message: 'whole days' }]);
      amount = Number(input.amount);
    }
    const implementerId = input.implementerId === undefined ? undefined : await this.implementer(input.implementerId);
    return { ...input, ...(implementerId !== undefined ? { implementerId } : {}), amount, request: { status: request.status, country: request.country }, offer };
  }

  /**
   * An amendment's lookup: the request's engagements that are proposed or agreed (read as the
   * access checks read them: the withdrawal process's state and the engagements' streams).
   * Read before the command's transaction: a proposal recorded in between is not seen, as a
   * proposal does not see an amendment recorded after it was decided.
   */
  private async withLiveEngagements(command: AmendRequest): Promise<AmendRequest> {
    const reads = poolReads(this.pool, this.store);
    const request = await readRequest(reads, command.requestId);
    if (request.status === 'empty') return command; // the executor answers 404
    const engagements = await engagementsOfRequest(reads, request);
    const live = engagements.flatMap((e) => (e.status === 'proposed' || e.status === 'agreed' ? [e.engagementId] : []));
    return { ...command, liveEngagementIds: live };
  }

  /** The implementing organisation, from the directory: it must be there and verified. */
  private async implementer(id: string): Promise<string> {
    if (!this.providers) return id;
    const identity = await this.providers.identityOf(id);
    if (!identity) throw new ValidationError('engagement.unknown_implementer', `No organisation ${id} in the directory`, [{ path: '/implementerId', message: 'not in the directory' }]);
    if (identity.status !== 'verified') {
      throw new IllegalStateError('engagement.implementer_not_verified', `The organisation ${identity.organisationId} is ${identity.status}`, { implementerId: identity.organisationId });
    }
    return identity.organisationId;
  }
}
