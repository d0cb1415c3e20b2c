import { Module, type DynamicModule } from '@nestjs/common';
import { AuditHttpModule } from '@ta/audit/http';
import type { CaseCommands } from '@ta/case';
import { CaseHttpModule } from '@ta/case/http';
import type { CoordinationReader } from '@ta/coordination';
import type { DirectoryServices } from '@ta/directory';
import { DirectoryHttpModule } from '@ta/directory/http';
import { CoordinationHttpModule } from '@ta/coordination/http';
import { IatiPublisher } from '@ta/iati';
import { IatiHttpModule } from '@ta/iati/http';
import { LiveModule } from '@ta/live/http';
import type { NotifyServices } from '@ta/notify';
import { NotifyHttpModule } from '@ta/notify/http';
import type { Infrastructure } from '@ta/platform';
import { PlatformModule } from '@ta/platform/http';

/** What the API's HTTP face is built from: the process's infrastructure and the services its contexts expose. */
export interface ApiServices {
  readonly infra: Infrastructure;
  readonly commands: CaseCommands;
  readonly reader: CoordinationReader;
  readonly directory: DirectoryServices;
  readonly notify: NotifyServices;
}

/** The API's NestJS modules: the platform (health, problems, auth), then each context's HTTP face (the notifications' last). */
@Module({})
export class AppModule {
  static forRoot(services: ApiServices): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(services.infra),
        CaseHttpModule.forRoot(services.commands),
        CoordinationHttpModule.forRoot(services.reader, { publicView: services.directory.publicView }),
        LiveModule.forRoot(services.infra),
        AuditHttpModule,
        DirectoryHttpModule.forRoot(services.directory),
        IatiHttpModule.forRoot(new IatiPublisher(services.infra.pool), { publicView: services.directory.publicView }),
        NotifyHttpModule.forRoot(services.notify),
      ],
    };
  }
}
