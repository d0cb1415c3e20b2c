import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { get } from '../lib/api';
import { ARTICLES, COUNTRIES, CURRENCIES, REGIONS, TA_TYPES } from '../lib/codes';
import { fmt, t, useLanguage } from '../lib/i18n';
import { articleLabel, countryLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { useProviderList } from '../lib/providers';
import { useRoute } from '../lib/router';
import { ListFilters, type ListFilter } from './list-filters';
import { Loading, ProblemNote, useQuery } from './ui';

/** The kinds of need sources (the API's `sourceKind`). */
const SOURCE_KINDS = ['review-report', 'self-assessment', 'cited-finding'] as const;

type CommonFilter = 'country' | 'region' | 'donor' | 'article' | 'taType' | 'sourceKind' | 'currency';

/** The filters the list pages share, under the API's own parameter names, with their options in the reader's language. */
export function useCommonFilters(): Readonly<Record<CommonFilter, ListFilter>> {
  const lang = useLanguage();
  const { search } = useRoute();
  const providers = useProviderList();
  const donor = search.get('donor');
  return {
    country: { name: 'country', label: t('col.country'), options: COUNTRIES.map((c) => [c, countryLabel(c)] as const).sort((a, b) => a[1].localeCompare(b[1], lang)) },
    region: { name: 'region', label: t('list.region'), options: REGIONS.map((r) => [r.code, `${'\u00a0\u00a0'.repeat(r.depth)}${regionLabel(r.code)}`] as const) },
    // A provider the directory does not list (yet) stays choosable when the URL names it.
    donor: { name: 'donor', label: t('col.provider'), options: donor && !providers.some(([id]) => id === donor) ? [[donor, donor] as const, ...providers] : providers },
    article: { name: 'article', label: t('col.article'), options: ARTICLES.map((a) => [a, articleLabel(a)] as const) },
    taType: { name: 'taType', label: t('col.taType'), options: TA_TYPES.map((c) => [c, taTypeLabel(c)] as const) },
    sourceKind: { name: 'sourceKind', label: t('list.sourceKind'), options: SOURCE_KINDS.map((k) => [k, t(`sources.kind.${k}`)] as const) },
    currency: { name: 'currency', label: t('field.currency'), options: CURRENCIES.map((c) => [c, `${c} – ${fmt.currencyName(c)}`] as const) },
  };
}

interface Page<V> {
  readonly items: readonly V[];
  readonly nextCursor?: string | null;
}

/**
 * A list page behind the overview's figures (requests, offers, engagements): its filters kept in
 * the URL under the API's own names, 50 rows a page, more on demand.
 */
export function ListPage<V>(props: { path: string; title: string; filters: readonly ListFilter[]; table: (items: readonly V[]) => ComponentChildren }) {
  const lang = useLanguage();
  const { search } = useRoute();
  const params = Object.fromEntries(props.filters.map((f) => [f.name, search.get(f.name) ?? undefined]));
  const key = `${props.path}|${props.filters.map((f) => params[f.name] ?? '').join('|')}|${lang}`;
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: '', cursors: [] });
  const cursors = pages.key === key ? pages.cursors : [];
  const result = useQuery(async () => {
    const first = await get<Page<V>>(props.path, { ...params, limit: 50 });
    const items: V[] = [...first.items];
    let next = first.nextCursor;
    for (const cursor of cursors) {
      const page = await get<Page<V>>(props.path, { ...params, limit: 50, cursor });
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, nextCursor: next };
  }, [key, cursors.length]);
  return (
    <div data-ready={result.data && !result.loading ? 'true' : 'false'}>
      <h1>{props.title}</h1>
      <ListFilters path={props.path} filters={props.filters} search={search} label={t('list.filters')} />
      {result.error && <ProblemNote problem={result.error} />}
      {!result.data && !result.error && <Loading />}
      {result.data && (
        <>
          <p class="hint" role="status" data-testid="list-count" data-count={result.data.items.length}>
            {result.data.nextCursor ? t('list.shownMore', { n: fmt.number(result.data.items.length) }) : t('list.shown', { n: fmt.number(result.data.items.length) })}
          </p>
          {props.table(result.data.items)}
        </>
      )}
      {result.data?.nextCursor && (
        <button type="button" class="btn btn-secondary" onClick={() => setPages({ key, cursors: [...cursors, result.data!.nextCursor!] })}>
          {t('search.more')}
        </button>
      )}
    </div>
  );
}
