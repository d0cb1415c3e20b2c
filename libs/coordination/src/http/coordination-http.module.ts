import { Module, type DynamicModule } from '@nestjs/common';
import { CoordinationReader } from '../query/coordination-reader';
import { CoordinationController } from './coordination.controller';
import { EngagementsQueryController, OffersQueryController, RequestsQueryController } from './read-models.controller';
import { PublicViewController, SearchController } from './search.controller';

/**
 * The coordinated view's HTTP face: the lists, details and views, read through the process's
 * `CoordinationReader`. The projector is not here: the process that runs it registers it with
 * its consumers (`createCoordinationProjector`).
 */
@Module({})
export class CoordinationHttpModule {
  /** `options.publicView`: mount the public view (`publicViewEnabled`); off by default. */
  static forRoot(reader: CoordinationReader, options: { publicView?: boolean } = {}): DynamicModule {
    return {
      module: CoordinationHttpModule,
      controllers: [
        RequestsQueryController,
        OffersQueryController,
        EngagementsQueryController,
        CoordinationController,
        SearchController,
        ...(options.publicView ? [PublicViewController] : []),
      ],
      providers: [{ provide: CoordinationReader, useValue: reader }],
      exports: [CoordinationReader],
    };
  }
}
