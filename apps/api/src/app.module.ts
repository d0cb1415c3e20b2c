import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@ta/audit';
import { CaseModule, PROCESS_MANAGERS_CONSUMER } from '@ta/case';
import { CoordinationModule } from '@ta/coordination';
import { LiveModule } from '@ta/live';
import { PlatformModule, type Infrastructure } from '@ta/platform';
import { RelayModule } from '@ta/relay';

/** The API's composition root: infrastructure plus the bounded contexts' modules, and the Kafka relay (on when KAFKA_BROKERS is set). */
@Module({})
export class AppModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(infra), CaseModule, RelayModule, CoordinationModule.forRoot(infra, { followUpConsumers: [PROCESS_MANAGERS_CONSUMER] }), LiveModule.forRoot(infra), AuditModule],
    };
  }
}
