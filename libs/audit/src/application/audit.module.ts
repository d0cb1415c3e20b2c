import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { INFRASTRUCTURE, type Infrastructure } from '@ta/platform';
import { AuditController } from './audit.controller';
import { createSealer } from './create-sealer';

/**
 * Tamper evidence (docs/audit.md): `GET /audit/verify`, and the sealer that seals the log in
 * blocks and publishes each seal (registered with the process's consumers: `startAll`
 * starts it, `/health/consumers` shows its lag; AUDIT_SEALER=off leaves it to another process).
 */
@Module({ controllers: [AuditController] })
export class AuditModule implements OnModuleInit {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(INFRASTRUCTURE) private readonly infra: Infrastructure) {}

  onModuleInit(): void {
    const sealer = createSealer(this.infra, { log: (line) => this.logger.log(line) });
    if (!sealer) this.logger.log('AUDIT_SEALER=off: this process does not seal the log');
  }
}
