import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { EVENT_STORE, type EventStore } from '@ta/event-store';
import type { Actor } from '@ta/platform';
import { PG_POOL } from '@ta/platform/http';
import { readContactPerson, type ContactPersonView } from '../application/contact-person';

/** A request's contact person (personal data), for the actor the access policy lets see it. */
export class GetContactPerson extends Query<ContactPersonView> {
  constructor(
    readonly requestId: string,
    readonly actor: Actor,
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

  execute({ requestId, actor }: GetContactPerson): Promise<ContactPersonView> {
    return readContactPerson(this.store, this.pool, requestId, actor);
  }
}
