import type { Decider, DomainEvent } from '@ta/core';
import type { CommandContext, CommandExecutor, CommandResult } from '@ta/platform';
import { practiceDecider, practiceEventSchemaVersions, practiceStreamId, type PracticeCommand, type PracticeState } from '../domain';
import { checkPracticeEngagements, engagementFacts } from './lesson-engagements';
import { authorizePractice, maySeePractice } from './practices-access';

/** The library's commands: load, authorise, decide and append, through the command executor. */
export class PracticeCommands {
  constructor(
    readonly executor: CommandExecutor,
    private readonly store: { readStream(id: string): Promise<ReadonlyArray<{ type: string; data: unknown }>> },
  ) {}

  async execute(command: PracticeCommand, ctx: CommandContext): Promise<CommandResult> {
    const creating = command.type === 'SubmitPractice';
    if (creating && Array.isArray(command.engagementIds) && command.engagementIds.length > 0) {
      checkPracticeEngagements(ctx.actor, command.kind, await engagementFacts(this.store, command.engagementIds), command.engagementIds);
    }
    return this.executor.execute(
      {
        decider: practiceDecider as unknown as Decider<PracticeCommand, DomainEvent, unknown>,
        streamId: practiceStreamId(command.practiceId),
        command,
        at: command.at,
        schemaVersions: practiceEventSchemaVersions,
        ids: { id: command.practiceId },
        ...(creating
          ? {}
          : {
              notFoundCode: 'practice.not_found',
              // An unpublished practice is not known to those who may not see it: 404, as if absent.
              mayKnow: async (state: unknown) => maySeePractice(ctx.actor, state as Exclude<PracticeState, { status: 'empty' }>),
            }),
        authorize: (state) => authorizePractice(command, ctx.actor, state as PracticeState),
      },
      ctx,
    );
  }
}
