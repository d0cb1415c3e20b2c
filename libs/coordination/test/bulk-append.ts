import { ExpectedVersion, type EventStore } from '@ta/event-store';
import { toNewEvent, type Fixture } from './case-fixtures';

/**
 * Appends cases fast: each case's events grouped per stream (one append per stream, in the
 * order the streams first appear), `concurrency` cases at a time. `interleaved`: each event its
 * own append, as commands append them, the cases' lives interleaved: round k appends the k-th
 * event of every case that has one (`concurrency` at a time, which the store's group commit
 * shares between transactions), so each case's events land in different transactions spread
 * over the whole batch of cases, and the temporal read models keep a version per change whose
 * validity spans other cases' events, as in a platform where cases last months.
 */
export async function appendCases(store: EventStore, cases: readonly Fixture[][], concurrency = 8, interleaved = false): Promise<number> {
  let next = 0;
  let count = 0;
  if (interleaved) {
    const longest = Math.max(0, ...cases.map((c) => c.length));
    for (let k = 0; k < longest; k++) {
      const round = cases.flatMap((c) => (k < c.length ? [c[k]!] : []));
      next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let i = next++; i < round.length; i = next++) await store.append(round[i]!.streamId, [toNewEvent(round[i]!)], ExpectedVersion.any);
        }),
      );
      count += round.length;
    }
    return count;
  }
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
