import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** Tamper evidence over HTTP: `GET /audit/verify`. The sealer is registered by the process that runs it (`createSealer`). */
@Module({ controllers: [AuditController] })
export class AuditHttpModule {}
