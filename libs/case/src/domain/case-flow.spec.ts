// A whole case through the pure pieces, wired by a tiny in-memory runner the way the
// application layer will: decide on the target stream, append, feed the process managers,
// dispatch their commands (and turn a refused commitment into a cancellation).
import { IllegalStateError, fold, type Decider } from '@ta/core';
import {
  cancellationForRefusedCommit,
  engagementDecider,
  engagementFlowProcess,
  isEngagementFlowEvent,
  isWithdrawalProcessEvent,
  offerDecider,
  requestDecider,
  targetStreamId,
  withdrawalProcess,
  type CaseCommand,
  type EngagementEvent,
  type EngagementFlowEvent,
  type OfferEvent,
  type RequestEvent,
  type WithdrawalProcessEvent,
} from '@ta/case';

type CaseEvent = RequestEvent | OfferEvent | EngagementEvent;

function createRunner() {
  const streams = new Map<string, CaseEvent[]>();
  const flowEvents = new Map<string, EngagementFlowEvent[]>();
  const withdrawalEvents = new Map<string, WithdrawalProcessEvent[]>();
  const read = (id: string) => streams.get(id) ?? [];

  function decideOn(command: CaseCommand): CaseEvent[] {
    const id = targetStreamId(command);
    const run = <C, E, S>(decider: Decider<C, E, S>) => decider.decide(command as C, fold(decider, read(id) as E[]));
    if (id.startsWith('request-')) return run(requestDecider);
    if (id.startsWith('offer-')) return run(offerDecider);
    return run(engagementDecider);
  }

  function dispatch(command: CaseCommand): void {
    let events: CaseEvent[];
    try {
      events = decideOn(command);
    } catch (e) {
      const cancel = command.type === 'CommitCapacity' && e instanceof IllegalStateError ? cancellationForRefusedCommit(command, e) : null;
      if (!cancel) throw e;
      return dispatch(cancel);
    }
    const id = targetStreamId(command);
    streams.set(id, [...read(id), ...events]);
    for (const event of events) react(event);
  }

  function react(event: CaseEvent): void {
    if (isEngagementFlowEvent(event)) {
      const key = event.data.engagementId;
      const before = flowEvents.get(key) ?? [];
      const commands = engagementFlowProcess.decide(event, fold(engagementFlowProcess, before));
      flowEvents.set(key, [...before, event]);
      commands.forEach(dispatch);
    }
    if (isWithdrawalProcessEvent(event)) {
      const key = event.data.requestId;
      const before = withdrawalEvents.get(key) ?? [];
      const commands = withdrawalProcess.decide(event, fold(withdrawalProcess, before));
      withdrawalEvents.set(key, [...before, event]);
      commands.forEach(dispatch);
    }
  }

  return {
    dispatch,
    request: (id: string) => fold(requestDecider, read(`request-${id}`) as RequestEvent[]),
    offer: (id: string) => fold(offerDecider, read(`offer-${id}`) as OfferEvent[]),
    engagement: (id: string) => fold(engagementDecider, read(`engagement-${id}`) as EngagementEvent[]),
  };
}

const at = '2025-03-01T09:00:00Z';

function openCaseWithOffer(capacityDays = 30) {
  const runner = createRunner();
  runner.dispatch({
    type: 'SubmitRequest',
    requestId: 'r1',
    at,
    country: 'SN',
    title: { fr: 'Code de conduite' },
    description: { fr: 'Rédiger un code de conduite pour les agents publics.' },
    suggestedArticles: ['art-8'],
    suggestedTaTypes: [],
    statePriority: 'medium',
    beneficiaryInstitution: 'OFNAC',
    preferredLanguages: ['fr'],
    restricted: false,
  });
  runner.dispatch({ type: 'TriageRequest', requestId: 'r1', at, articles: ['art-8'], taTypes: ['c2-policymaking'], priority: 'medium' });
  runner.dispatch({
    type: 'RegisterOffer',
    offerId: 'o1',
    at,
    providerId: 'auth-fr',
    providerKind: 'state_authority',
    taTypes: ['c2-policymaking'],
    articles: ['art-8'],
    eligibleCountries: [],
    eligibleRegions: ['011'],
    languages: ['fr'],
    modality: 'hybrid',
    capacity: { kind: 'expert_days', days: capacityDays },
    availability: { from: '2025-01-01', to: '2025-12-31' },
    title: { fr: 'Experts en déontologie' },
    description: { fr: 'Missions courtes.' },
  });
  const propose = (engagementId: string, amount: number) =>
    runner.dispatch({
      type: 'ProposeEngagement',
      engagementId,
      requestId: 'r1',
      offerId: 'o1',
      at,
      amount,
      score: 0.9,
      reasons: ['Article 8 and French'],
      request: { status: 'open_for_offers', country: 'SN' },
      offer: runner.offer('o1'),
    });
  return { runner, propose };
}

