import { Module, type DynamicModule } from '@nestjs/common';
import { CoordinationReader } from '@ta/coordination';
import { ExportsController } from './exports.controller';

/** Exports of the views and report documents (issue 19): the HTTP face of @ta/reports. */
@Module({})
export class ReportsHttpModule {
  static forRoot(reader: CoordinationReader): DynamicModule {
    return {
      module: ReportsHttpModule,
      controllers: [ExportsController],
      providers: [{ provide: CoordinationReader, useValue: reader }],
    };
  }
}
