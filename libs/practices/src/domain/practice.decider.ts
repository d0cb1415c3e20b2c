import { IllegalStateError, NotFoundError, ValidationError, assertUnreachable, type Decider, type ErrorDetail } from '@ta/core';
import { codelists, isLanguageCode, localizedTextProblems, unknownCodeDetails, type LocalizedText } from '@ta/codelists';
import { PRACTICE_KINDS, type AttachPracticeDocument, type PracticeCommand, type SubmitPractice, type TranslatePractice } from './practice.commands';
import type { PracticeEvent } from './practice.events';
import { evolvePractice, initialPracticeState, type Practice, type PracticeState } from './practice.state';

export const TITLE_MAX_LENGTH = 300;
export const SUMMARY_MAX_LENGTH = 5000;
export const DOCUMENTS_MAX = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const TEXT_OK = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202d\u202e]*$/;

/**
 * A practice of the library (resolution 3/2, paras 5, 7, 10, 16, 17, 19): submitted by a State,
 * an organisation or the Secretariat; reviewed and published by the Secretariat; withdrawn by its
 * contributor or the Secretariat. Translations and documents join it while it is not withdrawn.
 */
export function decidePractice(command: PracticeCommand, state: PracticeState): PracticeEvent[] {
  switch (command.type) {
    case 'SubmitPractice':
      return submit(command, state);
    case 'TranslatePractice':
      return translate(command, open(state));
    case 'StartPracticeReview': {
      const p = open(state);
      if (p.status === 'under_review') return [];
      if (p.status !== 'submitted') throw new IllegalStateError('practice.not_submitted', 'Only a submitted practice can be taken under review');
      return [{ type: 'PracticeReviewStarted', data: { practiceId: p.practiceId, at: command.at } }];
    }
    case 'PublishPractice': {
      const p = open(state);
      if (p.status === 'published') return [];
      return [{ type: 'PracticePublished', data: { practiceId: p.practiceId, at: command.at } }];
    }
    case 'WithdrawPractice': {
      const p = open(state);
      const reason = typeof command.reason === 'string' ? command.reason.trim() : '';
      if (reason === '' || [...reason].length > 1000) {
        throw new ValidationError('input.reason_required', 'a reason of 1 to 1000 characters is required', [{ path: '/reason', message: 'a reason of 1 to 1000 characters is required' }]);
      }
      return [{ type: 'PracticeWithdrawn', data: { practiceId: p.practiceId, at: command.at, reason } }];
    }
    case 'AttachPracticeDocument':
      return attach(command, open(state));
    default:
      return assertUnreachable(command, 'Unknown practice command');
  }
}

export const practiceDecider: Decider<PracticeCommand, PracticeEvent, PracticeState> = {
  decide: decidePractice,
  evolve: evolvePractice,
  initialState: initialPracticeState,
};

/** Whether `value` can be a practice id (ids are UUIDs given by the platform). */
export function isPracticeId(value: string): boolean {
  return UUID.test(value);
}

function open(state: PracticeState): Practice {
  if (state.status === 'empty') throw new NotFoundError('practice.not_found', 'No such practice');
  if (state.status === 'withdrawn') throw new IllegalStateError('practice.withdrawn', 'The practice was withdrawn');
  return state;
}

