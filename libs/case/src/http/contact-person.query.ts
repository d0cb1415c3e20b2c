import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@ta/event-store';
import type { Actor } from '@ta/platform';
import { envInt, type Infrastructure } from '@ta/platform';
import { INFRASTRUCTURE, PG_POOL } from '@ta/platform/http';
import { listContactPersonReads, readContactPerson, type ContactPersonView, type PersonalDataReadsView, type ReadAccess } from '../application/contact-person';

/** A request's contact person (personal data), for the actor the access policy lets see it. */
export class GetContactPerson extends Query<ContactPersonView> {
  constructor(
    readonly requestId: string,
    readonly actor: Actor,
    /** Recorded with the read (who, when, which route). */
    readonly access: ReadAccess,
  ) {
    super();
  }
}

/** The query bus's handler: `readContactPerson`, from the event streams. */
@QueryHandler(GetContactPerson)
export class GetContactPersonHandler implements IQueryHandler<GetContactPerson> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  execute({ requestId, actor, access }: GetContactPerson): Promise<ContactPersonView> {
    return readContactPerson(this.store, this.pool, requestId, actor, access);
  }
}

/** Who read a request's contact person, for the Secretariat and the request's State. */
export class GetContactPersonReads extends Query<PersonalDataReadsView> {
  constructor(
    readonly requestId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {
    super();
  }
}

/**
 * `listContactPersonReads`, within PERSONAL_DATA_READS_RETENTION_DAYS (unset or 0: every read
 * recorded). The window bounds what is listed; the events themselves stay (docs/audit.md).
 */
@QueryHandler(GetContactPersonReads)
export class GetContactPersonReadsHandler implements IQueryHandler<GetContactPersonReads> {
  private readonly retentionDays: number;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(INFRASTRUCTURE) infra: Infrastructure,
  ) {
    this.retentionDays = envInt(infra.config.env, 'PERSONAL_DATA_READS_RETENTION_DAYS', 0, 0);
  }

  execute({ requestId, actor, now }: GetContactPersonReads): Promise<PersonalDataReadsView> {
    const since = this.retentionDays > 0 ? new Date(now.getTime() - this.retentionDays * 86_400_000) : null;
    return listContactPersonReads(this.store, this.pool, requestId, actor, since);
  }
}
