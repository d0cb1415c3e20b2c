import { IllegalStateError, NotFoundError, ValidationError, fold } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import { offerDecider } from '../offer/offer.decider';
import type { OfferEvent } from '../offer/offer.events';
import type { EngagementCommand, ProposeEngagement } from './engagement.commands';
import { engagementDecider, overdueMilestones } from './engagement.decider';
import type { EngagementEvent } from './engagement.events';

const spec = deciderSpec(engagementDecider);
const ids = { engagementId: 'eng-1', requestId: 'req-1', offerId: 'off-1' };
const { engagementId } = ids;
const at = '2025-03-01T09:00:00Z';
const days = { kind: 'expert_days' } as const;

const offerRegistered: OfferEvent = {
  type: 'OfferRegistered',
  data: {
    offerId: 'off-1',
    at: '2025-01-10T00:00:00Z',
    providerId: 'auth-fr-afa',
    providerKind: 'state_authority',
    taTypes: ['c2-capacity-building'],
    articles: ['art-6'],
    eligibleCountries: [],
    eligibleRegions: ['002'],
    languages: ['fr'],
    modality: 'on_site',
    capacity: { kind: 'expert_days', days: 30 },
    availability: { from: '2025-01-01', to: '2025-12-31' },
    title: { fr: 'Appui aux organes de prévention' },
    description: { fr: 'Missions d’experts.' },
  },
};
const offer = fold(offerDecider, [offerRegistered]);

const propose: ProposeEngagement = {
  type: 'ProposeEngagement',
  ...ids,
  at,
  amount: 20,
  score: 0.82,
  reasons: ['Same article (art. 6)', 'French-speaking experts'],
  request: { status: 'open_for_offers', country: 'SN' },
  offer,
};

const proposed: EngagementEvent = {
  type: 'EngagementProposed',
  data: { ...ids, at, providerId: 'auth-fr-afa', country: 'SN', amount: 20, unit: days, score: 0.82, reasons: ['Same article (art. 6)', 'French-speaking experts'] },
};
const acceptedBy = (party: 'state' | 'provider'): EngagementEvent => ({ type: 'EngagementAccepted', data: { ...ids, at, party } });
const agreed: EngagementEvent = { type: 'EngagementAgreed', data: { ...ids, at, amount: 20, unit: days } };
const activated: EngagementEvent = { type: 'EngagementActivated', data: { ...ids, at } };
const planned = (milestoneId: string, dueDate = '2025-05-31'): EngagementEvent => ({
  type: 'MilestonePlanned',
  data: { ...ids, at, milestoneId, title: { en: `Milestone ${milestoneId}` }, dueDate },
});
const reported = (milestoneId: string): EngagementEvent => ({ type: 'MilestoneReported', data: { ...ids, at, milestoneId } });
const confirmed = (milestoneId: string): EngagementEvent => ({ type: 'MilestoneConfirmed', data: { ...ids, at, milestoneId } });
const disputed = (milestoneId: string): EngagementEvent => ({ type: 'MilestoneDisputed', data: { ...ids, at, milestoneId, reason: 'Report missing' } });

const history = {
  proposed: [proposed],
  agreed: [proposed, acceptedBy('state'), acceptedBy('provider'), agreed],
  active: [proposed, acceptedBy('state'), acceptedBy('provider'), agreed, activated],
  declined: [proposed, { type: 'EngagementDeclined', data: { ...ids, at, party: 'provider', reason: 'No experts free' } }],
  cancelled: [proposed, { type: 'EngagementCancelled', data: { ...ids, at, reason: 'request_withdrawn', previousStatus: 'proposed' } }],
  completed: [proposed, acceptedBy('state'), acceptedBy('provider'), agreed, activated, planned('m1'), reported('m1'), confirmed('m1'), { type: 'EngagementCompleted', data: { ...ids, at } }],
} satisfies Record<string, EngagementEvent[]>;

