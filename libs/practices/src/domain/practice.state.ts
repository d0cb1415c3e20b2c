import type { LocalizedText } from '@ta/codelists';
import { assertUnreachable } from '@ta/core';
import type { Contributor, PracticeDocument, PracticeKind, PracticeStatus } from './practice.commands';
import type { PracticeEvent } from './practice.events';

export interface Practice {
  readonly status: PracticeStatus;
  readonly practiceId: string;
  readonly kind: PracticeKind;
  readonly title: LocalizedText;
  readonly summary: LocalizedText;
  /** The languages it was submitted in (translations are the others). */
  readonly originalLanguages: readonly string[];
  readonly articles: readonly string[];
  readonly themes: readonly string[];
  readonly countries: readonly string[];
  readonly engagementIds: readonly string[];
  readonly contributor: Contributor;
  readonly documents: readonly PracticeDocument[];
  readonly submittedAt: string;
  readonly publishedAt: string | null;
  readonly withdrawnReason: string | null;
}

export type PracticeState = { readonly status: 'empty' } | Practice;

export const initialPracticeState = (): PracticeState => ({ status: 'empty' });

export function evolvePractice(state: PracticeState, event: PracticeEvent): PracticeState {
  if (event.type === 'PracticeSubmitted') {
    const d = event.data;
    return {
      status: 'submitted',
      practiceId: d.practiceId,
      kind: d.kind,
      title: d.title,
      summary: d.summary,
      originalLanguages: Object.keys(d.title),
      articles: d.articles,
      themes: d.themes,
      countries: d.countries,
      engagementIds: d.engagementIds,
      contributor: d.contributor,
      documents: [],
      submittedAt: d.at,
      publishedAt: null,
      withdrawnReason: null,
    };
  }
  if (state.status === 'empty') return state;
  switch (event.type) {
    case 'PracticeTranslated':
      return { ...state, title: { ...state.title, [event.data.language]: event.data.title }, summary: { ...state.summary, [event.data.language]: event.data.summary } };
    case 'PracticeReviewStarted':
      return { ...state, status: 'under_review' };
    case 'PracticePublished':
      return { ...state, status: 'published', publishedAt: event.data.at };
    case 'PracticeWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnReason: event.data.reason };
    case 'PracticeDocumentAttached':
      return { ...state, documents: [...state.documents, event.data.document] };
    default:
      return assertUnreachable(event, 'Unknown practice event');
  }
}
