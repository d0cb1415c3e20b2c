import { ForbiddenError, NotFoundError, isPlatformError } from '@ta/core';
import type { Actor } from '@ta/platform';
import type { CaseCommand, EngagementStatus } from '../domain';
import { ACCESS_POLICY, authorize, authorizeContactPersonRead, mayKnowRequest, type OwnershipFacts, type RequestAccessFacts } from './access-policy';

const actors: Record<string, Actor> = {
  secretariat: { id: 's', role: 'secretariat' },
  stateKE: { id: 'k', role: 'state', country: 'KE' },
  stateUG: { id: 'u', role: 'state', country: 'UG' },
  donorGIZ: { id: 'g', role: 'donor', organisation: 'giz' },
  donorSida: { id: 'd', role: 'donor', organisation: 'sida' },
  system: { id: 'p', role: 'system' },
};
const facts: OwnershipFacts = { country: 'KE', providerId: 'giz' };
const cmd = (type: CaseCommand['type'], extra: Record<string, unknown> = {}) => ({ type, at: '2026-01-01T00:00:00Z', ...extra }) as unknown as CaseCommand;

// command -> the actors allowed on a KE request / GIZ offer; everyone else is refused
const TABLE: Array<[CaseCommand['type'], string[], Record<string, unknown>?]> = [
  ['SubmitRequest', ['stateKE'], { country: 'KE' }],
  ['ProvideClarification', ['stateKE']],
  ['WithdrawRequest', ['stateKE']],
  ['RecordFollowUp', ['stateKE']],
  ['TriageRequest', ['secretariat']],
  ['ReturnForClarification', ['secretariat']],
  ['DeclineRequest', ['secretariat']],
  ['CloseRequest', ['secretariat']],
  ['MarkMatched', ['system']],
  ['RegisterOffer', ['donorGIZ'], { providerId: 'giz' }],
  ['WithdrawOffer', ['donorGIZ']],
  ['CommitCapacity', ['system']],
  ['ProposeEngagement', ['secretariat']],
  ['CancelEngagement', ['secretariat', 'system']],
  ['PlanMilestone', ['donorGIZ']],
  ['ReportMilestoneDone', ['donorGIZ']],
  ['ConfirmMilestone', ['stateKE']],
  ['DisputeMilestone', ['stateKE']],
  ['RescheduleMilestone', ['donorGIZ', 'secretariat']],
  ['CompleteEngagement', ['donorGIZ', 'secretariat']],
  ['AcknowledgeCompletion', ['stateKE']],
  ['ContestCompletion', ['stateKE']],
  ['ExtendOffer', ['donorGIZ']],
];

describe('access policy, as a table', () => {
  it('covers every case command', () => {
    expect(Object.keys(ACCESS_POLICY).sort()).toEqual(expect.arrayContaining(TABLE.map(([c]) => c).sort()));
  });

  for (const [type, allowed, extra] of TABLE) {
    for (const [name, actor] of Object.entries(actors)) {
      const ok = allowed.includes(name);
      it(`${type} by ${name}: ${ok ? 'allowed' : 'forbidden'}`, () => {
        const run = () => authorize(cmd(type, extra), actor, extra ? { ...facts, ...extra } : facts);
        if (ok) expect(run).not.toThrow();
        else expect(run).toThrow(ForbiddenError);
      });
    }
  }

  it('a State accepts only as the State, a provider only as the provider', () => {
    expect(() => authorize(cmd('AcceptEngagement', { party: 'state' }), actors.stateKE!, facts)).not.toThrow();
    expect(() => authorize(cmd('AcceptEngagement', { party: 'provider' }), actors.stateKE!, facts)).toThrow(ForbiddenError);
    expect(() => authorize(cmd('AcceptEngagement', { party: 'provider' }), actors.donorGIZ!, facts)).not.toThrow();
    expect(() => authorize(cmd('AcceptEngagement', { party: 'provider' }), actors.donorSida!, facts)).toThrow(ForbiddenError);
    expect(() => authorize(cmd('AcceptEngagement', { party: 'state' }), actors.stateUG!, facts)).toThrow(ForbiddenError);
  });
});

