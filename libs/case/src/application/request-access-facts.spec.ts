import type { Pool } from 'pg';
import { fold } from '@ta/core';
import type { Actor } from '@ta/platform';
import { engagementDecider, requestDecider, type EngagementEvent, type EngagementState, type RequestEvent } from '../domain';
import { engagementProposed, engagementRef, requestSubmitted } from '../../test/access-fixtures';
import { mayKnowCommandTarget, type AccessReads } from './request-access-facts';

const submitted = (restricted: boolean) => requestSubmitted({ restricted });
const ref = (engagementId: string) => engagementRef(engagementId);
const proposed = (engagementId: string, providerId: string) => engagementProposed(engagementId, providerId);
const declined = (engagementId: string): EngagementEvent => ({ type: 'EngagementDeclined', data: { ...ref(engagementId), party: 'provider', reason: 'x' } });

const actors = {
  system: { id: 'process:withdrawal', role: 'system' },
  secretariat: { id: 's', role: 'secretariat' },
  stateKE: { id: 'k', role: 'state', country: 'KE' },
  stateUG: { id: 'u', role: 'state', country: 'UG' },
  giz: { id: 'g', role: 'donor', organisation: 'giz' },
  sida: { id: 'd', role: 'donor', organisation: 'sida' },
} satisfies Record<string, Actor>;

/**
 * A KE request r1 with two engagements: e1 (GIZ, declined by GIZ) and e2 (GIZ, proposed, or
 * declined too), both known to the withdrawal process. The reads are recorded.
 */
function world(restricted: boolean, { e2Declined = false } = {}) {
  const streams: Record<string, Array<RequestEvent | EngagementEvent>> = {
    'request-r1': [submitted(restricted)],
    'engagement-e1': [proposed('e1', 'giz'), declined('e1')],
    'engagement-e2': e2Declined ? [proposed('e2', 'giz'), declined('e2')] : [proposed('e2', 'giz')],
  };
  const read: string[] = [];
  const reads: AccessReads = {
    db: { query: async () => ({ rows: [{ state: { requestEnded: null, engagements: { e1: 'ended', e2: 'proposed' } } }] }) } as unknown as Pool,
    readStream: async (streamId) => {
      read.push(streamId);
      return streams[streamId] ?? [];
    },
  };
  const request = fold(requestDecider, streams['request-r1'] as RequestEvent[]);
  const engagement = (id: string): EngagementState => fold(engagementDecider, streams[`engagement-${id}`] as EngagementEvent[]);
  return { reads, read, request, engagement };
}

describe('may the actor know what a command is about', () => {
  it('the Secretariat and the process managers: yes, without reading anything', async () => {
    const w = world(true);
    for (const actor of [actors.system, actors.secretariat]) {
      expect(await mayKnowCommandTarget(actor, { kind: 'engagement', state: w.engagement('e1') }, w.reads)).toBe(true);
      expect(await mayKnowCommandTarget(actor, { kind: 'request', state: w.request }, w.reads)).toBe(true);
    }
    expect(w.read).toEqual([]);
  });

  it("an unrestricted request and its engagements: everyone, from the request's stream alone", async () => {
    const w = world(false);
    for (const actor of Object.values(actors)) {
      expect(await mayKnowCommandTarget(actor, { kind: 'engagement', state: w.engagement('e1') }, w.reads)).toBe(true);
    }
    expect(new Set(w.read)).toEqual(new Set(['request-r1']));
  });

  it('a restricted request: its State, and a provider engaged on it through any of its engagements', async () => {
    const w = world(true);
    const knows = async (actor: Actor, target: 'r1' | 'e1' | 'e2') =>
      mayKnowCommandTarget(actor, target === 'r1' ? { kind: 'request', state: w.request } : { kind: 'engagement', state: w.engagement(target) }, w.reads);
    expect(await knows(actors.stateKE, 'e1')).toBe(true);
    expect(await knows(actors.stateUG, 'e1')).toBe(false);
    expect(await knows(actors.stateUG, 'r1')).toBe(false);
    expect(await knows(actors.sida, 'e2')).toBe(false);
    expect(await knows(actors.sida, 'r1')).toBe(false);
    // GIZ declined e1, but its proposed e2 makes it engaged on the request
    expect(await knows(actors.giz, 'e1')).toBe(true);
    expect(await knows(actors.giz, 'r1')).toBe(true);
  });

  it("the engagement alone is enough for the request's State and for the provider of an engagement it counts: nothing is read", async () => {
    const w = world(true);
    expect(await mayKnowCommandTarget(actors.giz, { kind: 'engagement', state: w.engagement('e2') }, w.reads)).toBe(true);
    expect(await mayKnowCommandTarget(actors.stateKE, { kind: 'engagement', state: w.engagement('e1') }, w.reads)).toBe(true);
    expect(w.read).toEqual([]);
  });

  it("a provider whose own engagement ended reads the request, then the request's other engagements", async () => {
    const w = world(true);
    expect(await mayKnowCommandTarget(actors.giz, { kind: 'engagement', state: w.engagement('e1') }, w.reads)).toBe(true);
    expect(w.read).toEqual(['request-r1', 'engagement-e2']);
  });

  it('a restricted request whose only engagement with the provider ended is hidden from it again', async () => {
    const w = world(true, { e2Declined: true });
    expect(await mayKnowCommandTarget(actors.giz, { kind: 'engagement', state: w.engagement('e1') }, w.reads)).toBe(false);
  });
});
