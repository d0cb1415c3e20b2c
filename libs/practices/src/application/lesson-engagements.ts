import { fold, IllegalStateError, ValidationError } from '@ta/core';
import { engagementDecider, engagementStreamId, type EngagementEvent } from '@ta/case';
import type { Actor } from '@ta/platform';
import type { PracticeKind } from '../domain';

/** What a practice needs to know of an engagement it names. */
export interface EngagementFacts {
  readonly engagementId: string;
  readonly status: string;
  readonly providerId: string;
  readonly country: string;
}

/** The facts of each engagement, from its stream (null: no such engagement). */
export async function engagementFacts(store: { readStream(id: string): Promise<ReadonlyArray<{ type: string; data: unknown }>> }, ids: readonly string[]): Promise<Array<EngagementFacts | null>> {
  return Promise.all(
    ids.map(async (id) => {
      const state = fold(engagementDecider, (await store.readStream(engagementStreamId(id))).map((e) => ({ type: e.type, data: e.data }) as EngagementEvent));
      return state.status === 'empty' ? null : { engagementId: id, status: state.status, providerId: state.providerId, country: state.country };
    }),
  );
}

const DELIVERED = new Set(['completed', 'acknowledged']);

/**
 * The engagements a practice names must be ones its contributor took part in: the provider (its
 * organisation, or an old provider id the directory maps to it), the recipient State, or the
 * Secretariat for any. An engagement the actor may not see is "unknown" (400), never told apart
 * from one that does not exist. A lesson learned is recorded once the assistance was delivered
 * (completed, or acknowledged by the State): 409 `practice.engagement_not_delivered` before.
 */
export function checkPracticeEngagements(actor: Actor, kind: PracticeKind, facts: ReadonlyArray<EngagementFacts | null>, ids: readonly string[]): void {
  facts.forEach((f, i) => {
    const party =
      f !== null &&
      (actor.role === 'secretariat' ||
        (actor.role === 'state' && actor.country === f.country) ||
        (actor.organisation !== undefined && (actor.organisation === f.providerId || (actor.providerIds ?? []).includes(f.providerId))));
    if (!party) {
      throw new ValidationError('practice.unknown_engagement', `No engagement ${ids[i]} that you took part in`, [{ path: `/engagementIds/${i}`, message: 'is not an engagement you took part in' }]);
    }
    if (kind === 'lesson_learned' && !DELIVERED.has(f!.status)) {
      throw new IllegalStateError('practice.engagement_not_delivered', `A lesson is recorded once the engagement is completed (engagement ${ids[i]} is ${f!.status})`);
    }
  });
}