describe("reading a request's contact person, as a table", () => {
  const readers: Record<string, Actor> = {
    ...actors,
    authorityKE: { id: 'a', role: 'authority', organisation: 'ke-eacc' },
    stateWithoutCountry: { id: 'x', role: 'state' },
    donorWithoutOrganisation: { id: 'y', role: 'donor' },
  };
  type Outcome = 'ok' | 403 | 404;
  const outcome = (actor: Actor, facts: RequestAccessFacts): Outcome => {
    try {
      authorizeContactPersonRead(actor, facts);
      return 'ok';
    } catch (e) {
      if (e instanceof NotFoundError && e.code === 'request.not_found') return 404;
      if (e instanceof ForbiddenError && e.code === 'access.not_party') return 403;
      throw e;
    }
  };
  // Everyone not named in a row's `ok` gets `others`; GIZ is the provider of the one engagement on the KE request.
  const TABLE: Array<[restricted: boolean, gizEngagement: EngagementStatus | null, ok: string[], giz: Outcome, others: Outcome]> = [
    [false, null, ['secretariat', 'stateKE'], 403, 403],
    [false, 'proposed', ['secretariat', 'stateKE'], 403, 403],
    [false, 'agreed', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 403],
    [false, 'active', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 403],
    [false, 'completed', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 403],
    [false, 'acknowledged', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 403],
    [false, 'declined', ['secretariat', 'stateKE'], 403, 403],
    [false, 'cancelled', ['secretariat', 'stateKE'], 403, 403],
    // restricted: who may not even know the request gets the 404 of an unknown request
    [true, null, ['secretariat', 'stateKE'], 404, 404],
    [true, 'proposed', ['secretariat', 'stateKE'], 403, 404], // GIZ sees the request (it must see what it is asked to accept), not the person
    [true, 'agreed', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 404],
    [true, 'active', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 404],
    [true, 'completed', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 404],
    [true, 'acknowledged', ['secretariat', 'stateKE', 'donorGIZ'], 'ok', 404],
    [true, 'declined', ['secretariat', 'stateKE'], 404, 404],
    [true, 'cancelled', ['secretariat', 'stateKE'], 404, 404],
  ];

  for (const [restricted, giz, ok, gizOutcome, others] of TABLE) {
    const facts: RequestAccessFacts = { requestId: 'r1', country: 'KE', restricted, engagements: giz ? [{ providerId: 'giz', status: giz }] : [] };
    it(`${restricted ? 'restricted' : 'unrestricted'} request, GIZ engagement ${giz ?? 'none'}`, () => {
      const expected = Object.fromEntries(Object.keys(readers).map((name) => [name, ok.includes(name) ? 'ok' : name === 'donorGIZ' ? gizOutcome : others]));
      const actual = Object.fromEntries(Object.entries(readers).map(([name, actor]) => [name, outcome(actor, facts)]));
      expect(actual).toEqual(expected);
    });
  }

  it("another provider's engagement grants nothing to GIZ; one live engagement among ended ones is enough", () => {
    const base = { requestId: 'r1', country: 'KE', restricted: true };
    expect(outcome(actors.donorGIZ!, { ...base, engagements: [{ providerId: 'sida', status: 'active' }] })).toBe(404);
    expect(outcome(actors.donorSida!, { ...base, engagements: [{ providerId: 'sida', status: 'active' }] })).toBe('ok');
    expect(outcome(actors.donorGIZ!, { ...base, engagements: [{ providerId: 'giz', status: 'cancelled' }, { providerId: 'giz', status: 'active' }] })).toBe('ok');
  });

  it('the 404 of a hidden restricted request is the 404 of an unknown one (code, words); the 403 has a stable code', () => {
    const hidden = (() => {
      try {
        authorizeContactPersonRead(actors.stateUG!, { requestId: 'r1', country: 'KE', restricted: true, engagements: [] });
      } catch (e) {
        return e;
      }
    })();
    expect(isPlatformError(hidden) && [hidden.kind, hidden.code, hidden.message]).toEqual(['not_found', 'request.not_found', 'No request r1']);
    expect(() => authorizeContactPersonRead(actors.stateUG!, { requestId: 'r1', country: 'KE', restricted: false, engagements: [] })).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'access.not_party' }),
    );
  });
});

