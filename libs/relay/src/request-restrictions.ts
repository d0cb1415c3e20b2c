import type { PoolClient } from 'pg';
import { caseRequestOf, type MappingContext } from '@ta/contracts';
import type { PostgresEventStore, RecordedEvent } from '@ta/event-store';

/** The request's stream in the event store: @ta/case `requestStreamId` (the spec checks they agree). */
export const requestStreamOf = (requestId: string): string => `request-${requestId}`;

/** How many requests' restriction is kept in memory (about 100 bytes each). */
const DEFAULT_CAPACITY = 100_000;

/**
 * Whether the request each event belongs to is restricted, for the mapping's context.
 *
 * A request is restricted or not from its submission on: only `SubmitRequest` sets it,
 * `RequestSubmitted` is the only event that carries it, and no command changes it. So the
 * answer is read from the event store, the source of truth, and kept in memory without ever
 * being invalidated:
 * 1. a RequestSubmitted in the batch says it itself (the usual case: a request's submission
 *    reaches the relay before anything that names the request);
 * 2. otherwise the cache (a bounded LRU);
 * 3. otherwise the request stream's first event, read in the batch's transaction. This is the
 *    path after a restart (a new process has an empty cache), after an eviction, and for a
 *    relay upgraded while its checkpoint was already past older submissions.
 * A request whose submission cannot be found stops the batch (the relay retries, logged):
 * nothing of it is published rather than published unredacted.
 */
export class RequestRestrictions {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly store: Pick<PostgresEventStore, 'readStreamWith'>,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** The mapping context of each event of the batch, in order. */
  async contexts(events: readonly RecordedEvent[], tx: PoolClient): Promise<MappingContext[]> {
    const refs = events.map((e) => caseRequestOf(e));
    const batch = new Map<string, boolean>();
    for (const ref of refs) {
      if (ref?.restrictedAtSubmission != null) batch.set(ref.requestId, ref.restrictedAtSubmission);
    }
    for (const ref of refs) {
      if (!ref || batch.has(ref.requestId)) continue;
      batch.set(ref.requestId, this.cached(ref.requestId) ?? (await this.readSubmission(ref.requestId, tx)));
    }
    for (const [requestId, restricted] of batch) this.remember(requestId, restricted);
    return refs.map((ref) => ({ restricted: ref !== null && batch.get(ref.requestId) !== false }));
  }

  /** Requests whose restriction is held in memory (tests, diagnostics). */
  get size(): number {
    return this.known.size;
  }

  private async readSubmission(requestId: string, tx: PoolClient): Promise<boolean> {
    const [first] = await this.store.readStreamWith(tx, requestStreamOf(requestId), { from: 1, to: 1 });
    const ref = first ? caseRequestOf(first) : null;
    if (!first || ref?.requestId !== requestId || ref.restrictedAtSubmission === null) {
      throw new Error(`request ${requestId}: no RequestSubmitted at the start of ${requestStreamOf(requestId)}, so whether it is restricted is unknown; not publishing its events`);
    }
    return ref.restrictedAtSubmission;
  }

  private cached(requestId: string): boolean | undefined {
    const restricted = this.known.get(requestId);
    if (restricted !== undefined) {
      // Most recently used last: the oldest entry is the first to go.
      this.known.delete(requestId);
      this.known.set(requestId, restricted);
    }
    return restricted;
  }

  private remember(requestId: string, restricted: boolean): void {
    this.known.delete(requestId);
    this.known.set(requestId, restricted);
    while (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value!);
  }
}
