import type { PoolClient } from 'pg';
import type { Decider, DomainEvent } from '@ta/core';
import type { NewEvent } from '@ta/event-store';
import type { Actor, CommandSpec, TransactionReads } from '@ta/platform';
import {
  engagementDecider,
  engagementEventSchemaVersions,
  offerDecider,
  offerEventSchemaVersions,
  requestDecider,
  requestEventSchemaVersions,
  targetStreamId,
  type CaseCommand,
} from '../domain';
import { authorize, ownershipFacts } from './access-policy';
import { contactPersonSubject, personalDataVault } from './personal-data-vault';
import { mayKnowCommandTarget, type CommandTarget } from './request-access-facts';

const CREATING = new Set<CaseCommand['type']>(['SubmitRequest', 'RegisterOffer', 'ProposeEngagement']);

/** Which decider, stream and schema versions a command is executed with. */
export function specFor(command: CaseCommand, actor: Actor): CommandSpec<CaseCommand, DomainEvent, unknown> {
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
    ...(CREATING.has(command.type)
      ? {}
      : {
          notFoundCode: table.notFound,
          // a restricted request (or its engagement) the actor may not know: the 404 of an unknown id
          ...(kind === 'offer' ? {} : { mayKnow: (state: unknown, tx: TransactionReads) => mayKnowCommandTarget(actor, { kind, state } as CommandTarget, tx) }),
        }),
    authorize: (state) => authorize(command, actor, ownershipFacts(command, state)),
    ...(command.type === 'SubmitRequest' ? { prepare: sealContactPerson } : {}),
  };
}

/** A submitted request's contact person is stored sealed with its own key (docs/audit.md, "Erasure"). */
async function sealContactPerson(events: readonly NewEvent[], tx: PoolClient): Promise<NewEvent[]> {
  return Promise.all(
    events.map(async (e) => {
      const data = e.data as { requestId?: string; contactPerson?: unknown };
      if (e.type !== 'RequestSubmitted' || data.contactPerson == null || !data.requestId) return e;
      return { ...e, data: { ...data, contactPerson: await personalDataVault.seal(tx, contactPersonSubject(data.requestId), data.contactPerson) } };
    }),
  );
}
