import { Module, type DynamicModule } from '@nestjs/common';
import { IatiImporter } from '../import/iati-importer';
import { IatiPublisher } from '../iati-publisher';
import { ReportedActivities } from '../read-models';
import { ReportedActivitiesController } from './reported-activities.controller';
import { IatiImportController } from './iati-import.controller';
import { IatiController, PublicIatiController } from './iati.controller';

/**
 * The IATI HTTP face: the files for signed-in users, and without sign-in where the deployment
 * turns the public view on; the import of providers' files (`IATI_IMPORT_UPLOADS` lets their
 * XML bodies through the edge).
 */
@Module({})
export class IatiHttpModule {
  static forRoot(publisher: IatiPublisher, options: { publicView: boolean; importer: IatiImporter; reported: ReportedActivities }): DynamicModule {
    return {
      module: IatiHttpModule,
      controllers: [IatiController, IatiImportController, ReportedActivitiesController, ...(options.publicView ? [PublicIatiController] : [])],
      providers: [
        { provide: IatiPublisher, useValue: publisher },
        { provide: IatiImporter, useValue: options.importer },
        { provide: ReportedActivities, useValue: options.reported },
      ],
    };
  }
}
