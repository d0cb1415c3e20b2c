import { fmt, t } from '../lib/i18n';
import { countryLabel, textOf } from '../lib/labels';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';
import type { MilestoneAlert } from '../lib/api-types';
import { byNumber, byText, DataTable, type Column } from './data-table';
import { Badge } from './ui';

/**
 * Overdue or disputed milestones, each linked to its engagement. `awaiting` (overdue only): the
 * list is of those waiting for the provider's report, or for the State's confirmation.
 */
export function MilestonesTable({ items, kind, awaiting }: { items: readonly MilestoneAlert[]; kind: 'overdue' | 'disputed'; awaiting?: MilestoneAlert['awaiting'] }) {
  const providerName = useProviderNames();
  const columns: Column<MilestoneAlert>[] = [
    {
      key: 'milestone',
      header: t('col.milestone'),
      cell: (m) => {
        const title = textOf(m.title);
        return (
          <>
            <Link href={`/engagements/${m.engagementId}`} lang={title.lang}>
              {title.text}
            </Link>{' '}
            <Badge kind="milestoneStatus" code={m.status} />
          </>
        );
      },
    },
    { key: 'country', header: t('col.country'), sort: byText((m) => countryLabel(m.country)), cell: (m) => countryLabel(m.country) },
    { key: 'provider', header: t('col.provider'), sort: byText((m) => providerName(m.providerId)), cell: (m) => providerName(m.providerId) },
    { key: 'due', header: t('col.due'), sort: byText((m) => m.dueDate), cell: (m) => fmt.date(m.dueDate) },
    kind === 'overdue'
      ? { key: 'daysOverdue', header: t('col.daysOverdue'), numeric: true, sort: byNumber((m) => m.daysOverdue), cell: (m) => fmt.number(m.daysOverdue) }
      : { key: 'reason', header: t('col.reason'), cell: (m) => m.disputeReason },
  ];
  return (
    <DataTable
      caption={t(awaiting ? `milestones.${kind}.${awaiting}` : `milestones.${kind}`)}
      columns={columns}
      rows={items}
      rowKey={(m) => m.engagementId + m.milestoneId}
      empty={t(awaiting ? `milestones.none.${kind}.${awaiting}` : `milestones.none.${kind}`)}
      testId={awaiting ? `milestones-${kind}-${awaiting}` : `milestones-${kind}`}
    />
  );
}
