import type { NeedSource, NeedSourceInput } from '../lib/api-types';
import { ALL_ARTICLES, articlesOf, CHAPTER_ROMAN, CYCLE_CHAPTERS } from '../lib/codes';
import { t } from '../lib/i18n';
import { articleLabel } from '../lib/labels';
import { Button, Field, type CommandForm } from './ui';

/** A source being edited: the fields of both kinds, as typed. */
export interface SourceDraft {
  kind: 'self-assessment' | 'review-report';
  round: string;
  cycle: '' | '1' | '2';
  chapter: string;
  reportSymbol: string;
  article: string;
  paragraph: string;
  need: string;
}

export const newSource = (): SourceDraft => ({ kind: 'review-report', round: '', cycle: '2', chapter: 'ch-2', reportSymbol: '', article: 'art-5', paragraph: '', need: '' });

/** What the API takes for a draft: the fields of its kind only (the API checks them). */
export function sourceBody(d: SourceDraft): NeedSourceInput {
  const common = { article: d.article as NeedSourceInput['article'], ...(d.paragraph.trim() ? { paragraph: d.paragraph } : {}), need: d.need };
  if (d.kind === 'self-assessment') return { kind: d.kind, round: d.round, ...(d.cycle ? { cycle: Number(d.cycle) as 1 | 2 } : {}), ...common };
  return { kind: d.kind, cycle: Number(d.cycle || '2') as 1 | 2, chapter: d.chapter as NeedSourceInput['chapter'], reportSymbol: d.reportSymbol, ...common };
}

const chapterLabel = (code: string) => t('sources.chapterN', { n: CHAPTER_ROMAN[code] ?? code });

