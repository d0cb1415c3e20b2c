import { ExpectedVersion, type EventStore } from '@ta/event-store';
import { toNewEvent, type Fixture } from './case-fixtures';

/**
 * Appends cases fast: each case's events grouped per stream (one append per stream, in the
 * order the streams first appear), `concurrency` cases at a time.
 */
export async function appendCases(store: EventStore, cases: readonly Fixture[][], concurrency = 8): Promise<number> {
  let next = 0;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const byStream = new Map<string, Fixture[]>();
        for (const x of cases[i]!) byStream.set(x.streamId, [...(byStream.get(x.streamId) ?? []), x]);
        for (const [streamId, fixtures] of byStream) {
          await store.append(streamId, fixtures.map((x) => toNewEvent(x)), ExpectedVersion.any);
          count += fixtures.length;
        }
      }
    }),
  );
  return count;
}
