import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryCommands } from '../application/directory-commands';
import { DirectoryQueries } from '../application/directory-queries';
import { OrganisationsController } from './organisations.controller';
import { PublicDirectoryController } from './public-directory.controller';

/**
 * The directory's HTTP face: its commands and reads for signed-in users, and the public
 * directory where the deployment turns the public view on (`publicView`).
 */
@Module({})
export class DirectoryHttpModule {
  static forRoot(services: { commands: DirectoryCommands; queries: DirectoryQueries; publicView: boolean }): DynamicModule {
    return {
      module: DirectoryHttpModule,
      controllers: [OrganisationsController, ...(services.publicView ? [PublicDirectoryController] : [])],
      providers: [
        { provide: DirectoryCommands, useValue: services.commands },
        { provide: DirectoryQueries, useValue: services.queries },
      ],
    };
  }
}
