import { engagementFlowStreamId, engagementStreamId, offerStreamId, requestStreamId, targetStreamId, withdrawalProcessStreamId } from '@ta/case';

describe('stream ids', () => {
  it('names each stream after its aggregate or process', () => {
    expect(requestStreamId('r1')).toBe('request-r1');
    expect(offerStreamId('o1')).toBe('offer-o1');
    expect(engagementStreamId('e1')).toBe('engagement-e1');
    expect(withdrawalProcessStreamId('r1')).toBe('withdrawal-r1');
    expect(engagementFlowStreamId('e1')).toBe('engagement-flow-e1');
  });

  it('routes a command to the stream it is decided on', () => {
    const at = '2025-03-01T09:00:00Z';
    expect(targetStreamId({ type: 'MarkMatched', requestId: 'r1', engagementId: 'e1', at })).toBe('request-r1');
    expect(targetStreamId({ type: 'CommitCapacity', offerId: 'o1', engagementId: 'e1', at, amount: 1 })).toBe('offer-o1');
    expect(targetStreamId({ type: 'ActivateEngagement', engagementId: 'e1', at })).toBe('engagement-e1');
  });
});
