import { Module, type DynamicModule } from '@nestjs/common';
import { CoordinationReader } from '@ta/coordination';
import { ExportsController } from './exports.controller';
import { ReportsController } from './reports.controller';
import { ReportService, type ReportStore } from '../reports/report-service';

/** Exports of the views and report documents (issue 19): the HTTP face of @ta/reports. */
@Module({})
export class ReportsHttpModule {
  static forRoot(reader: CoordinationReader, store: ReportStore): DynamicModule {
    return {
      module: ReportsHttpModule,
      controllers: [ExportsController, ReportsController],
      providers: [
        { provide: CoordinationReader, useValue: reader },
        { provide: ReportService, useValue: new ReportService(store) },
      ],
    };
  }
}
