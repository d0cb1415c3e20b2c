// The overview's trends: requests submitted, capacity offered, amounts committed and delivered,
// by calendar quarter (GET /coordination/trends). Tables: one row per quarter.
import { fmt, quantity, t } from '../lib/i18n';
import type { Trends } from '../lib/api-types';
import { DataTable, type Column } from './data-table';

type RequestsRow = Trends['requests'][number];
type FundingRow = Trends['funding'][number];

export function TrendsView({ trends }: { trends: Trends }) {
  const requestColumns: Column<RequestsRow>[] = [
    { key: 'quarter', header: t('trends.quarter'), rowHeader: true, cell: (q) => q.quarter },
    { key: 'submitted', header: t('trends.submitted'), numeric: true, cell: (q) => fmt.number(q.submitted) },
  ];
  const unit = (l: FundingRow) => l.currency ?? t('unit.expertDaysTitle');
  const figures = ['offered', 'committed', 'delivered'] as const;
  const fundingColumns: Column<FundingRow>[] = [
    { key: 'quarter', header: t('trends.quarter'), rowHeader: true, cell: (l) => l.quarter },
    { key: 'unit', header: t('col.unit'), cell: unit },
    ...figures.map((k): Column<FundingRow> => ({ key: k, header: t(`trends.${k}`), numeric: true, cell: (l) => quantity(l[k], l.unit, l.currency) })),
  ];
  return (
    <div class="grid">
      <DataTable caption={t('trends.requestsCaption')} columns={requestColumns} rows={trends.requests} rowKey={(q) => q.quarter} empty={t('common.none')} testId="trends-requests" />
      <DataTable
        caption={t('trends.fundingCaption')}
        columns={fundingColumns}
        rows={trends.funding}
        rowKey={(l) => `${l.unit}:${l.currency ?? ''}:${l.quarter}`}
        empty={t('common.none')}
        testId="trends-funding"
      />
    </div>
  );
}
