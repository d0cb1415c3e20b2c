import type { DomainEvent } from '@ta/core';
import type { LanguageCode } from '@ta/codelists';
import type { Contributor, IsoTimestamp, PracticeContent, PracticeDocument } from './practice.commands';

interface Base {
  readonly practiceId: string;
  readonly at: IsoTimestamp;
}

export type PracticeSubmitted = DomainEvent<'PracticeSubmitted', Base & PracticeContent & { readonly contributor: Contributor }>;
export type PracticeTranslated = DomainEvent<'PracticeTranslated', Base & { readonly language: LanguageCode; readonly title: string; readonly summary: string }>;
export type PracticeReviewStarted = DomainEvent<'PracticeReviewStarted', Base>;
export type PracticePublished = DomainEvent<'PracticePublished', Base>;
export type PracticeWithdrawn = DomainEvent<'PracticeWithdrawn', Base & { readonly reason: string }>;
export type PracticeDocumentAttached = DomainEvent<'PracticeDocumentAttached', Base & { readonly document: PracticeDocument }>;

export type PracticeEvent = PracticeSubmitted | PracticeTranslated | PracticeReviewStarted | PracticePublished | PracticeWithdrawn | PracticeDocumentAttached;

/** Schema version of each practice event's `data`, stored with the event. */
export const practiceEventSchemaVersions = {
  PracticeSubmitted: 1,
  PracticeTranslated: 1,
  PracticeReviewStarted: 1,
  PracticePublished: 1,
  PracticeWithdrawn: 1,
  PracticeDocumentAttached: 1,
} as const satisfies Record<PracticeEvent['type'], number>;

/** A practice's stream: `practice-<id>`. */
export const PRACTICE_STREAM_PREFIX = 'practice-';
export function practiceStreamId(practiceId: string): string {
  return `${PRACTICE_STREAM_PREFIX}${practiceId}`;
}
