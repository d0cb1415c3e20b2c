/**
 * Group commit for the PostgreSQL adapter: appends made concurrently by one process are sent
 * as one `event_store.append_group` statement, one transaction and one commit, instead of one
 * round trip and one commit each. See docs/event-store.md, "Group commit".
 *
 * - With fewer than `maxInFlight` groups running, an append leaves at once (alone, if nothing
 *   else is waiting): grouping never delays an append on a quiet store.
 * - Otherwise it waits in the queue; when a group finishes, everything queued (up to
 *   `maxEvents` events) leaves as the next group.
 * - Each append in a group keeps its own outcome: a wrong expected version answers that append
 *   alone. Any other error the server reports (a duplicate event id, a deadlock) rolls the
 *   whole group back, so each of its appends is then retried on its own and gets its own answer.
 *   An error without a SQLSTATE (the connection failed: the outcome is unknown) goes to all.
 */

/** An append, validated and serialised, as `event_store.append` and `append_group` take it. */
export interface AppendRequest {
  readonly streamId: string;
  readonly expectedKind: string;
  readonly expectedVersion: number | null;
  /** The events as a JSON array. */
  readonly payload: string;
  readonly eventCount: number;
}

export interface GroupedAppend<R> extends AppendRequest {
  resolve(result: R): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Groups running at once (each holds one connection). Default 2 (docs/benchmarks.md). */
  readonly maxInFlight?: number;
  /** Events in one group, at most. Default 1000. */
  readonly maxEvents?: number;
}

export interface GroupRunner<R> {
  /** One append, the ordinary way (used for a group of one and for retries). */
  one(append: AppendRequest): Promise<R>;
  /** Several appends in one transaction; one outcome per append, in order. */
  group(appends: readonly GroupedAppend<R>[]): Promise<Array<{ ok: true; result: R } | { ok: false; error: unknown }>>;
}

export class GroupCommitter<R> {
  private readonly queue: GroupedAppend<R>[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxEvents: number;

  constructor(
    private readonly runner: GroupRunner<R>,
    options: GroupCommitOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.maxEvents = options.maxEvents ?? 1000;
    if (!Number.isSafeInteger(this.maxInFlight) || this.maxInFlight < 1) throw new RangeError('maxInFlight must be a positive integer');
    if (!Number.isSafeInteger(this.maxEvents) || this.maxEvents < 1) throw new RangeError('maxEvents must be a positive integer');
  }

  submit(append: AppendRequest): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ ...append, resolve, reject });
      this.pump();
    });
  }

  /** Appends waiting for a group (for tests and lag figures). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = this.take();
      this.inFlight++;
      void this.run(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private take(): GroupedAppend<R>[] {
    let events = this.queue[0]!.eventCount;
    let n = 1;
    while (n < this.queue.length && events + this.queue[n]!.eventCount <= this.maxEvents) {
      events += this.queue[n]!.eventCount;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async run(group: GroupedAppend<R>[]): Promise<void> {
    if (group.length === 1) {
      await settle(group[0]!, this.runner.one(group[0]!));
      return;
    }
    let outcomes: Awaited<ReturnType<GroupRunner<R>['group']>>;
    try {
      outcomes = await this.runner.group(group);
    } catch (e) {
      if (!hasSqlState(e)) {
        for (const a of group) a.reject(e);
        return;
      }
      // The server refused the group and rolled it back: each append on its own.
      await Promise.all(group.map((a) => settle(a, this.runner.one(a))));
      return;
    }
    group.forEach((a, i) => {
      const o = outcomes[i]!;
      if (o.ok) a.resolve(o.result);
      else a.reject(o.error);
    });
  }
}

async function settle<R>(append: GroupedAppend<R>, p: Promise<R>): Promise<void> {
  try {
    append.resolve(await p);
  } catch (e) {
    append.reject(e);
  }
}

function hasSqlState(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