/** The editor of the sources a request cites (resolution 3/2, para 1): any number, each of one kind. */
export function NeedSourcesEditor({ form, value, onChange }: { form: CommandForm; value: SourceDraft[]; onChange: (v: SourceDraft[]) => void }) {
  const set = (i: number, patch: Partial<SourceDraft>) => onChange(value.map((d, k) => (k === i ? fixed({ ...d, ...patch }) : d)));
  return (
    <fieldset id="req-sources" class="sources">
      <legend>{t('sources.legend')}</legend>
      <p class="hint">{t('sources.hint')}</p>
      {value.map((d, i) => {
        const id = (f: string) => `req-source-${i}-${f}`;
        const path = (f: string) => `/sources/${i}/${f}`;
        const chapters = d.cycle ? CYCLE_CHAPTERS[d.cycle] : [];
        const articles = d.kind === 'review-report' && d.chapter in { 'ch-2': 1, 'ch-3': 1, 'ch-4': 1, 'ch-5': 1 } ? articlesOf(d.chapter as 'ch-2') : ALL_ARTICLES;
        return (
          <div key={i} class="source" data-source={i}>
            <Field form={form} id={id('kind')} path={path('kind')} label={t('sources.kind')}>
              {(a) => (
                <select {...a} value={d.kind} onChange={(e) => set(i, { kind: (e.currentTarget as HTMLSelectElement).value as SourceDraft['kind'] })}>
                  <option value="review-report">{t('sources.kind.review-report')}</option>
                  <option value="self-assessment">{t('sources.kind.self-assessment')}</option>
                </select>
              )}
            </Field>
            {d.kind === 'self-assessment' && (
              <Field form={form} id={id('round')} path={path('round')} label={t('sources.round')}>
                {(a) => <input {...a} type="text" inputMode="numeric" placeholder="2008-2009" value={d.round} onInput={(e) => set(i, { round: (e.currentTarget as HTMLInputElement).value })} />}
              </Field>
            )}
            <Field form={form} id={id('cycle')} path={path('cycle')} label={t('sources.cycle')}>
              {(a) => (
                <select {...a} value={d.cycle} onChange={(e) => set(i, { cycle: (e.currentTarget as HTMLSelectElement).value as SourceDraft['cycle'] })}>
                  {d.kind === 'self-assessment' && <option value="">{t('sources.cycle.none')}</option>}
                  <option value="1">{t('sources.cycle.1')}</option>
                  <option value="2">{t('sources.cycle.2')}</option>
                </select>
              )}
            </Field>
            {d.kind === 'review-report' && (
              <>
                <Field form={form} id={id('chapter')} path={path('chapter')} label={t('sources.chapter')}>
                  {(a) => (
                    <select {...a} value={d.chapter} onChange={(e) => set(i, { chapter: (e.currentTarget as HTMLSelectElement).value })}>
                      {chapters.map((c) => (
                        <option key={c} value={c}>
                          {chapterLabel(c)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field form={form} id={id('symbol')} path={path('reportSymbol')} label={t('sources.reportSymbol')}>
                  {(a) => <input {...a} type="text" dir="ltr" placeholder="CAC/COSP/IRG/…" value={d.reportSymbol} onInput={(e) => set(i, { reportSymbol: (e.currentTarget as HTMLInputElement).value })} />}
                </Field>
              </>
            )}
            <div class="pair">
              <Field form={form} id={id('article')} path={path('article')} label={t('sources.article')}>
                {(a) => (
                  <select {...a} value={d.article} onChange={(e) => set(i, { article: (e.currentTarget as HTMLSelectElement).value })}>
                    {articles.map((c) => (
                      <option key={c} value={c}>
                        {articleLabel(c)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field form={form} id={id('paragraph')} path={path('paragraph')} label={t('sources.paragraph')}>
                {(a) => <input {...a} type="text" value={d.paragraph} onInput={(e) => set(i, { paragraph: (e.currentTarget as HTMLInputElement).value })} />}
              </Field>
            </div>
            <Field form={form} id={id('need')} path={path('need')} label={t('sources.need')}>
              {(a) => <textarea {...a} rows={2} value={d.need} onInput={(e) => set(i, { need: (e.currentTarget as HTMLTextAreaElement).value })} />}
            </Field>
            <Button type="button" variant="secondary" onClick={() => onChange(value.filter((_, k) => k !== i))}>
              {t('sources.remove')}
            </Button>
          </div>
        );
      })}
      <Button type="button" variant="secondary" id="req-source-add" onClick={() => onChange([...value, newSource()])}>
        {t('sources.add')}
      </Button>
    </fieldset>
  );
}

/** A draft kept consistent: a review's cycle set, its chapter one the cycle reviewed, its article in that chapter. */
function fixed(d: SourceDraft): SourceDraft {
  if (d.kind !== 'review-report') return d;
  const cycle = d.cycle || '2';
  const chapters: readonly string[] = CYCLE_CHAPTERS[cycle];
  const chapter = chapters.includes(d.chapter) ? d.chapter : chapters[0]!;
  const articles: string[] = articlesOf(chapter as 'ch-2');
  return { ...d, cycle, chapter, article: articles.includes(d.article) ? d.article : articles[0]! };
}

/** A cited source, on one line: kind, round or cycle and chapter, report, article and paragraph, then the need. */
export function sourceLine(s: NeedSource): { facts: string; text: string | null } {
  const cycle = s.cycle ? t(`sources.cycle.${s.cycle}`) : null;
  const where = [s.article ? articleLabel(s.article) : null, s.paragraph ? t('sources.paragraphN', { p: s.paragraph }) : null].filter(Boolean).join(', ');
  const parts =
    s.kind === 'self-assessment'
      ? [t('sources.kind.self-assessment'), s.round ?? null, cycle, where]
      : s.kind === 'review-report'
        ? [t('sources.kind.review-report'), cycle, s.chapter ? chapterLabel(s.chapter) : null, s.reportSymbol ?? null, where]
        : [t('sources.kind.cited-finding'), cycle];
  return { facts: parts.filter(Boolean).join(' · '), text: s.kind === 'cited-finding' ? (s.reference ?? null) : (s.need ?? null) };
}
