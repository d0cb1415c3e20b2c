import type { PoolClient } from 'pg';
import { caseRequestOf, type MappingContext } from '@ta/contracts';
import { compareLogPositions, type LogPosition, type PostgresEventStore, type RecordedEvent } from '@ta/event-store';

/** The request's stream in the event store: @ta/case `requestStreamId` (the spec checks they agree). */
export const requestStreamOf = (requestId: string): string => `request-${requestId}`;

/** How many requests' restriction is kept in memory (about 150 bytes each). */
const DEFAULT_CAPACITY = 100_000;

/** A request's restriction after the event at `at` (the latest event of it the relay has seen). */
interface Known {
  readonly restricted: boolean;
  readonly at: LogPosition;
}

/**
 * Whether the request each event belongs to is restricted at that event, for the mapping's
 * context.
 *
 * The State chooses on submission (`RequestSubmitted.restricted`) and can change it later
 * (`RequestAccessChanged`): a request is restricted from such an event on, until the next one.
 * Both events say it themselves; any other event of the case takes the restriction of the
 * latest of them before it in the log. Found out, in this order:
 * 1. an event of the batch that sets it (the usual case: a request's submission or access
 *    change reaches the relay before anything after it), for the later events of the batch;
 * 2. otherwise the cache (a bounded LRU), holding the restriction after the latest event of the
 *    request the relay has seen, and used only for events after that one (a batch retried
 *    after a failed send is earlier in the log than what it cached, and is read again);
 * 3. otherwise the request stream, read in the batch's transaction: its submission and the
 *    access changes up to the event, in log order. This is the path after a restart (a new
 *    process has an empty cache), after an eviction, and for a relay upgraded while its
 *    checkpoint was already past older submissions.
 * A request whose submission cannot be found stops the batch (the relay retries, logged):
 * nothing of it is published rather than published unredacted.
 */
export class RequestRestrictions {
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly store: Pick<PostgresEventStore, 'readStreamWith'>,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** The mapping context of each event of the batch, in order. */
  async contexts(events: readonly RecordedEvent[], tx: PoolClient): Promise<MappingContext[]> {
    const batch = new Map<string, Known>();
    const out: MappingContext[] = [];
    for (const event of events) {
      const ref = caseRequestOf(event);
      if (!ref) {
        out.push({ restricted: false });
        continue;
      }
      let restricted: boolean;
      if (ref.restrictedFromHere !== null) restricted = ref.restrictedFromHere;
      else restricted = batch.get(ref.requestId)?.restricted ?? this.cached(ref.requestId, event.logPosition) ?? (await this.readRestriction(ref.requestId, event, tx));
      const seen = batch.get(ref.requestId)?.at;
      batch.set(ref.requestId, { restricted, at: seen && compareLogPositions(seen, event.logPosition) > 0 ? seen : event.logPosition });
      out.push({ restricted });
    }
    for (const [requestId, known] of batch) this.remember(requestId, known);
    return out;
  }

  /** Requests whose restriction is held in memory (tests, diagnostics). */
  get size(): number {
    return this.known.size;
  }

  /** From the request's stream: its submission, then each access change up to `event` in the log. */
  private async readRestriction(requestId: string, event: RecordedEvent, tx: PoolClient): Promise<boolean> {
    const stream = await this.store.readStreamWith(tx, requestStreamOf(requestId));
    const first = stream[0];
    const submitted = first ? caseRequestOf(first) : null;
    if (!first || first.type !== 'RequestSubmitted' || submitted?.requestId !== requestId || submitted.restrictedFromHere === null) {
      throw new Error(`request ${requestId}: no RequestSubmitted at the start of ${requestStreamOf(requestId)}, so whether it is restricted is unknown; not publishing its events`);
    }
    let restricted = submitted.restrictedFromHere;
    for (const e of stream.slice(1)) {
      if (compareLogPositions(e.logPosition, event.logPosition) > 0) break;
      const ref = caseRequestOf(e);
      if (ref?.restrictedFromHere != null) restricted = ref.restrictedFromHere;
    }
    return restricted;
  }

  /** The cached restriction, when it is known as of a point before `at`; else undefined. */
  private cached(requestId: string, at: LogPosition): boolean | undefined {
    const known = this.known.get(requestId);
    if (known === undefined || compareLogPositions(known.at, at) >= 0) return undefined;
    // Most recently used last: the oldest entry is the first to go.
    this.known.delete(requestId);
    this.known.set(requestId, known);
    return known.restricted;
  }

  private remember(requestId: string, known: Known): void {
    this.known.delete(requestId);
    this.known.set(requestId, known);
    while (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value!);
  }
}
