import { IllegalStateError, NotFoundError, ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import type { RequestCommand, SubmitRequest } from './request.commands';
import type { NeedSourceInput } from './request.sources';
import { decideRequest, requestDecider } from './request.decider';
import type { RequestEvent } from './request.events';
import { initialRequestState } from './request.state';

const spec = deciderSpec(requestDecider);
const requestId = 'req-1';
const at = '2025-03-01T09:00:00Z';
const later = '2025-03-02T10:00:00Z';

const submit: SubmitRequest = {
  type: 'SubmitRequest',
  requestId,
  at,
  country: 'KE',
  title: { en: 'Asset declaration system', fr: 'Système de déclaration de patrimoine' },
  description: { en: 'Design an electronic asset declaration system for public officials.' },
  suggestedArticles: ['art-8'],
  suggestedTaTypes: ['c2-institution-building'],
  beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
  preferredLanguages: ['en'],
  restricted: false,
  statePriority: 'high',
};

/** A first-cycle self-assessment need for article 9 (procurement), then a second-cycle review finding on it. */
const firstCycleSelfAssessment: NeedSourceInput = {
  kind: 'self-assessment',
  round: '2010-2011',
  cycle: 1,
  article: 'art-9',
  paragraph: '1 (b)',
  need: 'Criteria for participation in procurement to be set in advance.',
};
const secondCycleReview: NeedSourceInput = {
  kind: 'review-report',
  cycle: 2,
  chapter: 'ch-2',
  reportSymbol: 'CAC/COSP/IRG/II/1/1/Add.1',
  article: 'art-9',
  paragraph: '1 (a)',
  need: 'Publish procurement decisions.',
};

const submitted: RequestEvent = {
  type: 'RequestSubmitted',
  data: {
    requestId,
    at,
    country: 'KE',
    title: { en: 'Asset declaration system', fr: 'Système de déclaration de patrimoine' },
    description: { en: 'Design an electronic asset declaration system for public officials.' },
    suggestedArticles: ['art-8'],
    suggestedTaTypes: ['c2-institution-building'],
    beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
    preferredLanguages: ['en'],
    desiredWindow: null,
    sources: [],
    restricted: false,
    statePriority: 'high',
    contactPerson: null,
  },
};
const triaged: RequestEvent = {
  type: 'RequestTriaged',
  data: { requestId, at, articles: ['art-8', 'art-6'], taTypes: ['c2-institution-building'], priority: 'high' },
};
const returned: RequestEvent = { type: 'RequestReturnedForClarification', data: { requestId, at, question: { en: 'Which institution?' } } };
const matched = (engagementId = 'eng-1'): RequestEvent => ({ type: 'RequestMatched', data: { requestId, at, engagementId } });
const deliveryStarted: RequestEvent = { type: 'RequestDeliveryStarted', data: { requestId, at, engagementId: 'eng-1' } };
const delivered: RequestEvent = { type: 'RequestDelivered', data: { requestId, at, engagementId: 'eng-1' } };
const followUp: RequestEvent = { type: 'RequestFollowUpRecorded', data: { requestId, at, needMet: 'met', comment: { en: 'Declarations online.' } } };
const withdrawn: RequestEvent = { type: 'RequestWithdrawn', data: { requestId, at, reason: 'Covered by national budget' } };
const declined: RequestEvent = { type: 'RequestDeclined', data: { requestId, at, reason: 'Out of scope' } };

const history = {
  submitted: [submitted],
  returned_for_clarification: [submitted, returned],
  open_for_offers: [submitted, triaged],
  matched: [submitted, triaged, matched()],
  in_delivery: [submitted, triaged, matched(), deliveryStarted],
  delivered: [submitted, triaged, matched(), deliveryStarted, delivered],
  follow_up_recorded: [submitted, triaged, matched(), deliveryStarted, delivered, followUp],
  closed: [submitted, triaged, matched(), deliveryStarted, delivered, followUp, { type: 'RequestClosed', data: { requestId, at } }],
  withdrawn: [submitted, withdrawn],
  declined: [submitted, triaged, declined],
} satisfies Record<string, RequestEvent[]>;

describe('request decider', () => {
  describe('SubmitRequest', () => {
    it('submits a new request', () => {
      spec.given([]).when(submit).then([submitted]);
    });

    it('records the optional window, finding, contact person; trims texts and drops duplicate codes', () => {
      spec
        .given([])
        .when({
          ...submit,
          title: { en: '  Asset declaration system ' },
          suggestedArticles: ['art-8', 'art-8', 'art-7'],
          preferredLanguages: ['fr', 'en', 'fr'],
          desiredWindow: { from: '2025-06-01', to: '2025-12-31' },
          sources: [firstCycleSelfAssessment, { ...secondCycleReview, need: '  Publish procurement decisions. ' }],
          restricted: true,
          statePriority: 'low',
          contactPerson: { name: 'A. Focal', email: 'focal@example.org' },
        })
        .then([
          {
            type: 'RequestSubmitted',
            data: {
              ...submitted.data,
              title: { en: 'Asset declaration system' },
              suggestedArticles: ['art-8', 'art-7'],
              preferredLanguages: ['fr', 'en'],
              desiredWindow: { from: '2025-06-01', to: '2025-12-31' },
              sources: [firstCycleSelfAssessment, secondCycleReview],
              restricted: true,
              statePriority: 'low',
              contactPerson: { name: 'A. Focal', email: 'focal@example.org' },
            },
          } as RequestEvent,
        ]);
    });

    it('refuses a second submission of the same request', () => {
      spec.given([submitted]).when(submit).thenThrows(IllegalStateError, 'request.already_submitted');
    });

    it.each<[string, Partial<SubmitRequest>, string]>([
      ['a blank request id', { requestId: ' ' }, 'input.invalid'],
      ['a timestamp that is not UTC ISO 8601', { at: '2025-03-01 09:00' }, 'input.invalid'],
      ['an impossible date', { at: '2025-02-30T09:00:00Z' }, 'input.invalid'],
      ['an unknown country', { country: 'XX' }, 'codelist.unknown_code'],
      ['an empty title', { title: {} }, 'text.invalid'],
      ['a description in a non-UN language', { description: { de: 'Beschreibung' } as never }, 'text.invalid'],
      ['an unknown article', { suggestedArticles: ['art-72'] }, 'codelist.unknown_code'],
      ['an unknown TA type', { suggestedTaTypes: ['consulting'] }, 'codelist.unknown_code'],
      ['no preferred language', { preferredLanguages: [] }, 'input.invalid'],
      ['an unknown language', { preferredLanguages: ['pt'] }, 'codelist.unknown_code'],
      ['a blank beneficiary institution', { beneficiaryInstitution: '' }, 'input.invalid'],
      ['a window ending before it starts', { desiredWindow: { from: '2025-12-31', to: '2025-06-01' } }, 'input.window_invalid'],
      ['a window with a bad date', { desiredWindow: { from: '2025-13-01', to: '2025-12-31' } }, 'input.invalid'],
      ['no choice of restriction (there is no default)', { restricted: undefined as never }, 'input.invalid'],
      ['a restricted flag that is not a boolean', { restricted: 'no' as never }, 'input.invalid'],
      ['no State priority', { statePriority: undefined as never }, 'codelist.unknown_code'],
      ['an unknown State priority', { statePriority: 'urgent' }, 'codelist.unknown_code'],
      ['sources that are not a list', { sources: 'review' as never }, 'input.invalid'],
      ['a source of an unknown kind', { sources: [{ ...secondCycleReview, kind: 'press' as never }] }, 'input.invalid'],
      ['an unstructured citation (only old events have them)', { sources: [{ kind: 'cited-finding', cycle: 1, reference: 'para 3' } as never] }, 'input.invalid'],
      ['a review of an unknown cycle', { sources: [{ ...secondCycleReview, cycle: 3 as never }] }, 'input.invalid'],
      ['a chapter the cycle did not review (chapter II in the first cycle)', { sources: [{ ...secondCycleReview, cycle: 1 }] }, 'request.source_chapter_not_in_cycle'],
      ['an article outside the chapter', { sources: [{ ...secondCycleReview, article: 'art-20' }] }, 'request.source_article_not_in_chapter'],
      ['an unknown chapter', { sources: [{ ...secondCycleReview, chapter: 'ch-9' }] }, 'codelist.unknown_code'],
      ['an unknown article', { sources: [{ ...firstCycleSelfAssessment, article: 'art-99' }] }, 'codelist.unknown_code'],
      ['a review without report symbol', { sources: [{ ...secondCycleReview, reportSymbol: ' ' }] }, 'input.invalid'],
      ['a source without the need it identified', { sources: [{ ...firstCycleSelfAssessment, need: '' }] }, 'input.invalid'],
      ['a self-assessment round before the first (2008-2009)', { sources: [{ ...firstCycleSelfAssessment, round: '2006' }] }, 'input.invalid'],
      ['a self-assessment round after the submission', { sources: [{ ...firstCycleSelfAssessment, round: '2026' }] }, 'input.invalid'],
      ['a self-assessment round that is no year', { sources: [{ ...firstCycleSelfAssessment, round: 'first' }] }, 'input.invalid'],
      ['a self-assessment round ending before it starts', { sources: [{ ...firstCycleSelfAssessment, round: '2010-2009' }] }, 'input.invalid'],
      ['more than 20 sources', { sources: Array.from({ length: 21 }, () => firstCycleSelfAssessment) }, 'input.invalid'],
      ['a contact person without a valid email', { contactPerson: { name: 'A. Focal', email: 'focal' } }, 'input.invalid'],
    ])('rejects %s', (_, change, code) => {
      spec.given([]).when({ ...submit, ...change }).thenThrows(ValidationError, code);
    });

    describe('who may request: a party to the Convention or a signatory', () => {
      const refusal = (country: string) => {
        try {
          decideRequest({ ...submit, country }, initialRequestState());
        } catch (e) {
          return e as ValidationError;
        }
        throw new Error(`${country} was allowed to request`);
      };

      it.each([
        ['AF', 'a party by ratification (UNTC)'],
        ['BS', 'a party by accession (UNTC)'],
        ['KE', 'a party (secondary sources)'],
        ['UG', 'a State whose status the list does not know yet (provisionally)'],
      ])('accepts %s, %s', (country) => {
        spec.given([]).when({ ...submit, country }).then([{ type: 'RequestSubmitted', data: { ...submitted.data, country } } as RequestEvent]);
      });

      it.each([
        ['AQ', 'Antarctica: not a State'],
        ['BV', 'Bouvet Island: a territory, not a State'],
        ['AD', 'Andorra: neither party nor signatory as at the list date'],
      ])('refuses %s (%s) with codelist.unknown_code naming the reason', (country) => {
        spec.given([]).when({ ...submit, country }).thenThrows(ValidationError, 'codelist.unknown_code');
        const error = refusal(country);
        expect(error.details).toEqual([{ path: '/country', message: expect.stringMatching(new RegExp(`^"${country}" .* not a (State )?party to or signatory of the UN Convention against Corruption`)) }]);
      });

      it('refuses the European Union: a party as an organisation, while requests come from States', () => {
        const error = refusal('EU');
        expect(error.code).toBe('codelist.unknown_code');
        expect(error.details).toEqual([{ path: '/country', message: '"EU" (European Union) is a party as a regional economic integration organisation; requests come from States' }]);
      });

      it('still reports a code that is in no list as unknown', () => {
        expect(refusal('XX').details).toEqual([{ path: '/country', message: '"XX" is not a known countries code' }]);
      });
    });
  });

  it.each<RequestCommand>([
    { type: 'TriageRequest', requestId, at, articles: ['art-5'], taTypes: ['c1-legal-advice'], priority: 'low' },
    { type: 'ReturnForClarification', requestId, at, question: { en: '?' } },
    { type: 'ProvideClarification', requestId, at, answer: { en: '!' } },
    { type: 'DeclineRequest', requestId, at, reason: 'r' },
    { type: 'WithdrawRequest', requestId, at, reason: 'r' },
    { type: 'MarkMatched', requestId, at, engagementId: 'eng-1' },
    { type: 'StartDelivery', requestId, at, engagementId: 'eng-1' },
    { type: 'MarkDelivered', requestId, at, engagementId: 'eng-1' },
    { type: 'RecordFollowUp', requestId, at, needMet: 'met', comment: { en: 'ok' } },
    { type: 'CloseRequest', requestId, at },
  ])('$type on a request never submitted is request.not_found', (command) => {
    spec.given([]).when(command).thenThrows(NotFoundError, 'request.not_found');
  });

  describe('AmendRequest', () => {
    const amend: RequestCommand = {
      type: 'AmendRequest',
      requestId,
      at: later,
      title: { en: 'Asset declarations online' },
      suggestedArticles: ['art-8', 'art-9', 'art-8'],
      desiredWindow: null,
      liveEngagementIds: [],
    };
    const amended: RequestEvent = {
      type: 'RequestAmended',
      data: { requestId, at: later, title: { en: 'Asset declarations online' }, suggestedArticles: ['art-8', 'art-9'], desiredWindow: null },
    };

    it.each(['submitted', 'returned_for_clarification', 'open_for_offers'] as const)('lets the State amend a request that is %s: the event carries only the fields given', (status) => {
      spec.given(history[status]).when(amend).then([amended]);
    });

    it('takes the amended suggestion as the classification until triage', () => {
      spec.given(history.submitted).when(amend).thenState((_, state) => expect(state).toMatchObject({ status: 'submitted', articles: ['art-8', 'art-9'] }));
    });

    it("keeps the Secretariat's classification once triaged", () => {
      spec.given(history.open_for_offers).when(amend).thenState((_, state) => expect(state).toMatchObject({ status: 'open_for_offers', articles: ['art-8', 'art-6'] }));
    });

    it('writes an amended text anew (its translations were of the old words)', () => {
      spec.given(history.submitted).when({ ...amend, title: { fr: 'Déclarations en ligne' } } as RequestCommand).thenState((_, state) => {
        expect(state.status !== 'empty' && state.texts.title).toEqual({ author: 'state', languages: ['fr'] });
      });
    });

    it('refuses while an engagement is proposed or agreed on a request open for offers', () => {
      spec.given(history.open_for_offers).when({ ...amend, liveEngagementIds: ['eng-1'] } as RequestCommand).thenThrows(IllegalStateError, 'request.engaged');
    });

    it.each(['matched', 'in_delivery', 'delivered', 'closed', 'withdrawn', 'declined'] as const)('refuses a request that is %s', (status) => {
      spec.given(history[status]).when(amend).thenThrows(IllegalStateError, 'request.not_amendable');
    });

    it('refuses an amendment that changes nothing', () => {
      spec.given(history.submitted).when({ type: 'AmendRequest', requestId, at: later, liveEngagementIds: [] }).thenThrows(ValidationError, 'request.nothing_to_amend');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['an empty title', { title: {} }, 'text.invalid'],
      ['an unknown article', { suggestedArticles: ['art-99'] }, 'codelist.unknown_code'],
      ['no language', { preferredLanguages: [] }, 'input.invalid'],
      ['an unknown priority', { statePriority: 'urgent' }, 'codelist.unknown_code'],
      ['a blank institution', { beneficiaryInstitution: ' ' }, 'input.invalid'],
      ['a window ending before it starts', { desiredWindow: { from: '2025-09-01', to: '2025-06-01' } }, 'input.window_invalid'],
      ['a source without its need', { sources: [{ ...firstCycleSelfAssessment, need: '' }] }, 'input.invalid'],
    ])('checks each field as on submission: rejects %s', (_, change, code) => {
      spec.given(history.submitted).when({ ...amend, ...change } as RequestCommand).thenThrows(ValidationError, code);
    });

    it('amends the sources, checked and kept as cited', () => {
      spec
        .given(history.submitted)
        .when({ type: 'AmendRequest', requestId, at: later, sources: [firstCycleSelfAssessment, secondCycleReview], liveEngagementIds: [] })
        .then([{ type: 'RequestAmended', data: { requestId, at: later, sources: [firstCycleSelfAssessment, secondCycleReview] } }]);
    });
  });

  describe('TriageRequest', () => {
    const triage: RequestCommand = { type: 'TriageRequest', requestId, at, articles: ['art-8', 'art-6', 'art-8'], taTypes: ['c2-institution-building'], priority: 'high' };

    it('classifies a submitted request and opens it for offers', () => {
      spec.given(history.submitted).when(triage).thenState((events, state) => {
        expect(events).toEqual([triaged]);
        expect(state).toMatchObject({ status: 'open_for_offers', articles: ['art-8', 'art-6'], priority: 'high' });
      });
    });

    it.each(['returned_for_clarification', 'open_for_offers', 'withdrawn'] as const)('refuses a request that is %s', (status) => {
      spec.given(history[status]).when(triage).thenThrows(IllegalStateError, 'request.not_awaiting_triage');
    });

    it.each<[string, Partial<typeof triage>, string]>([
      ['no article', { articles: [] }, 'input.invalid'],
      ['an unknown TA type', { taTypes: ['c3-other'] }, 'codelist.unknown_code'],
      ['an unknown priority', { priority: 'urgent' }, 'codelist.unknown_code'],
    ])('rejects %s', (_, change, code) => {
      spec.given(history.submitted).when({ ...triage, ...change } as RequestCommand).thenThrows(ValidationError, code);
    });
  });

  describe('ReturnForClarification and ProvideClarification', () => {
    it('returns a submitted request with a question', () => {
      spec.given(history.submitted).when({ type: 'ReturnForClarification', requestId, at, question: { en: 'Which institution?' } }).then([returned]);
    });

    it('refuses to return a request that is not awaiting triage', () => {
      spec
        .given(history.open_for_offers)
        .when({ type: 'ReturnForClarification', requestId, at, question: { en: 'Which institution?' } })
        .thenThrows(IllegalStateError, 'request.not_awaiting_triage');
    });

    it('rejects an empty question', () => {
      spec.given(history.submitted).when({ type: 'ReturnForClarification', requestId, at, question: { en: ' ' } }).thenThrows(ValidationError, 'text.invalid');
    });

    it('takes the answer and sends the request back to triage', () => {
      spec
        .given(history.returned_for_clarification)
        .when({ type: 'ProvideClarification', requestId, at: later, answer: { fr: ' La Commission. ' } })
        .thenState((events, state) => {
          expect(events).toEqual([{ type: 'RequestClarificationProvided', data: { requestId, at: later, answer: { fr: 'La Commission.' } } }]);
          expect(state.status).toBe('submitted');
        });
    });

    it('refuses an answer when no question was asked', () => {
      spec
        .given(history.submitted)
        .when({ type: 'ProvideClarification', requestId, at, answer: { en: 'Anyway' } })
        .thenThrows(IllegalStateError, 'request.not_returned_for_clarification');
    });

    it('rejects an answer in no language', () => {
      spec.given(history.returned_for_clarification).when({ type: 'ProvideClarification', requestId, at, answer: {} }).thenThrows(ValidationError, 'text.invalid');
    });
  });

  describe.each([
    ['DeclineRequest', 'RequestDeclined', 'request.not_declinable'],
    ['WithdrawRequest', 'RequestWithdrawn', 'request.not_withdrawable'],
  ] as const)('%s', (type, eventType, code) => {
    it.each(['submitted', 'returned_for_clarification', 'open_for_offers', 'matched'] as const)('ends a request that is %s, with the reason', (status) => {
      spec
        .given(history[status])
        .when({ type, requestId, at: later, reason: '  No longer needed ' })
        .then([{ type: eventType, data: { requestId, at: later, reason: 'No longer needed' } }]);
    });

    it.each(['in_delivery', 'delivered', 'closed', 'withdrawn', 'declined'] as const)('refuses once the request is %s', (status) => {
      spec.given(history[status]).when({ type, requestId, at, reason: 'Too late' }).thenThrows(IllegalStateError, code);
    });

    it('requires a reason', () => {
      spec.given(history.submitted).when({ type, requestId, at, reason: '   ' }).thenThrows(ValidationError, 'input.reason_required');
    });
  });

  describe('MarkMatched', () => {
    it('matches a request open for offers', () => {
      spec.given(history.open_for_offers).when({ type: 'MarkMatched', requestId, at, engagementId: 'eng-1' }).thenState((events, state) => {
        expect(events).toEqual([matched('eng-1')]);
        expect(state).toMatchObject({ status: 'matched', engagementIds: ['eng-1'] });
      });
    });

    it('records a further engagement on a matched request, status unchanged', () => {
      spec.given(history.matched).when({ type: 'MarkMatched', requestId, at, engagementId: 'eng-2' }).thenState((events, state) => {
        expect(events).toEqual([matched('eng-2')]);
        expect(state).toMatchObject({ status: 'matched', engagementIds: ['eng-1', 'eng-2'] });
      });
    });

    it('is idempotent per engagement', () => {
      spec.given(history.matched).when({ type: 'MarkMatched', requestId, at, engagementId: 'eng-1' }).then([]);
    });

    it.each(['submitted', 'withdrawn', 'delivered'] as const)('refuses a request that is %s', (status) => {
      spec.given(history[status]).when({ type: 'MarkMatched', requestId, at, engagementId: 'eng-9' }).thenThrows(IllegalStateError, 'request.not_open_for_offers');
    });
  });

  describe('StartDelivery', () => {
    it('starts delivery of a matched request', () => {
      spec.given(history.matched).when({ type: 'StartDelivery', requestId, at, engagementId: 'eng-1' }).then([deliveryStarted]);
    });

    it('does nothing when delivery already started', () => {
      spec.given(history.in_delivery).when({ type: 'StartDelivery', requestId, at, engagementId: 'eng-1' }).then([]);
    });

    it('refuses a request that is not matched', () => {
      spec.given(history.open_for_offers).when({ type: 'StartDelivery', requestId, at, engagementId: 'eng-1' }).thenThrows(IllegalStateError, 'request.not_matched');
    });

    it('refuses an engagement that did not match the request', () => {
      spec.given(history.matched).when({ type: 'StartDelivery', requestId, at, engagementId: 'eng-9' }).thenThrows(IllegalStateError, 'request.engagement_not_matched');
    });
  });

  describe('MarkDelivered', () => {
    it('marks a request in delivery as delivered', () => {
      spec.given(history.in_delivery).when({ type: 'MarkDelivered', requestId, at, engagementId: 'eng-1' }).then([delivered]);
    });

    it('does nothing when already delivered', () => {
      spec.given(history.delivered).when({ type: 'MarkDelivered', requestId, at, engagementId: 'eng-1' }).then([]);
    });

    it('refuses a request not in delivery', () => {
      spec.given(history.matched).when({ type: 'MarkDelivered', requestId, at, engagementId: 'eng-1' }).thenThrows(IllegalStateError, 'request.not_in_delivery');
    });

    it('refuses an engagement that did not match the request', () => {
      spec.given(history.in_delivery).when({ type: 'MarkDelivered', requestId, at, engagementId: 'eng-9' }).thenThrows(IllegalStateError, 'request.engagement_not_matched');
    });
  });

  describe('RecordFollowUp', () => {
    const followUpCommand: RequestCommand = { type: 'RecordFollowUp', requestId, at, needMet: 'met', comment: { en: 'Declarations online.' } };

    it('records whether the need was met', () => {
      spec.given(history.delivered).when(followUpCommand).then([followUp]);
    });

    it.each(['in_delivery', 'follow_up_recorded'] as const)('refuses a request that is %s', (status) => {
      spec.given(history[status]).when(followUpCommand).thenThrows(IllegalStateError, 'request.not_delivered');
    });

    it('rejects an unknown answer to "was the need met?"', () => {
      spec.given(history.delivered).when({ ...followUpCommand, needMet: 'mostly' as never }).thenThrows(ValidationError, 'input.invalid');
    });

    it('rejects an empty comment', () => {
      spec.given(history.delivered).when({ ...followUpCommand, comment: { en: '' } }).thenThrows(ValidationError, 'text.invalid');
    });
  });

  describe('CloseRequest', () => {
    it('closes a request whose follow-up is recorded', () => {
      spec.given(history.follow_up_recorded).when({ type: 'CloseRequest', requestId, at }).then([{ type: 'RequestClosed', data: { requestId, at } }]);
    });

    it.each(['delivered', 'closed'] as const)('refuses a request that is %s', (status) => {
      spec.given(history[status]).when({ type: 'CloseRequest', requestId, at }).thenThrows(IllegalStateError, 'request.follow_up_not_recorded');
    });
  });

  describe('RestrictRequest and OpenRequest (consent to publication)', () => {
    const restrict: RequestCommand = { type: 'RestrictRequest', requestId, at: later, reason: ' The ministry asked for confidentiality. ' };
    const open: RequestCommand = { type: 'OpenRequest', requestId, at: later, reason: 'Cleared for publication' };
    const restrictedNow: RequestEvent = { type: 'RequestAccessChanged', data: { requestId, at: later, restricted: true, reason: 'The ministry asked for confidentiality.' } };

    it.each(['submitted', 'open_for_offers', 'matched', 'in_delivery', 'delivered', 'follow_up_recorded'] as const)('the State restricts an open request that is %s', (status) => {
      spec.given(history[status]).when(restrict).then([restrictedNow]);
    });

    it('the State opens a restricted request again', () => {
      spec
        .given([...history.open_for_offers, restrictedNow])
        .when(open)
        .then([{ type: 'RequestAccessChanged', data: { requestId, at: later, restricted: false, reason: 'Cleared for publication' } }]);
    });

    it('the request is restricted from the change on', () => {
      const state = requestDecider.evolve(requestDecider.evolve(initialRequestState(), submitted), restrictedNow);
      expect(state).toMatchObject({ restricted: true, status: 'submitted' });
    });

    it('refuses to restrict a restricted request, or to open an open one', () => {
      spec.given([...history.submitted, restrictedNow]).when(restrict).thenThrows(IllegalStateError, 'request.already_restricted');
      spec.given(history.submitted).when(open).thenThrows(IllegalStateError, 'request.already_open');
    });

    it.each(['closed', 'withdrawn', 'declined'] as const)('refuses a request that is %s', (status) => {
      spec.given(history[status]).when(restrict).thenThrows(IllegalStateError, 'request.ended');
    });

    it('requires a reason', () => {
      spec.given(history.submitted).when({ ...restrict, reason: ' ' }).thenThrows(ValidationError, 'input.reason_required');
    });

    it('refuses an unknown request', () => {
      spec.given([]).when(restrict).thenThrows(NotFoundError, 'request.not_found');
    });
  });
});
