import { EventEmitter } from 'node:events';
import type { AllStreamSubscription, KurrentDBClient, Position, RecordedEvent as KurrentRecordedEvent } from '@kurrent/kurrentdb-client';
import { ValidationError } from '@ta/core';
import { validateAppend } from '../append-validation';
import { compareLogPositions, LOG_START, type AppendResult, type EventStore, type ExpectedVersion, type LogPosition, type NewEvent, type ReadAllOptions, type RecordedEvent } from '../event-store.port';
import {
  assertKurrentDbNames,
  decodeEvent,
  encodeEvent,
  NON_SYSTEM_EVENTS,
  positionOfRevision,
  revisionOfPosition,
  toLogPosition,
  toReadPosition,
  toStreamState,
  translateAppendError,
} from './kurrentdb-mapping';

const MAX_READ = 10_000; // as the PostgreSQL adapter
const RESUBSCRIBE_MS = 1000;

/**
 * The event store port on KurrentDB (docs/event-store.md, "KurrentDB adapter").
 * Expected versions are enforced by the server; a stream is a KurrentDB stream of the same
 * name; the all-stream is `$all` without system events.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly local = new EventEmitter();
  private subscription: AllStreamSubscription | null = null;
  private resubscribe: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly client: KurrentDBClient) {
    this.local.setMaxListeners(100);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    assertKurrentDbNames(streamId, events);
    let result;
    try {
      // One request, one server-side write: all events are stored or none.
      result = await this.client.appendToStream(streamId, events.map(encodeEvent), { streamState: toStreamState(expected) });
    } catch (e) {
      throw translateAppendError(e, streamId, expected);
    }
    // The append's answer carries the position of its commit (the first event of a batch,
    // and not the prepare position on every log format): read the last event's own position.
    const last = await this.readRevision(streamId, result.nextExpectedRevision);
    const position = last?.position ?? result.position;
    if (!position) throw new Error(`KurrentDB did not report the position of the append to ${streamId}`);
    const logPosition = toLogPosition(position);
    this.local.emit('appended');
    return {
      streamId,
      version: positionOfRevision(result.nextExpectedRevision),
      lastGlobalPosition: logPosition.position,
      logPosition,
    };
  }

  async readStream(streamId: string, options: { from?: number; to?: number } = {}): Promise<RecordedEvent[]> {
    const from = Math.max(options.from ?? 1, 1);
    const to = options.to;
    if (!Number.isSafeInteger(from) || (to !== undefined && !Number.isSafeInteger(to))) {
      throw new ValidationError('event_store.invalid_range', 'from and to must be integers');
    }
    if (to !== undefined && to < from) return [];
    const records = await this.collect(
      this.client.readStream(streamId, { fromRevision: revisionOfPosition(from), ...(to !== undefined ? { maxCount: to - from + 1 } : {}) }),
    );
    return records.map(decodeEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? LOG_START;
    const limit = options.limit ?? 1000;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_READ) {
      throw new ValidationError('event_store.invalid_limit', `limit must be an integer from 1 to ${MAX_READ}`);
    }
    // A read from a position includes the event at that position: ask for one more and drop it.
    const records = await this.collect(this.client.readAll({ fromPosition: toReadPosition(after), maxCount: limit + 1, filter: NON_SYSTEM_EVENTS }));
    const events: RecordedEvent[] = [];
    for (const record of records) {
      if (record.type.startsWith('$')) continue; // the server filter already does; never hand out a system event
      const event = decodeEvent(record);
      if (compareLogPositions(event.logPosition, after) > 0) events.push(event);
    }
    return events.slice(0, limit);
  }

  async streamVersion(streamId: string): Promise<number> {
    const [last] = await this.collect(this.client.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }));
    return last ? positionOfRevision(last.revision) : 0;
  }

  /** The newest position of the all-stream (system events left out), for lag figures. */
  async headPosition(): Promise<LogPosition> {
    const [last] = await this.collect(this.client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1, filter: NON_SYSTEM_EVENTS }));
    return last?.position ? toLogPosition(last.position) : LOG_START;
  }

  /**
   * Wake-ups after appends: at once for appends through this instance, and through a live
   * `$all` subscription (system events filtered out) for appends by other processes. A lost
   * subscription is re-opened after a second; consumers poll meanwhile.
   */
  onAppended(callback: () => void): () => void {
    this.local.on('appended', callback);
    this.ensureSubscribed();
    return () => {
      this.local.off('appended', callback);
      if (this.local.listenerCount('appended') === 0) void this.unsubscribe();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.local.removeAllListeners();
    await this.unsubscribe();
  }

  private ensureSubscribed(): void {
    if (this.subscription || this.closed || this.resubscribe) return;
    let subscription: AllStreamSubscription;
    try {
      subscription = this.client.subscribeToAll({ fromPosition: 'end', filter: NON_SYSTEM_EVENTS });
    } catch {
      this.retrySubscribe();
      return;
    }
    this.subscription = subscription;
    subscription.on('data', () => this.local.emit('appended'));
    subscription.on('error', () => {
      if (this.subscription !== subscription) return;
      this.subscription = null;
      this.retrySubscribe();
    });
  }

  private retrySubscribe(): void {
    if (this.closed || this.local.listenerCount('appended') === 0) return;
    this.resubscribe = setTimeout(() => {
      this.resubscribe = null;
      if (this.local.listenerCount('appended') > 0) this.ensureSubscribed();
    }, RESUBSCRIBE_MS);
    this.resubscribe.unref();
  }

  private async unsubscribe(): Promise<void> {
    if (this.resubscribe) clearTimeout(this.resubscribe);
    this.resubscribe = null;
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.unsubscribe().catch(() => undefined);
  }

  /** The event at one revision (null if the stream or the revision is gone). */
  private async readRevision(streamId: string, revision: bigint): Promise<{ position: Position | undefined } | null> {
    const [record] = await this.collect(this.client.readStream(streamId, { fromRevision: revision, maxCount: 1 }));
    return record && record.revision === revision ? { position: record.position } : null;
  }

  /** The records of a read; a stream that does not exist reads as empty. */
  private async collect(read: AsyncIterable<{ event?: KurrentRecordedEvent }>): Promise<KurrentRecordedEvent[]> {
    const records: KurrentRecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        if (resolved.event) records.push(resolved.event);
      }
    } catch (e) {
      if ((e as { type?: string }).type === 'stream-not-found') return [];
      throw e;
    }
    return records;
  }
}
