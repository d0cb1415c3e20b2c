import { fold } from '@ta/core';
import { withdrawalProcess, type WithdrawalProcessEvent } from './withdrawal.process';

const requestId = 'req-1';
const at = '2025-03-01T09:00:00Z';
const withdrawnAt = '2025-04-01T09:00:00Z';

function given(events: readonly WithdrawalProcessEvent[]) {
  return { when: (event: WithdrawalProcessEvent) => withdrawalProcess.decide(event, fold(withdrawalProcess, events)) };
}

const ref = (engagementId: string) => ({ engagementId, requestId, offerId: `off-${engagementId}`, at });
const proposed = (engagementId: string): WithdrawalProcessEvent => ({
  type: 'EngagementProposed',
  data: { ...ref(engagementId), providerId: 'p', country: 'KE', amount: 5, unit: { kind: 'expert_days' }, score: 1, reasons: ['fit'] },
});
const agreed = (engagementId: string): WithdrawalProcessEvent => ({ type: 'EngagementAgreed', data: { ...ref(engagementId), amount: 5, unit: { kind: 'expert_days' } } });
const activated = (engagementId: string): WithdrawalProcessEvent => ({ type: 'EngagementActivated', data: ref(engagementId) });
const declined = (engagementId: string): WithdrawalProcessEvent => ({ type: 'EngagementDeclined', data: { ...ref(engagementId), party: 'state', reason: 'no' } });
const cancelled = (engagementId: string): WithdrawalProcessEvent => ({
  type: 'EngagementCancelled',
  data: { ...ref(engagementId), reason: 'manual', previousStatus: 'proposed' },
});
const withdrawn: WithdrawalProcessEvent = { type: 'RequestWithdrawn', data: { requestId, at: withdrawnAt, reason: 'Funded nationally' } };
const requestDeclined: WithdrawalProcessEvent = { type: 'RequestDeclined', data: { requestId, at: withdrawnAt, reason: 'Out of scope' } };

describe('withdrawal process', () => {
  it('cancels every engagement still proposed or agreed when the request is withdrawn', () => {
    expect(given([proposed('e1'), proposed('e2'), agreed('e2'), proposed('e3'), declined('e3'), proposed('e4'), cancelled('e4')]).when(withdrawn)).toEqual([
      { type: 'CancelEngagement', engagementId: 'e1', at: withdrawnAt, reason: 'request_withdrawn' },
      { type: 'CancelEngagement', engagementId: 'e2', at: withdrawnAt, reason: 'request_withdrawn' },
    ]);
  });

  it('does the same, with its own reason, when the Secretariat declines the request', () => {
    expect(given([proposed('e1')]).when(requestDeclined)).toEqual([{ type: 'CancelEngagement', engagementId: 'e1', at: withdrawnAt, reason: 'request_declined' }]);
  });

  it('leaves active engagements to the Secretariat', () => {
    expect(given([proposed('e1'), agreed('e1'), activated('e1')]).when(withdrawn)).toEqual([]);
  });

  it('does nothing for a request without engagements', () => {
    expect(given([]).when(withdrawn)).toEqual([]);
  });

  it('cancels an engagement proposed after the request was withdrawn (stale snapshot)', () => {
    expect(given([withdrawn]).when(proposed('e5'))).toEqual([{ type: 'CancelEngagement', engagementId: 'e5', at, reason: 'request_withdrawn' }]);
  });

  it('does nothing on a repeated end of the request', () => {
    expect(given([proposed('e1'), withdrawn]).when(requestDeclined)).toEqual([]);
  });

  it.each([agreed('e1'), activated('e1'), declined('e1'), cancelled('e1')])('sends nothing on $type while the request is open', (event) => {
    expect(given([proposed('e1')]).when(event)).toEqual([]);
  });
});
