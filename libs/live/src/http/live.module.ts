import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { COORDINATION_CONSUMER } from '@ta/coordination';
import type { Infrastructure } from '@ta/platform';
import { LiveController } from './live.controller';
import { coordinationPositions, LivePositions } from '../live-positions';

const INFRA = Symbol('LIVE_INFRA');

class LiveLifecycle implements OnModuleInit, OnApplicationShutdown {
  private unsubscribe: (() => void) | null = null;

  constructor(
    @Inject(INFRA) private readonly infra: Infrastructure,
    @Inject(LivePositions) private readonly positions: LivePositions,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.infra.eventStore.notifier.onAppended(() => this.positions.wake());
    this.positions.wake();
    this.positions.start();
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    this.positions.stop();
  }
}

/** Live updates for browsers: `GET /live` (server-sent events), woken by the event store's append notifier. */
@Module({})
export class LiveModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: LiveModule,
      controllers: [LiveController],
      providers: [
        { provide: INFRA, useValue: infra },
        { provide: LivePositions, useFactory: () => coordinationPositions(infra.eventStore.store, COORDINATION_CONSUMER) },
        LiveLifecycle,
      ],
    };
  }
}
