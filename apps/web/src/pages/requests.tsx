import { useState } from 'preact/hooks';
import { ListFilters, type ListFilter } from '../components/list-filters';
import { RequestsTable } from '../components/request-tables';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { RequestPage, RequestView } from '../lib/api-types';
import { ARTICLES, COUNTRIES, REGIONS, REQUEST_STATUSES, TA_TYPES } from '../lib/codes';
import { fmt, t, useLanguage } from '../lib/i18n';
import { articleLabel, countryLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { useProviderList } from '../lib/providers';
import { useRoute } from '../lib/router';

/** The filters GET /requests takes that the page offers, in the URL under the API's own names. */
const NAMES = ['status', 'country', 'region', 'article', 'taType', 'donor', 'sourceKind', 'submittedFrom', 'submittedTo'] as const;
const SOURCE_KINDS = ['review-report', 'self-assessment', 'cited-finding'] as const;

/**
 * The requests behind a figure of the overview (a stage, a coverage cell, a key figure), or any
 * list of requests the reader may see: filtered by status, country, UNCAC article, type of
 * assistance, M49 region, provider engaged, source of the need and when submitted, all kept in
 * the URL; more on demand.
 */
export function RequestsListPage() {
  const lang = useLanguage();
  const { search } = useRoute();
  const params = Object.fromEntries(NAMES.map((n) => [n, search.get(n) ?? undefined]));
  const key = `${NAMES.map((n) => params[n] ?? '').join('|')}|${lang}`;
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: '', cursors: [] });
  const cursors = pages.key === key ? pages.cursors : [];
  const result = useQuery(async () => {
    const first = await get<RequestPage>('/requests', { ...params, limit: 50 });
    const items: RequestView[] = [...first.items];
    let next = first.nextCursor;
    for (const cursor of cursors) {
      const page = await get<RequestPage>('/requests', { ...params, limit: 50, cursor });
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, nextCursor: next };
  }, [key, cursors.length]);
  const providers = useProviderList();
  const donor = search.get('donor');
  const filters: ListFilter[] = [
    { name: 'status', label: t('col.status'), options: REQUEST_STATUSES.map((s) => [s, t(`requestStatus.${s}`)] as const) },
    { name: 'country', label: t('col.country'), options: COUNTRIES.map((c) => [c, countryLabel(c)] as const).sort((a, b) => a[1].localeCompare(b[1], lang)) },
    { name: 'region', label: t('list.region'), options: REGIONS.map((r) => [r.code, `${'\u00a0\u00a0'.repeat(r.depth)}${regionLabel(r.code)}`] as const) },
    { name: 'article', label: t('col.article'), options: ARTICLES.map((a) => [a, articleLabel(a)] as const) },
    { name: 'taType', label: t('col.taType'), options: TA_TYPES.map((c) => [c, taTypeLabel(c)] as const) },
    { name: 'donor', label: t('col.provider'), options: donor && !providers.some(([id]) => id === donor) ? [[donor, donor] as const, ...providers] : providers },
    { name: 'sourceKind', label: t('list.sourceKind'), options: SOURCE_KINDS.map((k) => [k, t(`sources.kind.${k}`)] as const) },
    { name: 'submittedFrom', label: t('list.submittedFrom') },
    { name: 'submittedTo', label: t('list.submittedTo') },
  ];
  return (
    <div data-ready={result.data && !result.loading ? 'true' : 'false'}>
      <h1>{t('list.requests')}</h1>
      <ListFilters path="/requests" filters={filters} search={search} label={t('list.filters')} />
      {result.error && <ProblemNote problem={result.error} />}
      {!result.data && !result.error && <Loading />}
      {result.data && (
        <>
          <p class="hint" role="status" data-testid="list-count" data-count={result.data.items.length}>
            {result.data.nextCursor ? t('list.shownMore', { n: fmt.number(result.data.items.length) }) : t('list.shown', { n: fmt.number(result.data.items.length) })}
          </p>
          <RequestsTable items={result.data.items} caption={t('list.requests')} />
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
