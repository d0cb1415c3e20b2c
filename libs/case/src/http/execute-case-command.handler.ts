import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandResult } from '@ta/platform';
import { CaseCommands, type ProposeEngagementInput } from '../application/case-command-service';
import type { CaseCommand } from '../domain';

/** A case command as a controller sends it on the command bus. */
export class ExecuteCaseCommand implements ICommand {
  constructor(
    readonly command: CaseCommand | ProposeEngagementInput,
    readonly ctx: CommandContext,
    /** Ids to answer with: `id` (the aggregate) and any the command creates. */
    readonly ids: Record<string, string>,
  ) {}
}

/** The bus's handler of every case command: the case's `CaseCommands` (load, decide, append). */
@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, CommandResult> {
  constructor(@Inject(CaseCommands) private readonly commands: CaseCommands) {}

  execute({ command, ctx, ids }: ExecuteCaseCommand): Promise<CommandResult> {
    return this.commands.execute(command, ctx, ids);
  }
}
