import type { Pool } from 'pg';
import { COORDINATION_CONSUMER } from './coordination-projector';

/** The read models did not reach the asked position in time (HTTP 503, see ProjectionLagFilter). */
export class ProjectionNotCaughtUpError extends Error {
  readonly code = 'coordination.not_caught_up';
  constructor(
    readonly minPosition: number,
    readonly waitedMs: number,
  ) {
    super(`The read models have not reached global position ${minPosition} after ${waitedMs} ms; retry shortly`);
  }
}

/**
 * True once the projector's checkpoint is at or after the event at global position `g` in
 * the all-stream order (commit order, then global position): we look for that event AFTER the
 * checkpoint, an index range scan over the projector's lag only (no index on global_position
 * alone is needed). A position that names no committed event counts as reached.
 */
export async function hasReached(pool: Pool, g: number, consumer = COORDINATION_CONSUMER): Promise<boolean> {
  const { rows } = await pool.query<{ behind: boolean }>(
    `WITH c AS (
       SELECT coalesce((SELECT commit_order FROM event_store.consumers WHERE name = $1), 0) AS commit_order,
              coalesce((SELECT global_position FROM event_store.consumers WHERE name = $1), 0) AS global_position)
     SELECT EXISTS (
       SELECT 1 FROM event_store.events e, c
        WHERE (e.commit_order, e.global_position) > (c.commit_order, c.global_position) AND e.global_position = $2) AS behind`,
    [consumer, g],
  );
  return !rows[0]!.behind;
}

/** Waits (polling, bounded) until the read models include the event at global position `g`. */
export async function waitForPosition(pool: Pool, g: number, options: { timeoutMs?: number; consumer?: string } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const started = performance.now();
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    if (await hasReached(pool, g, options.consumer)) return;
    const waited = performance.now() - started;
    if (waited >= timeoutMs) throw new ProjectionNotCaughtUpError(g, Math.round(waited));
    await new Promise((r) => setTimeout(r, Math.min(delay, timeoutMs - waited)));
  }
}
