import { IllegalStateError, NotFoundError, fold } from '@ta/core';
import type { CommitCapacity } from '../offer/offer.commands';
import { cancellationForRefusedCommit, engagementFlowProcess, type EngagementFlowEvent } from './engagement-flow.process';

const at = '2025-03-01T09:00:00Z';
const ids = { engagementId: 'eng-1', requestId: 'req-1', offerId: 'off-1', at };
const unit = { kind: 'money', currency: 'EUR' } as const;

function given(events: readonly EngagementFlowEvent[]) {
  return { when: (event: EngagementFlowEvent) => engagementFlowProcess.decide(event, fold(engagementFlowProcess, events)) };
}

const proposed: EngagementFlowEvent = {
  type: 'EngagementProposed',
  data: { ...ids, providerId: 'org-1', country: 'KE', amount: 50_000_00, unit, score: 0.9, reasons: ['fit'] },
};
const agreed: EngagementFlowEvent = { type: 'EngagementAgreed', data: { ...ids, amount: 50_000_00, unit } };
const committed: EngagementFlowEvent = {
  type: 'CapacityCommitted',
  data: { offerId: 'off-1', engagementId: 'eng-1', at, amount: 50_000_00, unit, remaining: 0 },
};
const released: EngagementFlowEvent = {
  type: 'CapacityReleased',
  data: { offerId: 'off-1', engagementId: 'eng-1', at, amount: 50_000_00, unit, remaining: 50_000_00 },
};
const activated: EngagementFlowEvent = { type: 'EngagementActivated', data: ids };
const cancelled = (previousStatus: 'proposed' | 'agreed' | 'active'): EngagementFlowEvent => ({
  type: 'EngagementCancelled',
  data: { ...ids, reason: 'manual', previousStatus },
});
const planned = (milestoneId: string): EngagementFlowEvent => ({
  type: 'MilestonePlanned',
  data: { ...ids, milestoneId, title: { en: milestoneId }, dueDate: '2025-06-30' },
});
const completed: EngagementFlowEvent = { type: 'EngagementCompleted', data: ids };
const acknowledged: EngagementFlowEvent = { type: 'CompletionAcknowledged', data: ids };
const contested: EngagementFlowEvent = { type: 'CompletionContested', data: { ...ids, reason: 'Report missing' } };

describe('engagement flow process', () => {
  it('commits the offer capacity once the engagement is agreed', () => {
    expect(given([proposed]).when(agreed)).toEqual([{ type: 'CommitCapacity', offerId: 'off-1', engagementId: 'eng-1', at, amount: 50_000_00 }]);
  });

  it('activates the engagement once the capacity is committed', () => {
    expect(given([proposed, agreed]).when(committed)).toEqual([{ type: 'ActivateEngagement', engagementId: 'eng-1', at }]);
  });

  it('marks the request matched once the engagement is active', () => {
    expect(given([proposed, agreed, committed]).when(activated)).toEqual([{ type: 'MarkMatched', requestId: 'req-1', engagementId: 'eng-1', at }]);
  });

  it('starts delivery on the request with the first planned milestone only', () => {
    const active = [proposed, agreed, committed, activated];
    expect(given(active).when(planned('m1'))).toEqual([{ type: 'StartDelivery', requestId: 'req-1', engagementId: 'eng-1', at }]);
    expect(given([...active, planned('m1')]).when(planned('m2'))).toEqual([]);
  });

  it('does not mark the request delivered when the provider completes the engagement', () => {
    expect(given([proposed, agreed, committed, activated, planned('m1')]).when(completed)).toEqual([]);
  });

  it('marks the request delivered when the State acknowledges the completion', () => {
    expect(given([proposed, agreed, committed, activated, planned('m1'), completed]).when(acknowledged)).toEqual([
      { type: 'MarkDelivered', requestId: 'req-1', engagementId: 'eng-1', at },
    ]);
  });

  it('sends nothing when the State contests the completion (the engagement is active again)', () => {
    expect(given([proposed, agreed, committed, activated, planned('m1'), completed]).when(contested)).toEqual([]);
  });

  it('releases the capacity when an active engagement is cancelled', () => {
    expect(given([proposed, agreed, committed, activated]).when(cancelled('active'))).toEqual([
      { type: 'ReleaseCapacity', offerId: 'off-1', engagementId: 'eng-1', at },
    ]);
  });

  it('has nothing to release when an engagement is cancelled before any commitment', () => {
    expect(given([proposed]).when(cancelled('proposed'))).toEqual([]);
    expect(given([proposed, agreed]).when(cancelled('agreed'))).toEqual([]);
  });

  it('releases a commitment that arrives after the engagement was cancelled, instead of activating', () => {
    expect(given([proposed, agreed, cancelled('agreed')]).when(committed)).toEqual([{ type: 'ReleaseCapacity', offerId: 'off-1', engagementId: 'eng-1', at }]);
  });

  it('does not activate twice when a commitment is seen again', () => {
    expect(given([proposed, agreed, committed, activated]).when(committed)).toEqual([]);
  });

  it.each([proposed, released, { type: 'EngagementDeclined', data: { ...ids, party: 'provider', reason: 'no' } } as EngagementFlowEvent])(
    'sends nothing on $type',
    (event) => {
      expect(given([]).when(event)).toEqual([]);
    },
  );

  describe('cancellationForRefusedCommit', () => {
    const commit: CommitCapacity = { type: 'CommitCapacity', offerId: 'off-1', engagementId: 'eng-1', at, amount: 10 };

    it.each([
      ['offer.insufficient_capacity', 'insufficient_capacity'],
      ['offer.withdrawn', 'offer_withdrawn'],
      ['offer.expired', 'offer_expired'],
    ])('cancels the engagement when the offer refuses with %s', (code, reason) => {
      expect(cancellationForRefusedCommit(commit, new IllegalStateError(code, 'refused'))).toEqual({ type: 'CancelEngagement', engagementId: 'eng-1', at, reason });
    });

    it('gives nothing for an error that is no refusal', () => {
      expect(cancellationForRefusedCommit(commit, new NotFoundError('offer.not_found', 'gone'))).toBeNull();
      expect(cancellationForRefusedCommit(commit, new IllegalStateError('offer.commitment_released', 'late'))).toBeNull();
    });
  });
});
