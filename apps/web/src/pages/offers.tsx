import { useState } from 'preact/hooks';
import { ListFilters, type ListFilter } from '../components/list-filters';
import { OffersTable } from '../components/offer-tables';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { OfferPage, OfferView } from '../lib/api-types';
import { ARTICLES, COUNTRIES, CURRENCIES, OFFER_STATUSES, REGIONS, TA_TYPES } from '../lib/codes';
import { fmt, t, useLanguage } from '../lib/i18n';
import { articleLabel, countryLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { useProviderList } from '../lib/providers';
import { useRoute } from '../lib/router';

/** The filters GET /offers takes that the page offers, in the URL under the API's own names. */
const NAMES = ['status', 'donor', 'country', 'region', 'article', 'taType', 'currency', 'registeredFrom', 'registeredTo'] as const;

/**
 * The offers behind a figure of the overview (all offers, a currency's pledges), or any list of
 * offers: by status, provider, eligible country (regions included, as the API answers it),
 * UNCAC article, type of assistance and currency, kept in the URL; more on demand.
 */
export function OffersListPage() {
  const lang = useLanguage();
  const { search } = useRoute();
  const providers = useProviderList();
  const params = Object.fromEntries(NAMES.map((n) => [n, search.get(n) ?? undefined]));
  const key = `${NAMES.map((n) => params[n] ?? '').join('|')}|${lang}`;
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: '', cursors: [] });
  const cursors = pages.key === key ? pages.cursors : [];
  const result = useQuery(async () => {
    const first = await get<OfferPage>('/offers', { ...params, limit: 50 });
    const items: OfferView[] = [...first.items];
    let next = first.nextCursor;
    for (const cursor of cursors) {
      const page = await get<OfferPage>('/offers', { ...params, limit: 50, cursor });
      items.push(...page.items);
      next = page.nextCursor;
    }
    return { items, nextCursor: next };
  }, [key, cursors.length]);
  const donor = search.get('donor');
  const filters: ListFilter[] = [
    { name: 'status', label: t('col.status'), options: OFFER_STATUSES.map((s) => [s, t(`offerStatus.${s}`)] as const) },
    // A provider the directory does not list (yet) stays choosable when the URL names it.
    { name: 'donor', label: t('col.provider'), options: donor && !providers.some(([id]) => id === donor) ? [[donor, donor] as const, ...providers] : providers },
    { name: 'country', label: t('col.country'), options: COUNTRIES.map((c) => [c, countryLabel(c)] as const).sort((a, b) => a[1].localeCompare(b[1], lang)) },
    { name: 'region', label: t('list.region'), options: REGIONS.map((r) => [r.code, `${'\u00a0\u00a0'.repeat(r.depth)}${regionLabel(r.code)}`] as const) },
    { name: 'article', label: t('col.article'), options: ARTICLES.map((a) => [a, articleLabel(a)] as const) },
    { name: 'taType', label: t('col.taType'), options: TA_TYPES.map((c) => [c, taTypeLabel(c)] as const) },
    { name: 'currency', label: t('field.currency'), options: CURRENCIES.map((c) => [c, `${c} – ${fmt.currencyName(c)}`] as const) },
    { name: 'registeredFrom', label: t('list.registeredFrom') },
    { name: 'registeredTo', label: t('list.registeredTo') },
  ];
  return (
    <div data-ready={result.data && !result.loading ? 'true' : 'false'}>
      <h1>{t('list.offers')}</h1>
      <ListFilters path="/offers" filters={filters} search={search} label={t('list.filters')} />
      {result.error && <ProblemNote problem={result.error} />}
      {!result.data && !result.error && <Loading />}
      {result.data && (
        <>
          <p class="hint" role="status" data-testid="list-count" data-count={result.data.items.length}>
            {result.data.nextCursor ? t('list.shownMore', { n: fmt.number(result.data.items.length) }) : t('list.shown', { n: fmt.number(result.data.items.length) })}
          </p>
          <OffersTable items={result.data.items} caption={t('list.offers')} withProvider />
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
