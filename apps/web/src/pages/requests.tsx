import { ListPage, useCommonFilters } from '../components/list-page';
import { RequestsTable } from '../components/request-tables';
import type { RequestView } from '../lib/api-types';
import { REQUEST_STATUSES } from '../lib/codes';
import { t } from '../lib/i18n';

/**
 * The requests behind a figure of the overview (a stage, a coverage cell, a key figure), or any
 * list of requests the reader may see: filtered by status, country, UNCAC article, type of
 * assistance, M49 region, provider engaged, source of the need and when submitted, all kept in
 * the URL (the filters GET /requests takes, under its own names); more on demand.
 */
export function RequestsListPage() {
  const f = useCommonFilters();
  return (
    <ListPage<RequestView>
      path="/requests"
      title={t('list.requests')}
      filters={[
        { name: 'status', label: t('col.status'), options: REQUEST_STATUSES.map((s) => [s, t(`requestStatus.${s}`)] as const) },
        f.country,
        f.region,
        f.article,
        f.taType,
        f.donor,
        f.sourceKind,
        { name: 'submittedFrom', label: t('list.submittedFrom') },
        { name: 'submittedTo', label: t('list.submittedTo') },
      ]}
      table={(items) => <RequestsTable items={items} caption={t('list.requests')} />}
    />
  );
}
