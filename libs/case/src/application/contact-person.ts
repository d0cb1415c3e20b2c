import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { assertUnreachable, fold, ForbiddenError } from '@ta/core';
import { ExpectedVersion, type EventStore } from '@ta/event-store';
import type { Actor } from '@ta/platform';
import {
  personalDataRead,
  personalDataReadsStreamId,
  PERSONAL_DATA_READ_SCHEMA_VERSION,
  readsOf,
  requestDecider,
  requestStreamId,
  type ContactPerson,
  type PersonalDataReadEntry,
  type RequestEvent,
} from '../domain';
import { authorizeContactPersonRead, mayRead, requestNotFound } from './access-policy';
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
export async function readContactPerson(store: EventStore, pool: Pool, requestId: string, actor: Actor, access: ReadAccess): Promise<ContactPersonView> {
  const events = (await store.readStream(requestStreamId(requestId))).map((e) => ({ type: e.type, data: e.data }) as RequestEvent);
  const request = fold(requestDecider, events);
  if (request.status === 'empty') throw requestNotFound(requestId);
  const engagements = await engagementsOfRequest(poolReads(pool, store), request);
  authorizeContactPersonRead(actor, requestAccessFacts(request, engagements));
  // Recorded before it is served: a read that cannot be recorded is not served.
  await recordRead(store, requestId, actor, access);
  return { requestId, contactPerson: contactPersonOf(events) };
}

/** Where and when a personal-data read happens (the route is the "why"). */
export interface ReadAccess {
  readonly route: string;
  readonly at: Date;
  readonly correlationId?: string;
}

async function recordRead(store: EventStore, requestId: string, actor: Actor, access: ReadAccess): Promise<void> {
  const event = personalDataRead({
    subject: { kind: 'contact_person', requestId },
    reader: { id: actor.id, role: actor.role, ...(actor.country ? { country: actor.country } : {}), ...(actor.organisation ? { organisation: actor.organisation } : {}) },
    route: access.route,
    at: access.at.toISOString(),
  });
  const id = randomUUID();
  await store.append(
    personalDataReadsStreamId(requestId),
    [
      {
        id,
        type: event.type,
        schemaVersion: PERSONAL_DATA_READ_SCHEMA_VERSION,
        data: event.data,
        metadata: { actorId: actor.id, actorRole: actor.role, correlationId: access.correlationId ?? id, causationId: null, occurredAt: event.data.at },
      },
    ],
    ExpectedVersion.any,
  );
}

/** `GET /requests/:id/contact-person/reads`. */
export interface PersonalDataReadsView {
  readonly requestId: string;
  /** Reads older than this are not listed (PERSONAL_DATA_READS_RETENTION_DAYS); null: all. */
  readonly since: string | null;
  readonly reads: readonly PersonalDataReadEntry[];
}

/**
 * Who read the request's contact person, newest first: for the Secretariat and the request's
 * State (`READ_ACCESS_POLICY.PersonalDataReads`). A restricted request hidden from the actor is
 * answered like an unknown one. Listing the reads is not itself a read of personal data.
 */
export async function listContactPersonReads(store: EventStore, pool: Pool, requestId: string, actor: Actor, since: Date | null): Promise<PersonalDataReadsView> {
  const request = fold(requestDecider, (await store.readStream(requestStreamId(requestId))).map((e) => ({ type: e.type, data: e.data }) as RequestEvent));
  if (request.status === 'empty') throw requestNotFound(requestId);
  const engagements = await engagementsOfRequest(poolReads(pool, store), request);
  const facts = requestAccessFacts(request, engagements);
  if (!mayRead('PersonalDataReads', actor, facts)) {
    if (facts.restricted && !mayRead('RestrictedRequest', actor, facts)) throw requestNotFound(requestId);
    throw new ForbiddenError('access.not_party', "Who read a request's contact person is shown to the Secretariat and the request's State only", { requestId });
  }
  const sinceIso = since ? since.toISOString() : null;
  return { requestId, since: sinceIso, reads: readsOf(await store.readStream(personalDataReadsStreamId(requestId)), sinceIso) };
}
