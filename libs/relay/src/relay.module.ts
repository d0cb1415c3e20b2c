import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { INFRASTRUCTURE, type Infrastructure } from '@ta/platform';
import { createRelay } from './create-relay';

/**
 * Runs the Kafka relay inside the API process when KAFKA_BROKERS is set; registered with
 * the process's consumers, so `startAll` starts it and `/health/consumers` shows its lag.
 * Without KAFKA_BROKERS it says once that publishing is off.
 */
@Module({})
export class RelayModule implements OnModuleInit {
  private readonly logger = new Logger('KafkaRelay');

  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {}

  onModuleInit(): void {
    const relay = createRelay(this.infra, { log: (line) => this.logger.log(line) });
    if (!relay) this.logger.log('KAFKA_BROKERS is not set: integration events are not published to Kafka');
  }
}
