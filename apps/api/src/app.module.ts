import { Module, type DynamicModule } from '@nestjs/common';
import { AuditHttpModule } from '@ta/audit/http';
import type { CaseCommands } from '@ta/case';
import { CaseHttpModule } from '@ta/case/http';
import { ContractsHttpModule } from '@ta/contracts/http';
import type { CoordinationReader } from '@ta/coordination';
import type { DirectoryServices } from '@ta/directory';
import { DirectoryHttpModule } from '@ta/directory/http';
import { CoordinationHttpModule } from '@ta/coordination/http';
import { IatiImporter, IatiPublisher, ReportedActivities } from '@ta/iati';
import { IatiHttpModule } from '@ta/iati/http';
import type { IdentityServices } from '@ta/identity';
import { IdentityHttpModule } from '@ta/identity/http';
import { LiveModule } from '@ta/live/http';
import type { NotifyServices } from '@ta/notify';
import { NotifyHttpModule } from '@ta/notify/http';
import type { Infrastructure } from '@ta/platform';
import type { CaseDocumentsServices } from '@ta/documents';
import { CaseDocumentsHttpModule } from '@ta/documents/http';
import type { PracticesServices } from '@ta/practices';
import { PracticesHttpModule } from '@ta/practices/http';
import { PlatformModule } from '@ta/platform/http';
import { ReportsHttpModule } from '@ta/reports/http';
import { BENCH_BASELINE_ENV, BenchBaselineModule } from './bench-baseline/bench-baseline.module';

/** What the API's HTTP face is built from: the process's infrastructure and the services its contexts expose. */
export interface ApiServices {
  readonly infra: Infrastructure;
  readonly commands: CaseCommands;
  readonly reader: CoordinationReader;
  readonly directory: DirectoryServices;
  readonly practices: PracticesServices;
  /** The documents of cases (libs/documents). */
  readonly caseDocuments: CaseDocumentsServices;
  readonly identity: IdentityServices;
  readonly notify: NotifyServices;
}

/** The API's NestJS modules: the platform (health, problems, auth), then each context's HTTP face (the notifications' last). */
@Module({})
export class AppModule {
  static forRoot(services: ApiServices): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(services.infra, { authenticator: services.identity.authenticator }),
        CaseHttpModule.forRoot(services.commands),
        CoordinationHttpModule.forRoot(services.reader, { publicView: services.directory.publicView }),
        LiveModule.forRoot(services.infra),
        AuditHttpModule,
        ContractsHttpModule,
        DirectoryHttpModule.forRoot(services.directory),
        IdentityHttpModule.forRoot(services.identity),
        IatiHttpModule.forRoot(new IatiPublisher(services.infra.pool), {
          publicView: services.directory.publicView,
          importer: new IatiImporter(services.infra.pool, services.infra.eventStore.store, services.commands),
          reported: new ReportedActivities(services.infra.pool),
        }),
        PracticesHttpModule.forRoot(services.practices),
        CaseDocumentsHttpModule.forRoot(services.caseDocuments),
        ReportsHttpModule.forRoot(services.reader, services.infra.eventStore.store),
        // npm run bench:http's baseline route, never in production (apiProcess refuses the start).
        ...(services.infra.config.env[BENCH_BASELINE_ENV] === 'on' ? [BenchBaselineModule] : []),
        NotifyHttpModule.forRoot(services.notify),
      ],
    };
  }
}