describe('a case across request, offer and engagement', () => {
  it('goes from submission to closure, the process managers doing the bookkeeping', () => {
    const { runner, propose } = openCaseWithOffer();
    propose('e1', 20);
    runner.dispatch({ type: 'AcceptEngagement', engagementId: 'e1', at, party: 'provider' });
    runner.dispatch({ type: 'AcceptEngagement', engagementId: 'e1', at, party: 'state' });

    expect(runner.engagement('e1').status).toBe('active');
    expect(runner.offer('o1')).toMatchObject({ status: 'registered', committed: 20 });
    expect(runner.request('r1').status).toBe('matched');

    runner.dispatch({ type: 'PlanMilestone', engagementId: 'e1', at, milestoneId: 'm1', title: { fr: 'Projet de code' }, dueDate: '2025-06-30' });
    expect(runner.request('r1').status).toBe('in_delivery');
    runner.dispatch({ type: 'ReportMilestoneDone', engagementId: 'e1', at, milestoneId: 'm1' });
    runner.dispatch({ type: 'ConfirmMilestone', engagementId: 'e1', at, milestoneId: 'm1' });
    runner.dispatch({ type: 'CompleteEngagement', engagementId: 'e1', at });
    expect(runner.request('r1').status).toBe('in_delivery');
    runner.dispatch({ type: 'ContestCompletion', engagementId: 'e1', at, reason: 'The draft code was not handed over' });
    expect(runner.engagement('e1').status).toBe('active');
    runner.dispatch({ type: 'PlanMilestone', engagementId: 'e1', at, milestoneId: 'm2', title: { fr: 'Remise du projet' }, dueDate: '2025-07-31' });
    runner.dispatch({ type: 'ReportMilestoneDone', engagementId: 'e1', at, milestoneId: 'm2' });
    runner.dispatch({ type: 'ConfirmMilestone', engagementId: 'e1', at, milestoneId: 'm2' });
    runner.dispatch({ type: 'CompleteEngagement', engagementId: 'e1', at });
    expect(runner.request('r1').status).toBe('in_delivery');
    runner.dispatch({ type: 'AcknowledgeCompletion', engagementId: 'e1', at });
    expect(runner.engagement('e1').status).toBe('acknowledged');
    expect(runner.request('r1').status).toBe('delivered');

    runner.dispatch({ type: 'RecordFollowUp', requestId: 'r1', at, needMet: 'met', comment: { fr: 'Code adopté.' } });
    runner.dispatch({ type: 'CloseRequest', requestId: 'r1', at });
    expect(runner.request('r1').status).toBe('closed');
  });

  it('cancels an agreed engagement whose capacity was taken meanwhile', () => {
    const { runner, propose } = openCaseWithOffer(30);
    propose('e1', 20);
    propose('e2', 20);
    for (const engagementId of ['e1', 'e2']) {
      runner.dispatch({ type: 'AcceptEngagement', engagementId, at, party: 'provider' });
      runner.dispatch({ type: 'AcceptEngagement', engagementId, at, party: 'state' });
    }
    expect(runner.engagement('e1').status).toBe('active');
    expect(runner.engagement('e2').status).toBe('cancelled');
    expect(runner.offer('o1')).toMatchObject({ committed: 20 });
  });

  it('cancels the open proposals when the State withdraws the request', () => {
    const { runner, propose } = openCaseWithOffer();
    propose('e1', 10);
    propose('e2', 10);
    runner.dispatch({ type: 'AcceptEngagement', engagementId: 'e2', at, party: 'state' });
    runner.dispatch({ type: 'WithdrawRequest', requestId: 'r1', at, reason: 'Funded nationally' });
    expect(runner.engagement('e1').status).toBe('cancelled');
    expect(runner.engagement('e2').status).toBe('cancelled');
    expect(runner.offer('o1')).toMatchObject({ committed: 0 });
  });

  it('gives back the capacity when an active engagement is cancelled', () => {
    const { runner, propose } = openCaseWithOffer();
    propose('e1', 30);
    runner.dispatch({ type: 'AcceptEngagement', engagementId: 'e1', at, party: 'provider' });
    runner.dispatch({ type: 'AcceptEngagement', engagementId: 'e1', at, party: 'state' });
    expect(runner.offer('o1').status).toBe('fully_committed');
    runner.dispatch({ type: 'CancelEngagement', engagementId: 'e1', at, reason: 'Provider cannot travel' });
    expect(runner.offer('o1')).toMatchObject({ status: 'registered', committed: 0 });
  });
});
