import { Module, type DynamicModule } from '@nestjs/common';
import { IatiPublisher } from '../iati-publisher';
import { IatiController, PublicIatiController } from './iati.controller';

/** The IATI publisher's HTTP face: the files for signed-in users, and without sign-in where the deployment turns the public view on. */
@Module({})
export class IatiHttpModule {
  static forRoot(publisher: IatiPublisher, options: { publicView: boolean }): DynamicModule {
    return {
      module: IatiHttpModule,
      controllers: [IatiController, ...(options.publicView ? [PublicIatiController] : [])],
      providers: [{ provide: IatiPublisher, useValue: publisher }],
    };
  }
}
