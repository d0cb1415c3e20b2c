import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { DurableConsumer } from '@ta/event-store';
import { envInt, type Infrastructure } from '@ta/platform';
import { COORDINATION_CONSUMER, createCoordinationProjector } from '../projector/coordination-projector';
import { createCoordinationDataSource } from '../projector/data-source';
import { CoordinationController } from './coordination.controller';
import { CoordinationReader } from './coordination-reader';
import { EngagementsQueryController, OffersQueryController, RequestsQueryController } from './read-models.controller';

export const COORDINATION_DATA_SOURCE = Symbol('COORDINATION_DATA_SOURCE');
export const COORDINATION_PROJECTOR = Symbol('COORDINATION_PROJECTOR');

export interface CoordinationModuleOptions {
  /** `in-process` (default): the projector runs in this process; `external`: apps/projector runs it. */
  readonly projector?: 'in-process' | 'external';
  readonly gapDays?: number;
  readonly waitTimeoutMs?: number;
  /** Consumers whose steps follow a command (the case's process managers): `?settled=` waits for them too. */
  readonly followUpConsumers?: readonly string[];
}

class CoordinationLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(COORDINATION_PROJECTOR) private readonly projector: DurableConsumer<EntityManager> | null,
    @Inject(COORDINATION_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The coordinated view: read-model tables (`coordinationMigrations`, run by the process at start), the projector (registered in
 * `infra.consumers`, so `startAll` starts it and /health/consumers shows its lag) and the
 * query API. Environment: COORDINATION_PROJECTOR=external, COORDINATION_GAP_DAYS (90),
 * COORDINATION_WAIT_TIMEOUT_MS (5000).
 */
@Module({})
export class CoordinationModule {
  static forRoot(infra: Infrastructure, options: CoordinationModuleOptions = {}): DynamicModule {
    const logger = new Logger('Coordination');
    const projector = options.projector ?? (infra.config.env.COORDINATION_PROJECTOR === 'external' ? 'external' : 'in-process');
    return {
      module: CoordinationModule,
      controllers: [RequestsQueryController, OffersQueryController, EngagementsQueryController, CoordinationController],
      providers: [
        {
          provide: COORDINATION_DATA_SOURCE,
          // The schema comes from `coordinationMigrations`, run by the process at start.
          useFactory: () => createCoordinationDataSource(infra.connectionString).initialize(),
        },
        {
          provide: COORDINATION_PROJECTOR,
          inject: [COORDINATION_DATA_SOURCE],
          useFactory: (dataSource: DataSource) =>
            projector === 'external'
              ? null
              : infra.consumers.register(
                  createCoordinationProjector(infra.eventStore, dataSource, { onError: (e) => logger.error(`projector: ${(e as Error).message ?? String(e)}`) }),
                ),
        },
        {
          provide: CoordinationReader,
          inject: [COORDINATION_DATA_SOURCE],
          useFactory: (dataSource: DataSource) =>
            new CoordinationReader(infra.eventStore.store, dataSource, {
              gapDays: options.gapDays ?? envInt(infra.config.env, 'COORDINATION_GAP_DAYS', 90, 0),
              waitTimeoutMs: options.waitTimeoutMs ?? envInt(infra.config.env, 'COORDINATION_WAIT_TIMEOUT_MS', 5000, 0),
              consumer: COORDINATION_CONSUMER,
              followUpConsumers: options.followUpConsumers ?? [],
            }),
        },
        CoordinationLifecycle,
      ],
      exports: [CoordinationReader],
    };
  }
}
