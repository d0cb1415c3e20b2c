import { useState } from 'preact/hooks';
import { Badge, Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { PracticePage, PracticeView } from '../lib/api-types';
import { ARTICLES } from '../lib/codes';
import { fmt, language, localized, t } from '../lib/i18n';
import { articleLabel, countryLabel } from '../lib/labels';
import { PRACTICE_KINDS, PRACTICE_THEMES } from '../lib/practices';
import { Link, useRoute } from '../lib/router';
import { useStore } from '../lib/store';

/** The library of practices: search in any language, filters by kind, theme and article. */
export function PracticesPage() {
  const lang = useStore(language);
  // `?engagementId=`: the lessons learned from one engagement (the engagement page links here).
  const engagementId = useRoute().search.get('engagementId') ?? '';
  const [f, setF] = useState({ q: '', kind: '', theme: '', article: '' });
  const q = useQuery(
    () => get<PracticePage>('/practices', { q: f.q.trim(), kind: f.kind, theme: f.theme, article: f.article, engagementId, limit: 100 }),
    [f.q, f.kind, f.theme, f.article, engagementId, lang],
  );
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('practices.title')}</h1>
      <p class="hint">{t('practices.intro')}</p>
      <p>
        <Link href="/practices/new" class="btn btn-primary">
          {t('practices.submit')}
        </Link>
      </p>
      <form class="filters" role="search" aria-label={t('practices.filters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="pr-q">{t('practices.search')}</label>
          <input id="pr-q" type="search" value={f.q} onChange={set('q')} />
        </div>
        <div class="field">
          <label for="pr-kind">{t('col.kind')}</label>
          <select id="pr-kind" value={f.kind} onChange={set('kind')}>
            <option value="">{t('directory.any')}</option>
            {PRACTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`practiceKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pr-theme">{t('practices.theme')}</label>
          <select id="pr-theme" value={f.theme} onChange={set('theme')}>
            <option value="">{t('directory.any')}</option>
            {PRACTICE_THEMES.map((k) => (
              <option key={k} value={k}>
                {t(`practiceTheme.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="pr-article">{t('field.articles')}</label>
          <select id="pr-article" value={f.article} onChange={set('article')}>
            <option value="">{t('directory.any')}</option>
            {ARTICLES.map((a) => (
              <option key={a} value={a}>
                {articleLabel(a)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && (
        <>
          <p class="hint" data-testid="practices-total">
            {t('practices.total', { n: fmt.number(q.data.total) })}
          </p>
          <PracticeList items={q.data.items} />
        </>
      )}
    </div>
  );
}

/** Practices as a list of cards: title in the reader's language where there is one, kind, state, themes. */
export function PracticeList({ items }: { items: readonly PracticeView[] }) {
  if (items.length === 0) return <p>{t('practices.none')}</p>;
  return (
    <ul class="cards" data-testid="practice-list">
      {items.map((p) => {
        const title = localized(p.title as Record<string, string>);
        return (
          <li key={p.id} class="card">
            <h2 class="card-title">
              <Link href={`/practices/${p.id}`}>
                <bdi lang={title.lang} dir="auto">
                  {title.text}
                </bdi>
              </Link>
            </h2>
            <p>
              {t(`practiceKind.${p.kind}`)} · <Badge kind="practiceStatus" code={p.status} />
              {p.countries.length > 0 && <> · {p.countries.map(countryLabel).join(', ')}</>}
            </p>
            <p class="hint">{[...p.themes.map((x) => t(`practiceTheme.${x}`)), ...p.articles.map(articleLabel)].join('; ')}</p>
          </li>
        );
      })}
    </ul>
  );
}
