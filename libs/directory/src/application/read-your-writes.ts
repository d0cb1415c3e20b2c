import { ValidationError } from '@ta/core';
import type { PostgresEventStore } from '@ta/event-store';
import { DIRECTORY_PROJECTOR } from './directory-projector';

/** The directory's read model did not reach `minPosition` in time (HTTP 503 with Retry-After; the HTTP face's filter). */
export class DirectoryNotCaughtUpError extends Error {
  readonly code = 'directory.not_caught_up';
  constructor(
    readonly minPosition: number,
    readonly waitedMs: number,
  ) {
    super(`The directory has not reached global position ${minPosition} after ${waitedMs} ms; retry shortly`);
  }
}

/**
 * Read your own write: waits (polling, bounded) until the directory projector has passed the
 * event at global position `g`. A position the log never gave out is 400
 * `directory.position_not_issued`.
 */
export async function waitForDirectory(store: PostgresEventStore, g: number, timeoutMs: number): Promise<void> {
  const started = performance.now();
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const progress = await store.consumerProgress(DIRECTORY_PROJECTOR, g);
    if (progress === 'passed') return;
    if (progress === 'never_issued') {
      throw new ValidationError('directory.position_not_issued', `No event has global position ${g} yet: minPosition must be a globalPosition a command returned`, [
        { path: '/query/minPosition', message: 'is past the head of the log' },
      ]);
    }
    const waited = performance.now() - started;
    if (waited >= timeoutMs) throw new DirectoryNotCaughtUpError(g, Math.round(waited));
    await new Promise((r) => setTimeout(r, Math.min(delay, timeoutMs - waited)));
  }
}
