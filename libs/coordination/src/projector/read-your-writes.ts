import { ValidationError } from '@ta/core';
import type { PostgresEventStore } from '@ta/event-store';
import { COORDINATION_CONSUMER } from './coordination-projector';

/** The read models (or the platform's own steps) did not get there in time (HTTP 503, see ProjectionLagFilter). */
export class ProjectionNotCaughtUpError extends Error {
  constructor(
    readonly code: 'coordination.not_caught_up' | 'coordination.not_settled',
    readonly waitedMs: number,
    readonly extra: { readonly minPosition?: number; readonly settled?: string },
  ) {
    super(
      code === 'coordination.not_caught_up'
        ? `The read models have not reached global position ${extra.minPosition} after ${waitedMs} ms; retry shortly`
        : `The platform has not finished the steps that follow correlation ${extra.settled} after ${waitedMs} ms; retry shortly`,
    );
  }
}

/** True once the projector has applied the event at global position `g` (or none can ever be there). */
export async function hasReached(store: PostgresEventStore, g: number, consumer = COORDINATION_CONSUMER): Promise<boolean> {
  return (await store.consumerProgress(consumer, g)) !== 'pending';
}

/** Polls `done` with a growing delay (2 to 50 ms) for at most `timeoutMs`; false when time ran out. */
async function pollUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<{ ok: boolean; waitedMs: number }> {
  const started = performance.now();
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    if (await done()) return { ok: true, waitedMs: 0 };
    const waited = performance.now() - started;
    if (waited >= timeoutMs) return { ok: false, waitedMs: Math.round(waited) };
    await new Promise((r) => setTimeout(r, Math.min(delay, timeoutMs - waited)));
  }
}

/**
 * Waits (polling, bounded) until the read models include the event at global position `g`.
 * A position the log never gave out is the client's mistake, not a wait: ValidationError
 * `coordination.position_not_issued` (400).
 */
export async function waitForPosition(store: PostgresEventStore, g: number, options: { timeoutMs?: number; consumer?: string } = {}): Promise<void> {
  const consumer = options.consumer ?? COORDINATION_CONSUMER;
  const seen = { progress: 'pending' as Awaited<ReturnType<PostgresEventStore['consumerProgress']>> };
  const r = await pollUntil(async () => (seen.progress = await store.consumerProgress(consumer, g)) !== 'pending', options.timeoutMs ?? 5000);
  if (seen.progress === 'never_issued') {
    throw new ValidationError('coordination.position_not_issued', `No event has global position ${g} yet: minPosition must be a globalPosition a command returned`, [
      { path: '/query/minPosition', message: 'is past the head of the log' },
    ]);
  }
  if (!r.ok) throw new ProjectionNotCaughtUpError('coordination.not_caught_up', r.waitedMs, { minPosition: g });
}

/**
 * Waits (polling, bounded) until the platform has settled everything a command with this
 * correlation id set off: each of `consumers` (the process managers, the projector) has
 * handled every event carrying it, including the events the process managers appended
 * because of it (they carry the same correlation id, and are appended in the same
 * transaction that moves the process managers' checkpoint).
 */
export async function waitUntilSettled(store: PostgresEventStore, correlationId: string, consumers: readonly string[], timeoutMs = 5000): Promise<void> {
  const r = await pollUntil(() => store.consumersPassedCorrelation(consumers, correlationId), timeoutMs);
  if (!r.ok) throw new ProjectionNotCaughtUpError('coordination.not_settled', r.waitedMs, { settled: correlationId });
}
