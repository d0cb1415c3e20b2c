import type { Pool, PoolClient } from 'pg';
import { fold } from '@ta/core';
import type { Actor } from '@ta/platform';
import {
  engagementDecider,
  engagementStreamId,
  requestDecider,
  requestStreamId,
  type EngagementDetails,
  type EngagementEvent,
  type EngagementState,
  type RequestDetails,
  type RequestEvent,
  type RequestState,
} from '../domain';
import { knowsEveryRequest, mayKnowRequest, type RequestAccessFacts } from './access-policy';
import { engagementIdsOfRequest } from './process-state';

/**
 * Where a request's access facts are read from: the event store and the process managers'
 * state, through the pool (a query) or inside a command's transaction.
 */
export interface AccessReads {
  readonly db: Pool | PoolClient;
  readStream(streamId: string): Promise<ReadonlyArray<{ readonly type: string; readonly data: unknown }>>;
}

/** Access reads outside a transaction: the pool and the event store. */
export function poolReads(pool: Pool, store: Pick<AccessReads, 'readStream'>): AccessReads {
  return { db: pool, readStream: (id) => store.readStream(id) };
}

/** The access facts of a request: its country, whether it is restricted, its engagements' providers and statuses. */
export function requestAccessFacts(request: RequestDetails, engagements: readonly EngagementState[]): RequestAccessFacts {
  return {
    requestId: request.requestId,
    country: request.country,
    restricted: request.restricted,
    engagements: engagements.flatMap((e) => (e.status !== 'empty' && e.requestId === request.requestId ? [{ providerId: e.providerId, status: e.status }] : [])),
  };
}

/**
 * What an engagement alone says about who may know its request, the request taken as restricted
 * (the one fact only the request's stream holds): its country (copied from the request when the
 * engagement was proposed; a request's country never changes) and the engagement's provider and
 * status. An actor these facts let know a restricted request (the request's State; the provider of
 * this engagement while it is one `READ_ACCESS_POLICY.RestrictedRequest` counts) knows it whether
 * or not it is restricted, so its command needs no read of the request's stream.
 */
export function engagementAccessFacts(engagement: EngagementDetails): RequestAccessFacts {
  return { requestId: engagement.requestId, country: engagement.country, restricted: true, engagements: [{ providerId: engagement.providerId, status: engagement.status }] };
}

export async function readRequest(reads: AccessReads, requestId: string): Promise<RequestState> {
  return fold(requestDecider, (await reads.readStream(requestStreamId(requestId))).map((e) => ({ type: e.type, data: e.data }) as RequestEvent));
}

/**
 * The request's engagements, each folded from its own stream (what it is now: provider,
 * status). Which engagements a request has comes from the withdrawal process's state (every
 * engagement proposed on it, as fresh as that consumer) and the request's own `RequestMatched`
 * events; `known` ones (already loaded) are counted and not read again.
 */
export async function engagementsOfRequest(reads: AccessReads, request: RequestDetails, known: readonly EngagementState[] = []): Promise<EngagementState[]> {
  const loaded = new Set(known.flatMap((e) => (e.status === 'empty' ? [] : [e.engagementId])));
  const ids = new Set([...(await engagementIdsOfRequest(reads.db, request.requestId)), ...request.engagementIds].filter((id) => !loaded.has(id)));
  // One after the other: inside a command these reads share its transaction's connection.
  const read: EngagementState[] = [];
  for (const id of ids) {
    read.push(fold(engagementDecider, (await reads.readStream(engagementStreamId(id))).map((e) => ({ type: e.type, data: e.data }) as EngagementEvent)));
  }
  return [...known, ...read];
}

/** What a case command is about, as the executor loaded it. */
export type CommandTarget = { readonly kind: 'request'; readonly state: RequestState } | { readonly kind: 'engagement'; readonly state: EngagementState };

/**
 * May the actor know the request a command is about (the request itself, or the one an
 * engagement belongs to)? `mayKnowRequest` decides; here only the facts are gathered, the
 * cheap ones first: the target engagement alone, then the request and the target engagement,
 * then, only if they do not already let the actor know it, every engagement of the request
 * (more engagements can only let more providers know it).
 */
export async function mayKnowCommandTarget(actor: Actor, target: CommandTarget, reads: AccessReads): Promise<boolean> {
  if (knowsEveryRequest(actor)) return true; // the Secretariat, the process managers: nothing to read
  if (target.state.status === 'empty') return true; // nothing to hide: the executor answers 404 for an absent stream
  if (target.kind === 'engagement' && mayKnowRequest(actor, engagementAccessFacts(target.state))) return true;
  const request = target.kind === 'request' ? target.state : await readRequest(reads, target.state.requestId);
  if (request.status === 'empty') return true;
  const known = target.kind === 'engagement' ? [target.state] : [];
  if (mayKnowRequest(actor, requestAccessFacts(request, known))) return true;
  return mayKnowRequest(actor, requestAccessFacts(request, await engagementsOfRequest(reads, request, known)));
}
