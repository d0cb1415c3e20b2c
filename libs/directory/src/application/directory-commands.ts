import type { DomainEvent, Decider } from '@ta/core';
import type { CommandContext, CommandExecutor, CommandResult } from '@ta/platform';
import { organisationDecider, organisationEventSchemaVersions, organisationStreamId, type OrganisationCommand } from '../domain';
import { authorizeDirectory } from './directory-access';

const CREATING = new Set<OrganisationCommand['type']>(['ProposeOrganisation', 'NotifyAuthority']);

/** The directory's commands: load, authorise, decide and append, through the command executor. */
export class DirectoryCommands {
  constructor(readonly executor: CommandExecutor) {}

  execute(command: OrganisationCommand, ctx: CommandContext, ids: Record<string, string> = { id: command.organisationId }): Promise<CommandResult> {
    return this.executor.execute(
      {
        decider: organisationDecider as unknown as Decider<OrganisationCommand, DomainEvent, unknown>,
        streamId: organisationStreamId(command.organisationId),
        command,
        at: command.at,
        schemaVersions: organisationEventSchemaVersions,
        ids,
        ...(CREATING.has(command.type) ? {} : { notFoundCode: 'organisation.not_found' }),
        authorize: (state) => authorizeDirectory(command, ctx.actor, state as never),
      },
      ctx,
    );
  }
}
