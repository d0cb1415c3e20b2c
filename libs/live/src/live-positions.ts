import { hasReached } from '@ta/coordination';
import type { LogPosition, PostgresEventStore } from '@ta/event-store';

export interface LivePositionsOptions {
  /** The newest position in the log (committed or not). */
  readonly head: () => Promise<LogPosition>;
  /** True once the read models include the event at this global position. */
  readonly reached: (globalPosition: number) => Promise<boolean>;
  /** Polling interval while the read models are behind the head. */
  readonly pollMs?: number;
  /**
   * While someone listens, look at the head this often even without a wake-up: appends made
   * inside another transaction (process managers) may not notify.
   */
  readonly idlePollMs?: number;
}

/**
 * Turns "events were appended" wake-ups into "the read models now include global position
 * g" announcements: after a wake-up it reads the head of the log, waits (polling) until the
 * projector's checkpoint has passed it, then announces it once. Wake-ups that arrive while it
 * waits are coalesced into one more round. A client that refetches on an announcement never
 * sees data older than the event that woke it.
 */
export class LivePositions {
  private readonly listeners = new Set<(globalPosition: number) => void>();
  private running = false;
  private again = false;
  private stopped = false;
  private last = 0;
  private readonly pollMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: LivePositionsOptions) {
    this.pollMs = options.pollMs ?? 50;
  }

  /** Starts the idle polling (see `idlePollMs`). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.listeners.size > 0) this.wake();
    }, this.options.idlePollMs ?? 1000);
    this.timer.unref?.();
  }

  /** The last position announced (0: none yet). */
  get lastAnnounced(): number {
    return this.last;
  }

  subscribe(listener: (globalPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Call on every append notification. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.round().finally(() => {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private async round(): Promise<void> {
    try {
      const head = await this.options.head();
      if (head.position === 0 || head.position <= this.last) return;
      while (!this.stopped && !(await this.options.reached(head.position))) {
        await new Promise((r) => setTimeout(r, this.pollMs));
      }
      if (this.stopped || head.position <= this.last) return;
      this.last = head.position;
      for (const l of this.listeners) l(head.position);
    } catch {
      // The database is unreachable for a moment: the next wake-up tries again.
    }
  }
}

/** The positions of the coordination read models in this database. */
export function coordinationPositions(store: PostgresEventStore, consumer?: string): LivePositions {
  return new LivePositions({ head: () => store.headPosition(), reached: (g) => hasReached(store, g, consumer) });
}