describe('who may know a request at all (commands on it, its engagements, their milestones), as a table', () => {
  const knowers: Record<string, Actor> = {
    ...actors,
    stateWithoutCountry: { id: 'x', role: 'state' },
    donorWithoutOrganisation: { id: 'y', role: 'donor' },
  };
  // Everyone not named in `knows` may not know the request: a command on it is answered like one on an unknown id.
  const TABLE: Array<[restricted: boolean, gizEngagement: EngagementStatus | null, knows: string[]]> = [
    [false, null, Object.keys(knowers)],
    [false, 'cancelled', Object.keys(knowers)],
    [true, null, ['secretariat', 'stateKE', 'system']],
    [true, 'proposed', ['secretariat', 'stateKE', 'system', 'donorGIZ']],
    [true, 'agreed', ['secretariat', 'stateKE', 'system', 'donorGIZ']],
    [true, 'active', ['secretariat', 'stateKE', 'system', 'donorGIZ']],
    [true, 'completed', ['secretariat', 'stateKE', 'system', 'donorGIZ']],
    [true, 'acknowledged', ['secretariat', 'stateKE', 'system', 'donorGIZ']],
    [true, 'declined', ['secretariat', 'stateKE', 'system']],
    [true, 'cancelled', ['secretariat', 'stateKE', 'system']],
  ];

  for (const [restricted, giz, knows] of TABLE) {
    it(`${restricted ? 'restricted' : 'unrestricted'} request, GIZ engagement ${giz ?? 'none'}`, () => {
      const facts: RequestAccessFacts = { requestId: 'r1', country: 'KE', restricted, engagements: giz ? [{ providerId: 'giz', status: giz }] : [] };
      const actual = Object.fromEntries(Object.entries(knowers).map(([name, actor]) => [name, mayKnowRequest(actor, facts)]));
      expect(actual).toEqual(Object.fromEntries(Object.keys(knowers).map((name) => [name, knows.includes(name)])));
    });
  }
});

describe('translating a text: the Secretariat, or the side that wrote it', () => {
  const byAuthor = (type: CaseCommand['type'], textAuthor: 'state' | 'provider' | 'secretariat') => (actor: Actor) => {
    try {
      authorize(cmd(type, { text: 'x' }), actor, { ...facts, textAuthor });
      return 'allowed';
    } catch (e) {
      return isPlatformError(e) ? e.code : String(e);
    }
  };
  it.each([
    ['TranslateRequestText', 'state', { secretariat: 'allowed', stateKE: 'allowed', stateUG: 'access.not_own_country', donorGIZ: 'access.role_not_allowed' }],
    ['TranslateRequestText', 'secretariat', { secretariat: 'allowed', stateKE: 'access.not_author', donorGIZ: 'access.role_not_allowed' }],
    ['TranslateOfferText', 'provider', { secretariat: 'allowed', donorGIZ: 'allowed', donorSida: 'access.not_own_offer', stateKE: 'access.role_not_allowed' }],
    ['TranslateEngagementText', 'state', { secretariat: 'allowed', stateKE: 'allowed', donorGIZ: 'access.not_author', system: 'access.role_not_allowed' }],
    ['TranslateEngagementText', 'provider', { secretariat: 'allowed', stateKE: 'access.not_author', donorGIZ: 'allowed', donorSida: 'access.not_own_offer' }],
  ] as const)('%s of a text by %s', (type, author, expected) => {
    const got = Object.fromEntries(Object.keys(expected).map((name) => [name, byAuthor(type, author)(actors[name]!)]));
    expect(got).toEqual(expected);
  });
});