describe('engagement decider', () => {
  describe('ProposeEngagement', () => {
    it('proposes a match of an open request with an eligible offer, with its score and reasons', () => {
      spec.given([]).when(propose).thenState((events, state) => {
        expect(events).toEqual([proposed]);
        expect(state).toMatchObject({ status: 'proposed', acceptedBy: [], amount: 20 });
      });
    });

    it('refuses a second proposal for the same engagement', () => {
      spec.given([proposed]).when(propose).thenThrows(IllegalStateError, 'engagement.already_proposed');
    });

    it.each(['submitted', 'matched', 'withdrawn'] as const)('refuses a request that is %s', (status) => {
      spec.given([]).when({ ...propose, request: { status, country: 'SN' } }).thenThrows(IllegalStateError, 'engagement.request_not_open');
    });

    it('refuses an offer whose eligible regions do not include the country', () => {
      spec.given([]).when({ ...propose, request: { status: 'open_for_offers', country: 'PE' } }).thenThrows(IllegalStateError, 'engagement.offer_not_eligible');
    });

    it('refuses outside the offer availability window', () => {
      spec.given([]).when({ ...propose, at: '2026-01-05T09:00:00Z' }).thenThrows(IllegalStateError, 'engagement.offer_not_eligible');
    });

    it('refuses a withdrawn offer', () => {
      const withdrawnOffer = fold(offerDecider, [offerRegistered, { type: 'OfferWithdrawn', data: { offerId: 'off-1', at, reason: 'r' } }]);
      spec.given([]).when({ ...propose, offer: withdrawnOffer }).thenThrows(IllegalStateError, 'engagement.offer_not_eligible');
    });

    it('refuses more than the offer has left', () => {
      const partly = fold(offerDecider, [
        offerRegistered,
        { type: 'CapacityCommitted', data: { offerId: 'off-1', engagementId: 'eng-0', at, amount: 15, unit: days, remaining: 15 } },
      ]);
      spec.given([]).when({ ...propose, offer: partly }).thenThrows(IllegalStateError, 'engagement.insufficient_capacity');
    });

    it('refuses an offer that does not exist', () => {
      spec.given([]).when({ ...propose, offer: offerDecider.initialState() }).thenThrows(NotFoundError, 'offer.not_found');
    });

    it.each<[string, Partial<ProposeEngagement>]>([
      ['a snapshot of another offer', { offerId: 'off-2' }],
      ['no amount', { amount: 0 }],
      ['a score that is not a number', { score: Number.NaN }],
      ['no reasons', { reasons: [] }],
      ['a blank reason', { reasons: ['ok', ' '] }],
    ])('rejects %s', (_, change) => {
      spec.given([]).when({ ...propose, ...change }).thenThrows(ValidationError, 'input.invalid');
    });
  });

  it.each<EngagementCommand>([
    { type: 'AcceptEngagement', engagementId, at, party: 'state' },
    { type: 'DeclineEngagement', engagementId, at, party: 'state', reason: 'r' },
    { type: 'ActivateEngagement', engagementId, at },
    { type: 'CancelEngagement', engagementId, at, reason: 'r' },
    { type: 'PlanMilestone', engagementId, at, milestoneId: 'm1', title: { en: 't' }, dueDate: '2025-05-31' },
    { type: 'ReportMilestoneDone', engagementId, at, milestoneId: 'm1' },
    { type: 'ConfirmMilestone', engagementId, at, milestoneId: 'm1' },
    { type: 'DisputeMilestone', engagementId, at, milestoneId: 'm1', reason: 'r' },
    { type: 'RescheduleMilestone', engagementId, at, milestoneId: 'm1', dueDate: '2025-06-30', reason: 'r' },
    { type: 'CompleteEngagement', engagementId, at },
    { type: 'AcknowledgeCompletion', engagementId, at },
    { type: 'ContestCompletion', engagementId, at, reason: 'r' },
  ])('$type on an engagement never proposed is engagement.not_found', (command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, 'engagement.not_found');
  });

  describe('AcceptEngagement', () => {
    it('records the first acceptance, the engagement stays proposed', () => {
      spec.given(history.proposed).when({ type: 'AcceptEngagement', engagementId, at, party: 'provider' }).thenState((events, state) => {
        expect(events).toEqual([acceptedBy('provider')]);
        expect(state).toMatchObject({ status: 'proposed', acceptedBy: ['provider'] });
      });
    });

    it.each([
      ['state', 'provider'],
      ['provider', 'state'],
    ] as const)('agrees the engagement when the second party accepts (%s first)', (first, second) => {
      spec.given([proposed, acceptedBy(first)]).when({ type: 'AcceptEngagement', engagementId, at, party: second }).thenState((events, state) => {
        expect(events).toEqual([acceptedBy(second), agreed]);
        expect(state.status).toBe('agreed');
      });
    });

    it('refuses a party accepting twice', () => {
      spec.given([proposed, acceptedBy('state')]).when({ type: 'AcceptEngagement', engagementId, at, party: 'state' }).thenThrows(IllegalStateError, 'engagement.already_accepted');
    });

    it.each(['declined', 'cancelled'] as const)('refuses an engagement that is %s', (status) => {
      spec.given(history[status]).when({ type: 'AcceptEngagement', engagementId, at, party: 'state' }).thenThrows(IllegalStateError, 'engagement.not_proposed');
    });

    it('rejects an unknown party', () => {
      spec.given(history.proposed).when({ type: 'AcceptEngagement', engagementId, at, party: 'donor' as never }).thenThrows(ValidationError, 'input.invalid');
    });
  });

  describe('DeclineEngagement', () => {
    it('lets either party decline a proposed engagement, with a reason', () => {
      spec
        .given([proposed, acceptedBy('state')])
        .when({ type: 'DeclineEngagement', engagementId, at, party: 'provider', reason: 'No experts free' })
        .then([history.declined[1]!]);
    });

    it('refuses an agreed engagement (cancel it instead)', () => {
      spec.given(history.agreed).when({ type: 'DeclineEngagement', engagementId, at, party: 'state', reason: 'Changed mind' }).thenThrows(IllegalStateError, 'engagement.not_proposed');
    });

    it('requires a reason', () => {
      spec.given(history.proposed).when({ type: 'DeclineEngagement', engagementId, at, party: 'state', reason: '' }).thenThrows(ValidationError, 'input.reason_required');
    });
  });

  describe('ActivateEngagement', () => {
    it('activates an agreed engagement', () => {
      spec.given(history.agreed).when({ type: 'ActivateEngagement', engagementId, at }).then([activated]);
    });

    it('is idempotent on an active engagement', () => {
      spec.given(history.active).when({ type: 'ActivateEngagement', engagementId, at }).then([]);
    });

    it.each(['proposed', 'cancelled'] as const)('refuses an engagement that is %s', (status) => {
      spec.given(history[status]).when({ type: 'ActivateEngagement', engagementId, at }).thenThrows(IllegalStateError, 'engagement.not_agreed');
    });
  });

  describe('CancelEngagement', () => {
    it.each(['proposed', 'agreed', 'active'] as const)('cancels a %s engagement, telling the previous status', (status) => {
      spec
        .given(history[status])
        .when({ type: 'CancelEngagement', engagementId, at, reason: 'insufficient_capacity' })
        .then([{ type: 'EngagementCancelled', data: { ...ids, at, reason: 'insufficient_capacity', previousStatus: status } }]);
    });

    it('is idempotent on a cancelled engagement', () => {
      spec.given(history.cancelled).when({ type: 'CancelEngagement', engagementId, at, reason: 'again' }).then([]);
    });

    it.each(['declined', 'completed'] as const)('refuses an engagement that is %s', (status) => {
      spec.given(history[status]).when({ type: 'CancelEngagement', engagementId, at, reason: 'late' }).thenThrows(IllegalStateError, 'engagement.not_cancellable');
    });

    it('requires a reason', () => {
      spec.given(history.active).when({ type: 'CancelEngagement', engagementId, at, reason: ' ' }).thenThrows(ValidationError, 'input.reason_required');
    });
  });

  describe('milestones', () => {
    const plan: EngagementCommand = { type: 'PlanMilestone', engagementId, at, milestoneId: 'm1', title: { en: 'Milestone m1' }, dueDate: '2025-05-31' };
    const report: EngagementCommand = { type: 'ReportMilestoneDone', engagementId, at, milestoneId: 'm1' };
    const confirm: EngagementCommand = { type: 'ConfirmMilestone', engagementId, at, milestoneId: 'm1' };
    const dispute: EngagementCommand = { type: 'DisputeMilestone', engagementId, at, milestoneId: 'm1', reason: 'Report missing' };
    const reschedule: EngagementCommand = { type: 'RescheduleMilestone', engagementId, at, milestoneId: 'm1', dueDate: '2025-07-15', reason: 'Elections' };
    const rescheduled: EngagementEvent = {
      type: 'MilestoneRescheduled',
      data: { ...ids, at, milestoneId: 'm1', previousDueDate: '2025-05-31', dueDate: '2025-07-15', reason: 'Elections' },
    };
    const withM1 = [...history.active, planned('m1')];

    it('plans a milestone on an active engagement', () => {
      spec.given(history.active).when(plan).then([planned('m1')]);
    });

    it.each(['proposed', 'agreed', 'completed'] as const)('refuses planning on an engagement that is %s', (status) => {
      spec.given(history[status]).when(plan).thenThrows(IllegalStateError, 'engagement.not_active');
    });

    it('refuses a milestone id already planned', () => {
      spec.given(withM1).when(plan).thenThrows(IllegalStateError, 'engagement.milestone_exists');
    });

    it.each<[string, Partial<typeof plan>, string]>([
      ['a bad due date', { dueDate: '31/05/2025' }, 'input.invalid'],
      ['an empty title', { title: {} }, 'text.invalid'],
    ])('rejects a milestone with %s', (_, change, code) => {
      spec.given(history.active).when({ ...plan, ...change } as EngagementCommand).thenThrows(ValidationError, code);
    });

    it.each([
      ['scheduled', withM1],
      ['rescheduled', [...withM1, rescheduled]],
      ['disputed', [...withM1, reported('m1'), disputed('m1')]],
    ] as const)('lets the provider report a %s milestone done', (_, given) => {
      spec.given(given).when(report).then([reported('m1')]);
    });

    it.each([
      ['reported', [...withM1, reported('m1')]],
      ['confirmed', [...withM1, reported('m1'), confirmed('m1')]],
    ] as const)('refuses to report a %s milestone', (_, given) => {
      spec.given(given).when(report).thenThrows(IllegalStateError, 'engagement.milestone_not_reportable');
    });

    it.each([report, confirm, dispute, reschedule])('$type: refuses an unknown milestone', (command) => {
      spec.given(history.active).when(command).thenThrows(NotFoundError, 'engagement.milestone_not_found');
    });

    it.each([report, confirm, dispute, reschedule])('$type: refuses on an engagement that is not active', (command) => {
      spec.given(history.completed).when(command).thenThrows(IllegalStateError, 'engagement.not_active');
    });

    it('lets the State confirm a reported milestone', () => {
      spec.given([...withM1, reported('m1')]).when(confirm).then([confirmed('m1')]);
    });

    it('lets the State dispute a reported milestone, with a reason', () => {
      spec.given([...withM1, reported('m1')]).when(dispute).then([disputed('m1')]);
    });

    it.each([confirm, dispute])('$type: refuses a milestone not reported', (command) => {
      spec.given(withM1).when(command).thenThrows(IllegalStateError, 'engagement.milestone_not_reported');
    });

    it('requires a reason to dispute', () => {
      spec.given([...withM1, reported('m1')]).when({ ...dispute, reason: '' } as EngagementCommand).thenThrows(ValidationError, 'input.reason_required');
    });

    it('takes notes with a milestone reported done, in the languages the provider wrote them', () => {
      const notes = { en: 'Risk model handed over', fr: 'Modèle de risque remis' };
      spec
        .given(withM1)
        .when({ ...report, notes } as EngagementCommand)
        .thenState((events, state) => {
          expect(events).toEqual([{ type: 'MilestoneReported', data: { ...ids, at, milestoneId: 'm1', notes } }]);
          expect(state.status !== 'empty' && state.texts['milestones/m1/reports/1/notes']).toEqual({ author: 'provider', languages: ['en', 'fr'] });
        });
    });

    it('refuses empty notes', () => {
      spec.given(withM1).when({ ...report, notes: { en: ' ' } } as EngagementCommand).thenThrows(ValidationError, 'text.invalid');
    });

    describe('a dispute answered and resolved', () => {
      const whenDisputed = [...withM1, reported('m1'), disputed('m1')];
      const answer: EngagementCommand = { type: 'AnswerMilestoneDispute', engagementId, at, milestoneId: 'm1', answer: 'The counties are in annex 2' };
      const answered: EngagementEvent = { type: 'MilestoneDisputeAnswered', data: { ...ids, at, milestoneId: 'm1', answer: 'The counties are in annex 2' } };
      const uphold: EngagementCommand = { type: 'ResolveMilestoneDispute', engagementId, at, milestoneId: 'm1', outcome: 'upheld', reason: 'Annex 2 is empty', dueDate: '2025-08-31' };
      const dismiss: EngagementCommand = { type: 'ResolveMilestoneDispute', engagementId, at, milestoneId: 'm1', outcome: 'dismissed', reason: 'Annex 2 lists them' };

      it('lets the provider answer a disputed milestone: it stays disputed, the answer is the dispute\'s', () => {
        spec.given(whenDisputed).when(answer).thenState((events, state) => {
          expect(events).toEqual([answered]);
          expect(state.status !== 'empty' && state.milestones[0]).toMatchObject({ status: 'disputed', disputeAnswered: true });
          expect(state.status !== 'empty' && state.texts['milestones/m1/disputes/1/answer']).toEqual({ author: 'provider', languages: [] });
        });
      });

      it('takes one answer per dispute, and another for the next dispute', () => {
        spec.given([...whenDisputed, answered]).when(answer).thenThrows(IllegalStateError, 'engagement.dispute_already_answered');
        spec.given([...whenDisputed, answered, reported('m1'), disputed('m1')]).when(answer).thenState((_, state) => {
          expect(state.status !== 'empty' && Object.keys(state.texts).filter((p) => p.endsWith('/answer'))).toEqual(['milestones/m1/disputes/1/answer', 'milestones/m1/disputes/2/answer']);
        });
      });

      it.each([answer, uphold, dismiss])('$type: refuses a milestone that is not disputed', (command) => {
        spec.given([...withM1, reported('m1')]).when(command).thenThrows(IllegalStateError, 'engagement.milestone_not_disputed');
      });

      it.each([answer, uphold])('$type: refuses on an engagement that is not active', (command) => {
        spec.given(history.completed).when(command).thenThrows(IllegalStateError, 'engagement.not_active');
      });

      it('requires an answer', () => {
        spec.given(whenDisputed).when({ ...answer, answer: '' } as EngagementCommand).thenThrows(ValidationError, 'input.reason_required');
      });

      it('upheld: the milestone is due again on the new date, for the provider to report again', () => {
        spec.given([...whenDisputed, answered]).when(uphold).thenState((events, state) => {
          expect(events).toEqual([
            { type: 'MilestoneDisputeResolved', data: { ...ids, at, milestoneId: 'm1', outcome: 'upheld', reason: 'Annex 2 is empty', previousDueDate: '2025-05-31', dueDate: '2025-08-31' } },
          ]);
          expect(state.status !== 'empty' && state.milestones[0]).toMatchObject({ status: 'rescheduled', dueDate: '2025-08-31', disputeAnswered: false });
          expect(state.status !== 'empty' && state.texts['milestones/m1/disputes/1/resolution']).toEqual({ author: 'secretariat', languages: [] });
        });
      });

      it('dismissed: the report stands, the milestone is confirmed and the engagement can complete', () => {
        const resolved: EngagementEvent = {
          type: 'MilestoneDisputeResolved',
          data: { ...ids, at, milestoneId: 'm1', outcome: 'dismissed', reason: 'Annex 2 lists them', previousDueDate: '2025-05-31', dueDate: null },
        };
        spec.given(whenDisputed).when(dismiss).then([resolved]);
        spec.given([...whenDisputed, resolved]).when({ type: 'CompleteEngagement', engagementId, at }).then([{ type: 'EngagementCompleted', data: { ...ids, at } }]);
      });

      it.each<[string, EngagementCommand, string]>([
        ['upheld without a new date', { ...uphold, dueDate: undefined } as EngagementCommand, 'input.invalid'],
        ['dismissed with a new date', { ...dismiss, dueDate: '2025-08-31' } as EngagementCommand, 'input.invalid'],
        ['without a reason', { ...dismiss, reason: ' ' } as EngagementCommand, 'input.reason_required'],
        ['with an unknown outcome', { ...dismiss, outcome: 'withdrawn' } as unknown as EngagementCommand, 'input.invalid'],
      ])('rejects a resolution %s', (_, command, code) => {
        spec.given(whenDisputed).when(command).thenThrows(ValidationError, code);
      });

      it('still lets the provider reschedule a disputed milestone as before', () => {
        spec.given(whenDisputed).when(reschedule).then([{ ...rescheduled }]);
      });
    });

    it('reschedules a milestone not yet confirmed, with a reason', () => {
      spec.given([...withM1, reported('m1')]).when(reschedule).thenState((events, state) => {
        expect(events).toEqual([rescheduled]);
        expect(state.status === 'active' && state.milestones[0]).toMatchObject({ status: 'rescheduled', dueDate: '2025-07-15' });
      });
    });

    it('refuses to reschedule a confirmed milestone', () => {
      spec.given([...withM1, reported('m1'), confirmed('m1')]).when(reschedule).thenThrows(IllegalStateError, 'engagement.milestone_confirmed');
    });

    it.each<[string, Partial<typeof reschedule>, string]>([
      ['without reason', { reason: '' }, 'input.reason_required'],
      ['to a bad date', { dueDate: '2025-02-29' }, 'input.invalid'],
    ])('rejects a rescheduling %s', (_, change, code) => {
      spec.given(withM1).when({ ...reschedule, ...change } as EngagementCommand).thenThrows(ValidationError, code);
    });
  });

  describe('CompleteEngagement', () => {
    const completeCommand: EngagementCommand = { type: 'CompleteEngagement', engagementId, at };

    it('completes an active engagement whose milestones are all confirmed', () => {
      spec
        .given([...history.active, planned('m1'), planned('m2'), reported('m1'), reported('m2'), confirmed('m2'), confirmed('m1')])
        .when(completeCommand)
        .then([{ type: 'EngagementCompleted', data: { ...ids, at } }]);
    });

    it('refuses without any milestone', () => {
      spec.given(history.active).when(completeCommand).thenThrows(IllegalStateError, 'engagement.no_milestones');
    });

    it('refuses while a milestone is not confirmed', () => {
      spec
        .given([...history.active, planned('m1'), planned('m2'), reported('m1'), confirmed('m1'), reported('m2'), disputed('m2')])
        .when(completeCommand)
        .thenThrows(IllegalStateError, 'engagement.milestones_not_confirmed');
    });

    it.each(['agreed', 'completed'] as const)('refuses an engagement that is %s', (status) => {
      spec.given(history[status]).when(completeCommand).thenThrows(IllegalStateError, 'engagement.not_active');
    });
  });

  describe('completion acknowledged or contested by the State', () => {
    const acknowledge: EngagementCommand = { type: 'AcknowledgeCompletion', engagementId, at };
    const contest: EngagementCommand = { type: 'ContestCompletion', engagementId, at, reason: 'The final report was not delivered' };
    const acknowledged: EngagementEvent = { type: 'CompletionAcknowledged', data: { ...ids, at } };
    const contested: EngagementEvent = { type: 'CompletionContested', data: { ...ids, at, reason: 'The final report was not delivered' } };

    it('acknowledges a completed engagement: it is then acknowledged', () => {
      spec.given(history.completed).when(acknowledge).thenState((events, state) => {
        expect(events).toEqual([acknowledged]);
        expect(state.status).toBe('acknowledged');
      });
    });

    it('contests a completed engagement with a reason: it is active again', () => {
      spec.given(history.completed).when(contest).thenState((events, state) => {
        expect(events).toEqual([contested]);
        expect(state.status).toBe('active');
      });
    });

    it('lets the provider plan more, complete again, and the State acknowledge that completion', () => {
      const again = [...history.completed, contested, planned('m2'), reported('m2'), confirmed('m2')];
      spec.given(again).when({ type: 'CompleteEngagement', engagementId, at }).then([{ type: 'EngagementCompleted', data: { ...ids, at } }]);
      spec.given([...again, { type: 'EngagementCompleted', data: { ...ids, at } }]).when(acknowledge).then([acknowledged]);
    });

    it('requires a reason to contest', () => {
      spec.given(history.completed).when({ ...contest, reason: ' ' } as EngagementCommand).thenThrows(ValidationError, 'input.reason_required');
    });

    it.each(['active', 'agreed', 'cancelled'] as const)('refuses to acknowledge or contest an engagement that is %s', (status) => {
      spec.given(history[status]).when(acknowledge).thenThrows(IllegalStateError, 'engagement.not_completed');
      spec.given(history[status]).when(contest).thenThrows(IllegalStateError, 'engagement.not_completed');
    });

    it('refuses a second acknowledgement, and a contest after it', () => {
      spec.given([...history.completed, acknowledged]).when(acknowledge).thenThrows(IllegalStateError, 'engagement.not_completed');
      spec.given([...history.completed, acknowledged]).when(contest).thenThrows(IllegalStateError, 'engagement.not_completed');
    });

    it('cannot cancel an acknowledged engagement', () => {
      spec.given([...history.completed, acknowledged]).when({ type: 'CancelEngagement', engagementId, at, reason: 'late' }).thenThrows(IllegalStateError, 'engagement.not_cancellable');
    });
  });

  describe('overdueMilestones', () => {
    const state = fold(engagementDecider, [
      ...history.active,
      planned('m1', '2025-04-30'),
      planned('m2', '2025-05-31'),
      planned('m3', '2025-04-01'),
      reported('m1'),
      reported('m3'),
      confirmed('m3'),
    ]);

    it('lists the unconfirmed milestones whose due date has passed, with days overdue', () => {
      expect(overdueMilestones(state, '2025-05-10T12:00:00Z')).toEqual([{ milestoneId: 'm1', dueDate: '2025-04-30', status: 'reported', daysOverdue: 10 }]);
    });

    it('is not overdue on its due date', () => {
      expect(overdueMilestones(state, '2025-04-30T23:59:59Z')).toEqual([]);
    });

    it('has nothing overdue on an engagement that is not active', () => {
      expect(overdueMilestones(fold(engagementDecider, history.completed), '2030-01-01T00:00:00Z')).toEqual([]);
    });
  });
});
