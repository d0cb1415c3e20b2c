import { ListPage, useCommonFilters } from '../components/list-page';
import { OffersTable } from '../components/offer-tables';
import type { OfferView } from '../lib/api-types';
import { OFFER_STATUSES } from '../lib/codes';
import { t } from '../lib/i18n';

/**
 * The offers behind a figure of the overview (all offers, a currency's pledges), or any list of
 * offers: by status, provider, eligible country (regions included, as the API answers it),
 * UNCAC article, type of assistance, currency and when registered, kept in the URL (the filters
 * GET /offers takes, under its own names); more on demand.
 */
export function OffersListPage() {
  const f = useCommonFilters();
  return (
    <ListPage<OfferView>
      path="/offers"
      title={t('list.offers')}
      filters={[
        { name: 'status', label: t('col.status'), options: OFFER_STATUSES.map((s) => [s, t(`offerStatus.${s}`)] as const) },
        f.donor,
        f.country,
        f.region,
        f.article,
        f.taType,
        f.currency,
        { name: 'registeredFrom', label: t('list.registeredFrom') },
        { name: 'registeredTo', label: t('list.registeredTo') },
      ]}
      table={(items) => <OffersTable items={items} caption={t('list.offers')} withProvider />}
    />
  );
}
