import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { INFRASTRUCTURE, CommandExecutor, type Infrastructure } from '@ta/platform';
import { GetContactPersonHandler } from './contact-person.query';
import { ContactPersonsController } from './contact-persons.controller';
import { COMMAND_EXECUTOR, ExecuteCaseCommandHandler } from './execute-case-command.handler';
import { EngagementsController } from './engagements.controller';
import { OffersController } from './offers.controller';
import { PROCESS_MANAGERS_CONSUMER, processManagerHandler } from './process-managers';
import { RequestsController } from './requests.controller';

/** The case context's command side: HTTP commands, their handler, the process managers; and the one read it owns, contact persons. */
@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [RequestsController, OffersController, EngagementsController, ContactPersonsController],
  providers: [
    {
      provide: COMMAND_EXECUTOR,
      inject: [INFRASTRUCTURE],
      useFactory: (infra: Infrastructure) => new CommandExecutor(infra.pool, infra.eventStore.store),
    },
    ExecuteCaseCommandHandler,
    GetContactPersonHandler,
  ],
})
export class CaseModule implements OnModuleInit {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: Infrastructure,
    @Inject(COMMAND_EXECUTOR) private readonly executor: CommandExecutor,
  ) {}

  onModuleInit(): void {
    this.infra.consumers.register(
      this.infra.eventStore.consumer({
        name: PROCESS_MANAGERS_CONSUMER,
        handle: processManagerHandler(this.executor),
        batchSize: 200,
        // The process managers append inside the batch transaction: wake the other consumers once it committed.
        afterCommit: () => this.infra.eventStore.store.notifyAppended(),
      }),
    );
  }
}
