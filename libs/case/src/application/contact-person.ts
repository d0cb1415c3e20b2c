import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { assertUnreachable, fold, ForbiddenError } from '@ta/core';
import { ExpectedVersion, type EventStore, type PostgresEventStore } from '@ta/event-store';
import { withTransaction } from '@ta/postgres';
import type { Actor } from '@ta/platform';
import {
  personalDataErased,
  personalDataRead,
  PERSONAL_DATA_ERASED_SCHEMA_VERSION,
  personalDataStreamId,
  PERSONAL_DATA_READ_SCHEMA_VERSION,
  readsOf,
  requestDecider,
  requestStreamId,
  type ContactPerson,
  type PersonalDataReadEntry,
  type SealedPersonalData,
  type RequestEvent,
} from '../domain';
import { authorizeContactPersonRead, mayRead, requestNotFound } from './access-policy';
import { contactPersonSubject, personalDataVault } from './personal-data-vault';
import { engagementsOfRequest, poolReads, requestAccessFacts } from './request-access-facts';

/** What `GET /requests/:id/contact-person` answers. */
export interface ContactPersonView {
  readonly requestId: string;
  /** Null when the State named nobody, or when the contact person's data was erased. */
  readonly contactPerson: ContactPerson | null;
  /** When the contact person's data was erased (then `contactPerson` is null). */
  readonly erasedAt?: string;
}

/**
 * The request's current contact person as stored (sealed, or in clear before sealing existed):
 * the latest event that sets one wins. Today only
 * `RequestSubmitted` carries it; an event added later that changes it must be handled here
 * (the exhaustive switch will not compile until it is).
 */
export function contactPersonOf(events: readonly RequestEvent[]): ContactPerson | SealedPersonalData | null {
  let current: ContactPerson | SealedPersonalData | null = null;
  for (const event of events) {
    switch (event.type) {
      case 'RequestSubmitted':
        current = event.data.contactPerson;
        break;
      case 'RequestTriaged':
      case 'RequestReturnedForClarification':
      case 'RequestClarificationProvided':
      case 'RequestAmended':
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
  const stored = contactPersonOf(events);
  if (stored === null) return { requestId, contactPerson: null };
  const opened = await personalDataVault.open<ContactPerson>(pool, contactPersonSubject(requestId), stored);
  if (opened.kind === 'erased') return { requestId, contactPerson: null, erasedAt: opened.erasedAt };
  // Recorded before it is served: a read that cannot be recorded is not served.
  await recordRead(store, requestId, actor, access);
  return { requestId, contactPerson: opened.value };
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
    personalDataStreamId(requestId),
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
  await authorizeSubjectRights(store, pool, requestId, actor);
  const sinceIso = since ? since.toISOString() : null;
  return { requestId, since: sinceIso, reads: readsOf(await store.readStream(personalDataStreamId(requestId)), sinceIso) };
}

/**
 * The Secretariat's and the data subject's State's rights over a contact person's data (list
 * its reads, erase it): `READ_ACCESS_POLICY.PersonalDataReads`; a restricted request hidden from
 * the actor is answered like an unknown one.
 */
async function authorizeSubjectRights(store: EventStore, pool: Pool, requestId: string, actor: Actor): Promise<void> {
  const request = fold(requestDecider, (await store.readStream(requestStreamId(requestId))).map((e) => ({ type: e.type, data: e.data }) as RequestEvent));
  if (request.status === 'empty') throw requestNotFound(requestId);
  const engagements = await engagementsOfRequest(poolReads(pool, store), request);
  const facts = requestAccessFacts(request, engagements);
  if (mayRead('PersonalDataReads', actor, facts)) return;
  if (facts.restricted && !mayRead('RestrictedRequest', actor, facts)) throw requestNotFound(requestId);
  throw new ForbiddenError('access.not_party', "A request's contact person's data is managed by the Secretariat and the request's State only", { requestId });
}

/** What `POST /requests/:id/contact-person/erasure` answers. */
export interface ErasureView {
  readonly requestId: string;
  readonly erasedAt: string;
  /** False when it had already been erased (nothing more was done). */
  readonly erasedNow: boolean;
}

/**
 * Erases a request's contact person's data (resolution 3/2 para 14; docs/audit.md, "Erasure"):
 * destroys its subject's key, in one transaction with a `PersonalDataErased` event on the
 * subject's stream. The sealed copy in the request's `RequestSubmitted` stays, unreadable, and
 * the hash chain with it; nothing else ever held the data in clear (no read model, export or
 * integration event carries it). Again: answered as already erased, nothing appended.
 */
export async function eraseContactPerson(
  store: PostgresEventStore,
  pool: Pool,
  requestId: string,
  actor: Actor,
  input: { readonly reason: string; readonly at: Date; readonly correlationId?: string },
): Promise<ErasureView> {
  await authorizeSubjectRights(store, pool, requestId, actor);
  const result = await withTransaction(pool, async (tx) => {
    const erased = await personalDataVault.erase(tx, contactPersonSubject(requestId));
    if (!erased.now) return erased;
    const event = personalDataErased({
      subject: { kind: 'contact_person', requestId },
      by: { id: actor.id, role: actor.role, ...(actor.country ? { country: actor.country } : {}), ...(actor.organisation ? { organisation: actor.organisation } : {}) },
      reason: input.reason,
      at: input.at.toISOString(),
    });
    const id = randomUUID();
    await store.appendWith(
      tx,
      personalDataStreamId(requestId),
      [
        {
          id,
          type: event.type,
          schemaVersion: PERSONAL_DATA_ERASED_SCHEMA_VERSION,
          data: event.data,
          metadata: { actorId: actor.id, actorRole: actor.role, correlationId: input.correlationId ?? id, causationId: null, occurredAt: event.data.at },
        },
      ],
      ExpectedVersion.any,
    );
    return erased;
  });
  if (result.now) store.notifyAppended();
  return { requestId, erasedAt: result.erasedAt, erasedNow: result.now };
}
