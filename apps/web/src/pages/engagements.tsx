import { useState } from 'preact/hooks';
import { EngagementsTable } from '../components/engagement-tables';
import { ListFilters, type ListFilter } from '../components/list-filters';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { EngagementPage, EngagementView } from '../lib/api-types';
import { ARTICLES, COUNTRIES, CURRENCIES, ENGAGEMENT_STATUSES, REGIONS, TA_TYPES } from '../lib/codes';
import { fmt, t, useLanguage } from '../lib/i18n';
import { articleLabel, countryLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { useProviderList } from '../lib/providers';
import { useRoute } from '../lib/router';

/** The filters GET /engagements takes that the page offers, in the URL under the API's own names. */
const NAMES = ['status', 'committed', 'country', 'region', 'donor', 'article', 'taType', 'sourceKind', 'currency', 'proposedFrom', 'proposedTo'] as const;
const SOURCE_KINDS = ['review-report', 'self-assessment', 'cited-finding'] as const;

/**
 * The engagements behind a figure of the overview (a stage of the pipeline, a key figure), or any
 * list of engagements the reader may see: by status, country, provider and when proposed, kept in
 * the URL; more on demand.
 */
export function EngagementsListPage() {
  const lang = useLanguage();
  const { search } = useRoute();
  const providers = useProviderList();
  const params = Object.fromEntries(NAMES.map((n) => [n, search.get(n) ?? undefined]));
  const key = `${NAMES.map((n) => params[n] ?? '').join('|')}|${lang}`;
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: '', cursors: [] });
  const cursors = pages.key === key ? pages.cursors : [];
  const result = useQuery(async () => {
    const first = await get<EngagementPage>('/engagements', { ...params, limit: 50 });
    const items: EngagementView[] = [...first.items];
    let next = first.nextCursor;
    for (const cursor of cursors) {
      const page = await get<EngagementPage>('/engagements', { ...params, limit: 50, cursor });
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, nextCursor: next };
  }, [key, cursors.length]);
  const donor = search.get('donor');
  const filters: ListFilter[] = [
    { name: 'status', label: t('col.status'), options: ENGAGEMENT_STATUSES.map((s) => [s, t(`engagementStatus.${s}`)] as const) },
    { name: 'country', label: t('col.country'), options: COUNTRIES.map((c) => [c, countryLabel(c)] as const).sort((a, b) => a[1].localeCompare(b[1], lang)) },
    // A provider the directory does not list (yet) stays choosable when the URL names it.
    { name: 'region', label: t('list.region'), options: REGIONS.map((r) => [r.code, `${'\u00a0\u00a0'.repeat(r.depth)}${regionLabel(r.code)}`] as const) },
    { name: 'donor', label: t('col.provider'), options: donor && !providers.some(([id]) => id === donor) ? [[donor, donor] as const, ...providers] : providers },
    { name: 'article', label: t('col.article'), options: ARTICLES.map((a) => [a, articleLabel(a)] as const) },
    { name: 'taType', label: t('col.taType'), options: TA_TYPES.map((c) => [c, taTypeLabel(c)] as const) },
    { name: 'sourceKind', label: t('list.sourceKind'), options: SOURCE_KINDS.map((k) => [k, t(`sources.kind.${k}`)] as const) },
    { name: 'currency', label: t('field.currency'), options: CURRENCIES.map((c) => [c, `${c} – ${fmt.currencyName(c)}`] as const) },
    { name: 'committed', label: t('list.committed'), options: [['true', t('list.committedOnly')]] },
    { name: 'proposedFrom', label: t('list.proposedFrom') },
    { name: 'proposedTo', label: t('list.proposedTo') },
  ];
  return (
    <div data-ready={result.data && !result.loading ? 'true' : 'false'}>
      <h1>{t('list.engagements')}</h1>
      <ListFilters path="/engagements" filters={filters} search={search} label={t('list.filters')} />
      {result.error && <ProblemNote problem={result.error} />}
      {!result.data && !result.error && <Loading />}
      {result.data && (
        <>
          <p class="hint" role="status" data-testid="list-count" data-count={result.data.items.length}>
            {result.data.nextCursor ? t('list.shownMore', { n: fmt.number(result.data.items.length) }) : t('list.shown', { n: fmt.number(result.data.items.length) })}
          </p>
          <EngagementsTable items={result.data.items} caption={t('list.engagements')} />
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
