import { useState } from 'preact/hooks';
import { Badge, Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { SearchHit, SearchPage as SearchAnswer } from '../lib/api-types';
import { ARTICLES, COUNTRIES } from '../lib/codes';
import { articleLabel, countryLabel, textOf } from '../lib/labels';
import { fmt, t, useLanguage } from '../lib/i18n';
import { Link, navigate, useRoute } from '../lib/router';

const KINDS = ['request', 'offer', 'engagement'] as const;
const STATUS_KIND: Record<SearchHit['kind'], string> = { request: 'requestStatus', offer: 'offerStatus', engagement: 'engagementStatus' };

/** The search box of the header (signed-in users): goes to the search page. */
export function SearchBox() {
  const { path, search } = useRoute();
  const [q, setQ] = useState(path === '/search' ? (search.get('q') ?? '') : '');
  return (
    <form
      role="search"
      class="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label for="search-q" class="sr-only">
        {t('search.label')}
      </label>
      <input id="search-q" type="search" value={q} placeholder={t('search.placeholder')} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit" class="btn btn-secondary">
        {t('search.submit')}
      </button>
    </form>
  );
}

function HitTitle({ hit }: { hit: SearchHit }) {
  const title = hit.title ? textOf(hit.title) : { text: t('search.engagementOf'), lang: undefined };
  if (hit.kind === 'request') return <Link href={`/requests/${hit.id}`} lang={title.lang}>{title.text}</Link>;
  if (hit.kind === 'engagement') return <Link href={`/engagements/${hit.id}`}>{title.text}</Link>;
  return <span lang={title.lang}>{title.text}</span>;
}

/** Results of a search, ranked, with what matched; filter by kind; more on demand. */
export function SearchPage() {
  const lang = useLanguage();
  const { search } = useRoute();
  const q = search.get('q') ?? '';
  const kind = search.get('kinds') ?? '';
  const country = search.get('country') ?? '';
  const article = search.get('article') ?? '';
  /** The page's URL with one filter changed (the others kept). */
  const withFilter = (name: string, value: string) => {
    const next = new URLSearchParams({ q });
    for (const [k, v] of [['kinds', kind], ['country', country], ['article', article]] as const) if (v && k !== name) next.set(k, v);
    if (value) next.set(name, value);
    return `/search?${next.toString()}`;
  };
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: '', cursors: [] });
  const key = `${q}|${kind}|${country}|${article}|${lang}`;
  const cursors = pages.key === key ? pages.cursors : [];
  const result = useQuery(async () => {
    if (!q.trim()) return { items: [] as SearchHit[], nextCursor: null };
    const params = { q, kinds: kind || undefined, country: country || undefined, article: article || undefined, language: lang, limit: 20 };
    const first = await get<SearchAnswer>('/search', params);
    const items = [...first.items];
    let next = first.nextCursor;
    for (const cursor of cursors) {
      const page = await get<SearchAnswer>('/search', { ...params, cursor });
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, nextCursor: next };
  }, [key, cursors.length]);
  return (
    <div data-ready={result.data && !result.loading ? 'true' : 'false'}>
      <h1>{q ? t('search.results', { q: `\u2068${q}\u2069` }) : t('search.title')}</h1>
      <fieldset class="search-kinds">
        <legend>{t('search.kinds')}</legend>
        {['', ...KINDS].map((k) => (
          <label key={k || 'all'}>
            <input
              type="radio"
              name="kinds"
              value={k}
              checked={kind === k}
              onChange={() => navigate(withFilter('kinds', k), { replace: true })}
            />{' '}
            {k ? t(`search.kind.${k}`) : t('search.all')}
          </label>
        ))}
      </fieldset>
      <div class="search-filters">
        <label>
          {t('col.country')}{' '}
          <select id="search-country" value={country} onChange={(e) => navigate(withFilter('country', (e.currentTarget as HTMLSelectElement).value), { replace: true })}>
            <option value="">{t('search.all')}</option>
            {COUNTRIES.map((c) => ({ c, name: countryLabel(c) }))
              .sort((a, b) => a.name.localeCompare(b.name, lang))
              .map(({ c, name }) => (
                <option key={c} value={c}>
                  {name}
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('col.article')}{' '}
          <select id="search-article" value={article} onChange={(e) => navigate(withFilter('article', (e.currentTarget as HTMLSelectElement).value), { replace: true })}>
            <option value="">{t('search.all')}</option>
            {ARTICLES.map((a) => (
              <option key={a} value={a}>
                {articleLabel(a)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.error && <ProblemNote problem={result.error} />}
      {!result.data && !result.error && <Loading />}
      {result.data && result.data.items.length === 0 && q && <p class="empty">{t('search.none')}</p>}
      {result.data && result.data.items.length > 0 && (
        <ol class="search-hits" data-testid="search-hits">
          {result.data.items.map((hit) => (
            <li key={`${hit.kind}:${hit.id}`} data-kind={hit.kind} data-id={hit.id}>
              <p class="search-hit-title">
                <span class="badge">{t(`search.kind.${hit.kind}`)}</span> <HitTitle hit={hit} /> <Badge kind={STATUS_KIND[hit.kind]} code={hit.status} />
              </p>
              {hit.snippet && (
                <p class="search-snippet" lang={hit.snippet.language === 'und' ? undefined : hit.snippet.language}>
                  {hit.snippet.text}
                </p>
              )}
              <p class="hint">
                {hit.country ? `${countryLabel(hit.country)} · ` : ''}
                {fmt.date(hit.at)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {result.data?.nextCursor && (
        <button type="button" class="btn btn-secondary" onClick={() => setPages({ key, cursors: [...cursors, result.data!.nextCursor!] })}>
          {t('search.more')}
        </button>
      )}
    </div>
  );
}
