import { ForbiddenError } from '@ta/core';
import type { Actor } from '@ta/platform';
import type { CaseCommand } from '../domain';
import { ACCESS_POLICY, authorize, type OwnershipFacts } from './access-policy';

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
