import { IllegalStateError, ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import { engagementDecider } from '../engagement/engagement.decider';
import type { EngagementEvent } from '../engagement/engagement.events';
import { offerDecider } from '../offer/offer.decider';
import type { OfferEvent } from '../offer/offer.events';
import { requestDecider } from '../request/request.decider';
import type { RequestEvent } from '../request/request.events';
import { engagementTextsWritten } from '../engagement/engagement.texts';
import { requestTextsWritten } from '../request/request.texts';

const requestId = 'req-1';
const at = '2025-03-01T09:00:00Z';
const later = '2025-03-05T09:00:00Z';

const submitted: RequestEvent = {
  type: 'RequestSubmitted',
  data: {
    requestId,
    at,
    country: 'KE',
    title: { en: 'Asset declaration system', fr: 'Système de déclaration de patrimoine' },
    description: { en: 'Design an electronic asset declaration system.' },
    suggestedArticles: ['art-8'],
    suggestedTaTypes: [],
    beneficiaryInstitution: 'Ethics and Anti-Corruption Commission',
    preferredLanguages: ['en'],
    desiredWindow: null,
    sources: [],
    statePriority: null,
    restricted: false,
    contactPerson: null,
  },
};
const question = (en: string): RequestEvent => ({ type: 'RequestReturnedForClarification', data: { requestId, at, question: { en } } });
const answer = (fr: string): RequestEvent => ({ type: 'RequestClarificationProvided', data: { requestId, at, answer: { fr } } });

describe('the texts of a request, named by path', () => {
  it('numbers clarification rounds: each answer goes with the question before it', () => {
    const events = [submitted, question('Which institution?'), answer('La Commission.'), question('Which year?'), answer('2026.')];
    const paths: string[] = [];
    const seen: Record<string, true> = {};
    for (const e of events)
      for (const w of requestTextsWritten(e, seen)) {
        paths.push(w.path);
        seen[w.path] = true;
      }
    expect(paths).toEqual([
      'title',
      'description',
      'beneficiaryInstitution',
      'clarifications/1/question',
      'clarifications/1/answer',
      'clarifications/2/question',
      'clarifications/2/answer',
    ]);
  });

  it("numbers the reasons the State gives for restricting or opening its request", () => {
    const changed = (restricted: boolean, reason: string): RequestEvent => ({ type: 'RequestAccessChanged', data: { requestId, at, restricted, reason } });
    const seen: Record<string, true> = {};
    const paths = [submitted, changed(true, 'A witness is named'), changed(false, 'The witness agreed')].flatMap((e) =>
      requestTextsWritten(e, seen).map((w) => {
        seen[w.path] = true;
        return `${w.path} by ${w.author}`;
      }),
    );
    expect(paths.slice(3)).toEqual(['accessChanges/1/reason by state', 'accessChanges/2/reason by state']);
  });
});

describe('TranslateRequestText', () => {
  const spec = deciderSpec(requestDecider);
  const translate = (text: string, language: string, translation: string) => ({ type: 'TranslateRequestText' as const, requestId, at: later, text, language, translation });

  it('records a translation of a text into another UN language, trimmed', () => {
    spec
      .given([submitted])
      .when(translate('description', 'ar', '  تصميم نظام إلكتروني  '))
      .then([{ type: 'RequestTextTranslated', data: { requestId, at: later, text: 'description', language: 'ar', translation: 'تصميم نظام إلكتروني' } }]);
  });

  it('translates a plain text (the institution) and a numbered clarification answer', () => {
    spec.given([submitted]).when(translate('beneficiaryInstitution', 'fr', "Commission d'éthique")).thenState((events) => expect(events).toHaveLength(1));
    spec
      .given([submitted, question('Which institution?'), answer('La Commission.')])
      .when(translate('clarifications/1/answer', 'en', 'The Commission.'))
      .then([{ type: 'RequestTextTranslated', data: { requestId, at: later, text: 'clarifications/1/answer', language: 'en', translation: 'The Commission.' } }]);
  });

  it('refuses a language the author wrote the text in: the original is kept', () => {
    spec.given([submitted]).when(translate('title', 'fr', 'Autre titre')).thenThrows(IllegalStateError, 'text.original_language');
  });

  it('refuses a text the case does not have, a language outside the six, an empty translation', () => {
    spec.given([submitted]).when(translate('declineReason', 'fr', 'Hors sujet')).thenThrows(ValidationError, 'text.unknown');
    spec.given([submitted]).when(translate('clarifications/1/question', 'fr', 'Quelle institution ?')).thenThrows(ValidationError, 'text.unknown');
    spec.given([submitted]).when(translate('constructor', 'fr', 'x')).thenThrows(ValidationError, 'text.unknown');
    spec.given([submitted]).when(translate('description', 'de', 'Ein System')).thenThrows(ValidationError, 'text.invalid');
    spec.given([submitted]).when(translate('description', 'fr', '   ')).thenThrows(ValidationError, 'text.invalid');
  });

  it('translates the texts of an ended case too', () => {
    const withdrawn: RequestEvent = { type: 'RequestWithdrawn', data: { requestId, at, reason: 'Covered by the national budget' } };
    spec.given([submitted, withdrawn]).when(translate('withdrawalReason', 'es', 'Cubierto por el presupuesto nacional')).thenState((_events, state) => {
      expect(state.status).toBe('withdrawn');
      expect(state.status !== 'empty' && state.texts['withdrawalReason']).toEqual({ author: 'state', languages: [] });
    });
  });
});

describe('TranslateOfferText', () => {
  const spec = deciderSpec(offerDecider);
  const registered: OfferEvent = {
    type: 'OfferRegistered',
    data: {
      offerId: 'off-1',
      at,
      providerId: 'donor-giz',
      providerKind: 'bilateral',
      taTypes: ['c2-capacity-building'],
      articles: ['art-9'],
      eligibleCountries: ['KE'],
      eligibleRegions: [],
      languages: ['en'],
      modality: 'remote',
      capacity: { kind: 'expert_days', days: 10 },
      availability: { from: '2025-01-01', to: '2025-12-31' },
      title: { en: 'Procurement training' },
      description: { en: 'Training for procurement officers.' },
    },
  };
  it('records a translation of the offer description; refuses one of its original language', () => {
    spec
      .given([registered])
      .when({ type: 'TranslateOfferText', offerId: 'off-1', at: later, text: 'description', language: 'ru', translation: 'Обучение' })
      .then([{ type: 'OfferTextTranslated', data: { offerId: 'off-1', at: later, text: 'description', language: 'ru', translation: 'Обучение' } }]);
    spec.given([registered]).when({ type: 'TranslateOfferText', offerId: 'off-1', at: later, text: 'title', language: 'en', translation: 'x' }).thenThrows(IllegalStateError, 'text.original_language');
  });
});

describe('the texts of an engagement and its milestones', () => {
  const ref = { engagementId: 'eng-1', requestId, offerId: 'off-1', at };
  const proposed: EngagementEvent = {
    type: 'EngagementProposed',
    data: { ...ref, providerId: 'donor-giz', country: 'KE', amount: 5, unit: { kind: 'expert_days' }, score: 0.8, reasons: ['Same article', 'Same language'] },
  };
  const planned: EngagementEvent = { type: 'MilestonePlanned', data: { ...ref, milestoneId: 'ms-1', title: { en: 'Workshop' }, dueDate: '2025-06-01' } };
  const disputed: EngagementEvent = { type: 'MilestoneDisputed', data: { ...ref, milestoneId: 'ms-1', reason: 'Not held' } };
  const cancelledByPlatform: EngagementEvent = { type: 'EngagementCancelled', data: { ...ref, reason: 'request_withdrawn', previousStatus: 'proposed' } };
  const contested: EngagementEvent = { type: 'CompletionContested', data: { ...ref, reason: 'The final report is missing' } };

  it('names match reasons, milestone titles and numbered disputes; platform codes are no text', () => {
    const seen: Record<string, true> = {};
    const paths = [proposed, planned, disputed, disputed, cancelledByPlatform, contested].flatMap((e) =>
      engagementTextsWritten(e, seen).map((w) => {
        seen[w.path] = true;
        return `${w.path} by ${w.author}`;
      }),
    );
    expect(paths).toEqual([
      'reasons/0 by secretariat',
      'reasons/1 by secretariat',
      'milestones/ms-1/title by provider',
      'milestones/ms-1/disputes/1/reason by state',
      'milestones/ms-1/disputes/2/reason by state',
      'contests/1/reason by state',
    ]);
  });

  it('records a translation of a milestone title', () => {
    deciderSpec(engagementDecider)
      .given([proposed, planned])
      .when({ type: 'TranslateEngagementText', engagementId: 'eng-1', at: later, text: 'milestones/ms-1/title', language: 'zh', translation: '研讨会' })
      .then([{ type: 'EngagementTextTranslated', data: { ...ref, at: later, text: 'milestones/ms-1/title', language: 'zh', translation: '研讨会' } }]);
  });
});
