import { useState } from 'preact/hooks';
import { refresh } from '../components/actions';
import { countriesTyped, CountryPicker } from '../components/country-picker';
import { Button, CheckboxGroup, ErrorSummary, Field, useCommandForm } from '../components/ui';
import { post } from '../lib/api';
import { ARTICLES, UN_LANGUAGES } from '../lib/codes';
import { fmt, language, t } from '../lib/i18n';
import { articleLabel } from '../lib/labels';
import { PRACTICE_KINDS, PRACTICE_THEMES } from '../lib/practices';
import { navigate, useRoute } from '../lib/router';

const FIELDS = { '/kind': 'np-kind', '/title': 'np-title', '/summary': 'np-summary', '/themes': 'np-themes', '/articles': 'np-articles', '/countries': 'np-countries', '/engagementIds': 'np-kind' };

/**
 * Submit a practice, a regulation model, a methodology, a curriculum or a lesson learned (a State
 * for itself, an organisation for itself, the Secretariat). `?engagement=<id>` (from "My work",
 * once an engagement was delivered): a lesson learned from that engagement.
 */
export function NewPracticePage() {
  const { search } = useRoute();
  const engagement = search.get('engagement');
  const form = useCommandForm();
  const [v, setV] = useState({
    kind: engagement ? 'lesson_learned' : 'good_practice',
    language: language.get() as string,
    title: '',
    summary: '',
    themes: [] as string[],
    articles: [] as string[],
    countries: [] as string[],
    countryText: '',
  });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  return (
    <div class="narrow">
      <h1>{engagement ? t('newPractice.lessonTitle') : t('newPractice.title')}</h1>
      <p class="hint">{t('newPractice.intro')}</p>
      <form
        noValidate
        onSubmit={form.submit(async () => {
          const text = (s: string) => (s.trim() ? { [v.language]: s } : {});
          const r = await post('/practices', {
            kind: v.kind,
            title: text(v.title),
            summary: text(v.summary),
            themes: v.themes,
            articles: v.articles,
            countries: [...new Set([...v.countries, ...countriesTyped(v.countryText)])],
            engagementIds: engagement ? [engagement] : [],
          });
          refresh();
          navigate(`/practices/${r.id}`);
        })}
      >
        <ErrorSummary form={form} fieldIds={FIELDS} />
        <Field form={form} id="np-kind" path="/kind" label={t('col.kind')}>
          {(a) => (
            <select {...a} value={v.kind} disabled={Boolean(engagement)} onChange={(e) => set({ kind: (e.currentTarget as HTMLSelectElement).value })}>
              {PRACTICE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`practiceKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} id="np-language" path="/language" label={t('newPractice.language')}>
          {(a) => (
            <select {...a} value={v.language} onChange={(e) => set({ language: (e.currentTarget as HTMLSelectElement).value })}>
              {UN_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {fmt.languageName(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} id="np-title" path="/title" label={t('field.title')}>
          {(a) => <input {...a} type="text" lang={v.language} dir="auto" value={v.title} onInput={(e) => set({ title: (e.currentTarget as HTMLInputElement).value })} />}
        </Field>
        <Field form={form} id="np-summary" path="/summary" label={t('practice.summary')}>
          {(a) => <textarea {...a} rows={6} lang={v.language} dir="auto" value={v.summary} onInput={(e) => set({ summary: (e.currentTarget as HTMLTextAreaElement).value })} />}
        </Field>
        <CheckboxGroup form={form} id="np-themes" path="/themes" legend={t('practices.theme')} options={PRACTICE_THEMES} labelOf={(x) => t(`practiceTheme.${x}`)} value={v.themes} onChange={(themes) => set({ themes })} columns />
        <CheckboxGroup form={form} id="np-articles" path="/articles" legend={t('field.articles')} options={ARTICLES} labelOf={articleLabel} value={v.articles} onChange={(articles) => set({ articles })} columns />
        <CountryPicker
          form={form}
          id="np-countries"
          path="/countries"
          label={t('practice.countries')}
          hint={t('newPractice.countriesHint')}
          value={v.countries}
          text={v.countryText}
          onChange={(c) => set({ ...(c.picked ? { countries: c.picked } : {}), ...(c.text !== undefined ? { countryText: c.text } : {}) })}
        />
        <Button busy={form.busy}>{t('newPractice.submit')}</Button>
      </form>
    </div>
  );
}
