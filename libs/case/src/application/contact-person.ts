import type { Pool } from 'pg';
import { assertUnreachable, fold } from '@ta/core';
import type { EventStore } from '@ta/event-store';
import type { Actor } from '@ta/platform';
import { requestDecider, requestStreamId, type ContactPerson, type RequestEvent } from '../domain';
import { authorizeContactPersonRead, requestNotFound } from './access-policy';
import { engagementsOfRequest, poolReads, requestAccessFacts } from './request-access-facts';

/** What `GET /requests/:id/contact-person` answers. */
export interface ContactPersonView {
  readonly requestId: string;
  /** Null when the State named nobody. */
  readonly contactPerson: ContactPerson | null;
}

/**
 * The request's current contact person: the latest event that sets one wins. Today only
 * `RequestSubmitted` carries it; an event added later that changes it must be handled here
 * (the exhaustive switch will not compile until it is).
 */
export function contactPersonOf(events: readonly RequestEvent[]): ContactPerson | null {
  let current: ContactPerson | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'RequestSubmitted':
        current = event.data.contactPerson;
        break;
      case 'RequestTriaged':
      case 'RequestReturnedForClarification':
      case 'RequestClarificationProvided':
      case 'RequestDeclined':
      case 'RequestWithdrawn':
      case 'RequestMatched':
      case 'RequestDeliveryStarted':
      case 'RequestDelivered':
      case 'RequestFollowUpRecorded':
      case 'RequestClosed':
      case 'RequestAccessChanged':
      case 'RequestTextTranslated':
        break;
      default:
        return assertUnreachable(event, 'Unknown request event');
    }
  }
  return current;
}

/**
 * A request's contact person (personal data), for the actor the access policy lets see it.
 * Answered from the event streams, not from a read model: the request's stream (country,
 * restricted, contact person) and the streams of its engagements (provider, status), so a
 * declined or cancelled engagement stops granting access the moment it is recorded. Which
 * engagements a request has comes from the withdrawal process's state (every engagement
 * proposed on the request) and the request's own `RequestMatched` events.
 */
export async function readContactPerson(store: EventStore, pool: Pool, requestId: string, actor: Actor): Promise<ContactPersonView> {
  const events = (await store.readStream(requestStreamId(requestId))).map((e) => ({ type: e.type, data: e.data }) as RequestEvent);
  const request = fold(requestDecider, events);
  if (request.status === 'empty') throw requestNotFound(requestId);
  const engagements = await engagementsOfRequest(poolReads(pool, store), request);
  authorizeContactPersonRead(actor, requestAccessFacts(request, engagements));
  return { requestId, contactPerson: contactPersonOf(events) };
}