function submit(c: SubmitPractice, state: PracticeState): PracticeEvent[] {
  if (state.status !== 'empty') throw new IllegalStateError('practice.exists', 'A practice with this id exists already');
  const problems: ErrorDetail[] = [];
  if (!PRACTICE_KINDS.includes(c.kind)) problems.push({ path: '/kind', message: `must be one of ${PRACTICE_KINDS.join(', ')}` });
  problems.push(...localizedTextProblems(c.title, '/title', { maxLength: TITLE_MAX_LENGTH }), ...localizedTextProblems(c.summary, '/summary', { maxLength: SUMMARY_MAX_LENGTH }));
  if (problems.length === 0) {
    const titled = Object.keys(c.title).sort().join(',');
    if (titled !== Object.keys(c.summary).sort().join(',')) problems.push({ path: '/summary', message: 'must be written in the same language(s) as the title' });
  }
  problems.push(...codes('uncac-articles', c.articles, '/articles', 1, 71));
  problems.push(...codes('practice-themes', c.themes, '/themes', 0, 12));
  problems.push(...codes('countries', c.countries, '/countries', 0, 50));
  if (!Array.isArray(c.engagementIds) || c.engagementIds.length > 20 || c.engagementIds.some((id) => typeof id !== 'string' || !UUID.test(id))) {
    problems.push({ path: '/engagementIds', message: 'must be a list of at most 20 engagement ids' });
  } else if (c.kind === 'lesson_learned' && c.engagementIds.length === 0) {
    problems.push({ path: '/engagementIds', message: 'a lesson learned names the engagement(s) it was learned from' });
  }
  if (problems.length > 0) throw new ValidationError('input.invalid', 'The practice has invalid fields', problems);
  return [
    {
      type: 'PracticeSubmitted',
      data: {
        practiceId: c.practiceId,
        at: c.at,
        kind: c.kind,
        title: trimmed(c.title),
        summary: trimmed(c.summary),
        articles: [...new Set(c.articles)],
        themes: [...new Set(c.themes)],
        countries: [...new Set(c.countries)],
        engagementIds: [...new Set(c.engagementIds)],
        contributor: c.contributor,
      },
    },
  ];
}

function translate(c: TranslatePractice, p: Practice): PracticeEvent[] {
  const problems: ErrorDetail[] = [];
  if (!isLanguageCode(c.language)) problems.push({ path: '/language', message: 'must be one of ar, en, es, fr, ru, zh' });
  problems.push(...localizedTextProblems({ [String(c.language)]: c.title }, '/title', { maxLength: TITLE_MAX_LENGTH }).map((d) => ({ ...d, path: '/title' })));
  problems.push(...localizedTextProblems({ [String(c.language)]: c.summary }, '/summary', { maxLength: SUMMARY_MAX_LENGTH }).map((d) => ({ ...d, path: '/summary' })));
  if (problems.length > 0) throw new ValidationError('input.invalid', 'The translation has invalid fields', problems);
  if (p.originalLanguages.includes(c.language)) throw new IllegalStateError('practice.original_language', 'The practice was written in this language: its text is the original, not a translation');
  const title = c.title.trim();
  const summary = c.summary.trim();
  if (p.title[c.language] === title && p.summary[c.language] === summary) return [];
  return [{ type: 'PracticeTranslated', data: { practiceId: p.practiceId, at: c.at, language: c.language, title, summary } }];
}

function attach(c: AttachPracticeDocument, p: Practice): PracticeEvent[] {
  const d = c.document;
  const problems: ErrorDetail[] = [];
  if (!SHA256.test(d.sha256)) problems.push({ path: '/sha256', message: 'must be a lower-case hex SHA-256' });
  const name = typeof d.fileName === 'string' ? d.fileName.trim() : '';
  if (name === '' || [...name].length > 200 || !TEXT_OK.test(name) || /[\\/]/.test(name)) problems.push({ path: '/fileName', message: 'must be a file name of 1 to 200 characters without a path' });
  if (d.language !== null && !isLanguageCode(d.language)) problems.push({ path: '/language', message: 'must be one of ar, en, es, fr, ru, zh' });
  if (problems.length > 0) throw new ValidationError('input.invalid', 'The document has invalid fields', problems);
  if (p.documents.some((x) => x.sha256 === d.sha256)) return [];
  if (p.documents.length >= DOCUMENTS_MAX) throw new IllegalStateError('practice.too_many_documents', `A practice has at most ${DOCUMENTS_MAX} documents`);
  return [{ type: 'PracticeDocumentAttached', data: { practiceId: p.practiceId, at: c.at, document: { ...d, fileName: name } } }];
}

function codes(list: 'uncac-articles' | 'practice-themes' | 'countries', value: unknown, path: string, min: number, max: number): ErrorDetail[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) return [{ path, message: `must be a list of ${min} to ${max} ${list} codes` }];
  return unknownCodeDetails(list, value, path);
}

function trimmed(text: LocalizedText): LocalizedText {
  return Object.fromEntries(Object.entries(text).map(([l, t]) => [l, (t as string).trim()]));
}

/** The practice themes' codes, for the HTTP layer's filters. */
export const PRACTICE_THEMES: readonly string[] = codelists.list('practice-themes').map((t) => t.code);
