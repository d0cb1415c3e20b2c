import { EngagementsTable } from '../components/engagement-tables';
import { ListPage, useCommonFilters } from '../components/list-page';
import type { EngagementView } from '../lib/api-types';
import { ENGAGEMENT_STATUSES } from '../lib/codes';
import { t } from '../lib/i18n';

/**
 * The engagements behind a figure of the overview (a stage of the pipeline, a key figure, the
 * committed or delivered amounts of a currency), or any list of engagements the reader may see:
 * by status, country, provider, their request's article, type and source, currency and when
 * proposed, kept in the URL (the filters GET /engagements takes, under its own names); more on demand.
 */
export function EngagementsListPage() {
  const f = useCommonFilters();
  return (
    <ListPage<EngagementView>
      path="/engagements"
      title={t('list.engagements')}
      filters={[
        { name: 'status', label: t('col.status'), options: ENGAGEMENT_STATUSES.map((s) => [s, t(`engagementStatus.${s}`)] as const) },
        f.country,
        f.region,
        f.donor,
        f.article,
        f.taType,
        f.sourceKind,
        f.currency,
        { name: 'committed', label: t('list.committed'), options: [['true', t('list.committedOnly')]] },
        { name: 'proposedFrom', label: t('list.proposedFrom') },
        { name: 'proposedTo', label: t('list.proposedTo') },
      ]}
      table={(items) => <EngagementsTable items={items} caption={t('list.engagements')} />}
    />
  );
}
