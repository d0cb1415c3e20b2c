import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import type { Infrastructure, Actor } from '@ta/platform';
import { INFRASTRUCTURE, PG_POOL } from '@ta/platform/http';
import { eraseContactPerson, type ErasureView } from '../application/contact-person';

/** Erase a request's contact person's data (crypto-shredding; docs/audit.md, "Erasure"). */
export class EraseContactPerson implements ICommand {
  constructor(
    readonly requestId: string,
    readonly actor: Actor,
    readonly input: { readonly reason: string; readonly at: Date; readonly correlationId?: string },
  ) {}
}

@CommandHandler(EraseContactPerson)
export class EraseContactPersonHandler implements ICommandHandler<EraseContactPerson, ErasureView> {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infra: Infrastructure,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  execute({ requestId, actor, input }: EraseContactPerson): Promise<ErasureView> {
    return eraseContactPerson(this.infra.eventStore.store, this.pool, requestId, actor, input);
  }
}
