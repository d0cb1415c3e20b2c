import { ValidationError } from '@ta/core';
import { assertKnownCodes, codelists } from '@ta/codelists';
import { assertArray, assertOneOf, assertText, invalid } from '../shared/validation';

/**
 * Where a need was identified (resolution 3/2, para 1): the self-assessment checklist, or a
 * country review report of the Implementation Review Mechanism.
 */
export type NeedSource = SelfAssessmentSource | ReviewReportSource | CitedFindingSource;

/** The State's answers to the self-assessment checklist. */
export interface SelfAssessmentSource {
  readonly kind: 'self-assessment';
  /** `2008-2009` (the round resolution 3/2 refers to, reported in CAC/COSP/2009/9) or a later year or span of years. */
  readonly round: string;
  /** The review cycle whose checklist it is, or null (the 2008-2009 round came before the Mechanism). */
  readonly cycle: 1 | 2 | null;
  /** UNCAC article code (`art-9`). */
  readonly article: string;
  /** E.g. `1 (a)`, or null. */
  readonly paragraph: string | null;
  /** The need identified, as the State cites it. */
  readonly need: string;
}

/** A country review report of the Implementation Review Mechanism. */
export interface ReviewReportSource {
  readonly kind: 'review-report';
  readonly cycle: 1 | 2;
  /** An uncac-chapters code the cycle reviewed (review-cycles: cycle 1 III and IV, cycle 2 II and V). */
  readonly chapter: string;
  /** The report's (or its executive summary's) document symbol, as published. */
  readonly reportSymbol: string;
  /** UNCAC article code, in `chapter`. */
  readonly article: string;
  readonly paragraph: string | null;
  /** The recommendation or identified need, as text. */
  readonly need: string;
}

/**
 * A citation recorded before sources were structured (`findingRef` of RequestSubmitted v1):
 * a cycle and a free reference. Read from old events only; new requests cite structured sources.
 */
export interface CitedFindingSource {
  readonly kind: 'cited-finding';
  readonly cycle: 1 | 2;
  readonly reference: string;
}

export type NeedSourceKind = NeedSource['kind'];
export const NEED_SOURCE_KINDS: readonly NeedSourceKind[] = ['self-assessment', 'review-report', 'cited-finding'];

/** What a State cites on submission (the structured kinds only). */
export type NeedSourceInput = SelfAssessmentSource | ReviewReportSource;

export const NEED_SOURCE_LIMITS = { maxSources: 20, round: 9, paragraph: 50, reportSymbol: 100, need: 2000, reference: 500 } as const;

const ROUND = /^(\d{4})(?:-(\d{4}))?$/;
/** The first round of the self-assessment checklist. */
const FIRST_ROUND_YEAR = 2008;

/**
 * The sources a request cites, checked: each a known kind with its fields, a review report's
 * chapter one its cycle reviewed and its article one of that chapter, a self-assessment round
 * from 2008 on and not later than the submission (`at`).
 */
export function assertNeedSources(value: unknown, at: string): NeedSourceInput[] {
  if (value === undefined || value === null) return [];
  const items = assertArray(value, '/sources', { min: 0 });
  if (items.length > NEED_SOURCE_LIMITS.maxSources) throw invalid('/sources', `must have at most ${NEED_SOURCE_LIMITS.maxSources} items`);
  return items.map((item, i) => assertNeedSource(item, `/sources/${i}`, Number(at.slice(0, 4))));
}

function assertNeedSource(value: unknown, path: string, submittedYear: number): NeedSourceInput {
  if (typeof value !== 'object' || value === null) throw invalid(path, 'must be an object');
  const s = value as Record<string, unknown>;
  const kind = assertOneOf(s.kind, ['self-assessment', 'review-report'] as const, `${path}/kind`);
  const paragraph = s.paragraph == null ? null : assertText(s.paragraph, `${path}/paragraph`, NEED_SOURCE_LIMITS.paragraph);
  const need = assertText(s.need, `${path}/need`, NEED_SOURCE_LIMITS.need);
  assertKnownCodes('uncac-articles', s.article, `${path}/article`);
  const article = s.article as string;
  if (kind === 'self-assessment') {
    const round = assertText(s.round, `${path}/round`, NEED_SOURCE_LIMITS.round);
    const m = ROUND.exec(round);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (!m || from < FIRST_ROUND_YEAR || to < from || to > submittedYear) {
      throw invalid(`${path}/round`, `must be a year or years like 2008-2009, from ${FIRST_ROUND_YEAR} to the year of submission`);
    }
    const cycle = s.cycle == null ? null : assertOneOf(s.cycle, [1, 2] as const, `${path}/cycle`);
    return { kind, round, cycle, article, paragraph, need };
  }
  const cycle = assertOneOf(s.cycle, [1, 2] as const, `${path}/cycle`);
  assertKnownCodes('uncac-chapters', s.chapter, `${path}/chapter`);
  const chapter = s.chapter as string;
  const reviewed = codelists.get('review-cycles', `cycle-${cycle}`)!.chapters;
  if (!reviewed.includes(chapter)) {
    throw new ValidationError('request.source_chapter_not_in_cycle', `Review cycle ${cycle} reviewed chapters ${reviewed.join(', ')}, not ${chapter}`, [
      { path: `${path}/chapter`, message: `must be one of ${reviewed.join(', ')} for cycle ${cycle}` },
    ]);
  }
  if (`ch-${codelists.get('uncac-articles', article)!.chapter}` !== chapter) {
    throw new ValidationError('request.source_article_not_in_chapter', `Article ${article} is not in chapter ${chapter}`, [
      { path: `${path}/article`, message: `must be an article of ${chapter}` },
    ]);
  }
  const reportSymbol = assertText(s.reportSymbol, `${path}/reportSymbol`, NEED_SOURCE_LIMITS.reportSymbol);
  return { kind, cycle, chapter, reportSymbol, article, paragraph, need };
}

/** The UNCAC chapter code a source's need falls under (a cited finding names none). */
export function chapterOfSource(source: NeedSource): string | null {
  if (source.kind === 'cited-finding') return null;
  if (source.kind === 'review-report') return source.chapter;
  const article = codelists.get('uncac-articles', source.article);
  return article ? `ch-${article.chapter}` : null;
}
