import { IllegalStateError, NotFoundError, ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import type { SubmitPractice } from './practice.commands';
import { practiceDecider } from './practice.decider';
import type { PracticeEvent } from './practice.events';

const spec = deciderSpec(practiceDecider);
const at = '2026-03-01T09:00:00Z';
const practiceId = '6f1c7a52-0d4e-4b7a-9a43-2f0c1d2e3f40';
const engagementId = '0b8e3c1a-5d2f-4e6a-8b7c-9d0e1f2a3b4c';

const submit: SubmitPractice = {
  type: 'SubmitPractice',
  practiceId,
  at,
  kind: 'good_practice',
  title: { fr: "Plateforme électronique de passation des marchés publics" },
  summary: { fr: 'Toutes les procédures publiées en ligne, avec les décisions motivées.' },
  articles: ['art-9'],
  themes: ['public-procurement'],
  countries: ['SN'],
  engagementIds: [],
  contributor: { organisation: null, country: 'SN' },
};
const { type: _s, ...submission } = submit;
const submitted: PracticeEvent = { type: 'PracticeSubmitted', data: submission };
const reviewing: PracticeEvent = { type: 'PracticeReviewStarted', data: { practiceId, at } };
const published: PracticeEvent = { type: 'PracticePublished', data: { practiceId, at } };
const withdrawn: PracticeEvent = { type: 'PracticeWithdrawn', data: { practiceId, at, reason: 'Superseded' } };
const document = { sha256: 'a'.repeat(64), fileName: 'guide.pdf', mediaType: 'application/pdf', size: 1024, language: 'fr' as const };

describe('a practice: submitted, reviewed and published by the Secretariat, or withdrawn', () => {
  it('is submitted with its kind, texts, articles, themes, countries and contributor', () => spec.given([]).when(submit).then([submitted]));

  it('is taken under review and published; publishing again changes nothing', () => {
    spec.given([submitted]).when({ type: 'StartPracticeReview', practiceId, at }).then([reviewing]);
    spec.given([submitted, reviewing]).when({ type: 'PublishPractice', practiceId, at }).then([published]);
    spec.given([submitted]).when({ type: 'PublishPractice', practiceId, at }).then([published]);
    spec.given([submitted, published]).when({ type: 'PublishPractice', practiceId, at }).then([]);
    spec.given([submitted, published]).when({ type: 'StartPracticeReview', practiceId, at }).thenThrows(IllegalStateError, 'practice.not_submitted');
  });

  it('is withdrawn with a reason, and nothing is done to it after', () => {
    spec.given([submitted, published]).when({ type: 'WithdrawPractice', practiceId, at, reason: ' Superseded ' }).then([withdrawn]);
    spec.given([submitted]).when({ type: 'WithdrawPractice', practiceId, at, reason: '' }).thenThrows(ValidationError, 'input.reason_required');
    spec.given([submitted, withdrawn]).when({ type: 'PublishPractice', practiceId, at }).thenThrows(IllegalStateError, 'practice.withdrawn');
    spec.given([submitted, withdrawn]).when({ type: 'TranslatePractice', practiceId, at, language: 'en', title: 'x', summary: 'y' }).thenThrows(IllegalStateError, 'practice.withdrawn');
  });

  it('gets a translation in another language, which a later one replaces; the original language is not translated', () => {
    const translation = { type: 'TranslatePractice' as const, practiceId, at, language: 'en' as const, title: 'Electronic public procurement platform', summary: 'Every procedure published online, with reasoned decisions.' };
    const translated: PracticeEvent = { type: 'PracticeTranslated', data: { practiceId, at, language: 'en', title: translation.title, summary: translation.summary } };
    spec.given([submitted]).when(translation).then([translated]);
    spec.given([submitted, translated]).when(translation).then([]);
    spec.given([submitted]).when({ ...translation, language: 'fr' }).thenThrows(IllegalStateError, 'practice.original_language');
    spec.given([submitted]).when({ ...translation, language: 'de' as never }).thenThrows(ValidationError, 'input.invalid');
    spec.given([submitted, translated]).when({ type: 'PublishPractice', practiceId, at }).thenState((_, after) => {
      expect(after.status === 'published' && after.title).toEqual({ fr: submit.title.fr, en: translation.title });
    });
  });

  it('reports every invalid field at once', () => {
    let thrown: ValidationError | undefined;
    try {
      practiceDecider.decide({ ...submit, kind: 'novel' as never, title: {}, articles: ['art-99'], themes: ['gardening'], countries: ['XX'] }, practiceDecider.initialState());
    } catch (e) {
      thrown = e as ValidationError;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown!.details.map((d) => d.path).sort()).toEqual(['/articles/0', '/countries/0', '/kind', '/themes/0', '/title']);
  });

  it('needs the summary in the language of the title, and a lesson learned names its engagement', () => {
    spec.given([]).when({ ...submit, summary: { en: 'Another language' } }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...submit, kind: 'lesson_learned' }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...submit, kind: 'lesson_learned', engagementIds: [engagementId] }).thenState((events) => expect(events).toHaveLength(1));
  });

  it('gets documents, each once by its content', () => {
    const attached: PracticeEvent = { type: 'PracticeDocumentAttached', data: { practiceId, at, document } };
    spec.given([submitted]).when({ type: 'AttachPracticeDocument', practiceId, at, document }).then([attached]);
    spec.given([submitted, attached]).when({ type: 'AttachPracticeDocument', practiceId, at, document: { ...document, fileName: 'copy.pdf' } }).then([]);
    spec.given([submitted]).when({ type: 'AttachPracticeDocument', practiceId, at, document: { ...document, fileName: '../etc/passwd' } }).thenThrows(ValidationError, 'input.invalid');
  });

  it('cannot be submitted twice, nor acted on before it exists', () => {
    spec.given([submitted]).when(submit).thenThrows(IllegalStateError, 'practice.exists');
    spec.given([]).when({ type: 'PublishPractice', practiceId, at }).thenThrows(NotFoundError, 'practice.not_found');
  });
});
