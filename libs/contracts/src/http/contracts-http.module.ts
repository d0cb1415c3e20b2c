import { Module } from '@nestjs/common';
import { ContractsController } from './contracts.controller';

/** The Kafka contracts over HTTP: `GET /contracts/schemas` and each schema file, without sign-in. */
@Module({ controllers: [ContractsController] })
export class ContractsHttpModule {}
