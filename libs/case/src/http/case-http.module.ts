import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CaseCommands } from '../application/case-command-service';
import { CommandSender } from './case-controller.support';
import { GetContactPersonHandler, GetContactPersonReadsHandler } from './contact-person.query';
import { ContactPersonsController } from './contact-persons.controller';
import { EraseContactPersonHandler } from './erase-contact-person.handler';
import { EngagementsController } from './engagements.controller';
import { ExecuteCaseCommandHandler } from './execute-case-command.handler';
import { OffersController } from './offers.controller';
import { RequestsController } from './requests.controller';
import { TranslationsController } from './translations.controller';

/**
 * The case's HTTP face: its commands (sent on the command bus to `CaseCommands`) and the one
 * read it owns, contact persons (on the query bus). The process managers are not here: the
 * process that runs them registers them with its consumers (`createProcessManagers`).
 */
@Module({})
export class CaseHttpModule {
  static forRoot(commands: CaseCommands): DynamicModule {
    return {
      module: CaseHttpModule,
      imports: [CqrsModule.forRoot()],
      controllers: [RequestsController, OffersController, EngagementsController, ContactPersonsController, TranslationsController],
      providers: [{ provide: CaseCommands, useValue: commands }, CommandSender, ExecuteCaseCommandHandler, GetContactPersonHandler, GetContactPersonReadsHandler, EraseContactPersonHandler],
    };
  }
}
