// The overview's trends: requests submitted, capacity offered, amounts committed and delivered,
// by calendar quarter (GET /coordination/trends). Charts of the last quarters; tables of all,
// one row per quarter, each quarter's requests a link to them.
import { fmt, quantity, t } from '../lib/i18n';
import type { Trends } from '../lib/api-types';
import { quarterDays } from '../lib/quarters';
import { Link } from '../lib/router';
import { listHref, type OverviewFilter } from '../lib/overview-filter';
import { ColumnChart } from './charts';
import { DataTable, type Column } from './data-table';

type RequestsRow = Trends['requests'][number];
type FundingRow = Trends['funding'][number];

/** Quarters charted (the tables hold them all). */
const CHARTED = 8;

/** The quarter as two short lines under its column: "Q3" over "2026". */
const column = (quarter: string) => {
  const [year, q] = quarter.split('-');
  return { key: quarter, label: q ?? quarter, sub: year };
};

export function TrendsView({ trends, filter = {} }: { trends: Trends; filter?: OverviewFilter }) {
  const requestColumns: Column<RequestsRow>[] = [
    { key: 'quarter', header: t('trends.quarter'), rowHeader: true, cell: (q) => q.quarter },
    {
      key: 'submitted',
      header: t('trends.submitted'),
      numeric: true,
      cell: (q) => {
        const days = quarterDays(q.quarter);
        return days && q.submitted > 0 ? <Link href={listHref('requests', filter, days)}>{fmt.number(q.submitted)}</Link> : fmt.number(q.submitted);
      },
    },
  ];
  const unit = (l: FundingRow) => l.currency ?? t('unit.expertDaysTitle');
  const figures = ['offered', 'committed', 'delivered'] as const;
  const fundingColumns: Column<FundingRow>[] = [
    { key: 'quarter', header: t('trends.quarter'), rowHeader: true, cell: (l) => l.quarter },
    { key: 'unit', header: t('col.unit'), cell: unit },
    ...figures.map((k): Column<FundingRow> => ({ key: k, header: t(`trends.${k}`), numeric: true, cell: (l) => quantity(l[k], l.unit, l.currency) })),
  ];
  const recent = [...trends.requests].sort((a, b) => a.quarter.localeCompare(b.quarter)).slice(-CHARTED);
  // One chart per currency (and one in expert-days): amounts in different units are not comparable.
  const units = [...new Map(trends.funding.map((l) => [`${l.unit}:${l.currency ?? ''}`, l] as const)).values()];
  return (
    <>
      <div class="grid">
        <div>
          {recent.length > 0 && (
            <ColumnChart
              id="trends-requests-chart"
              title={t('trends.requestsCaption')}
              columns={recent.map((q) => column(q.quarter))}
              series={[{ key: 'submitted', label: t('trends.submitted'), values: recent.map((q) => q.submitted) }]}
              format={(n) => fmt.number(n)}
            />
          )}
          <DataTable caption={t('trends.requestsCaption')} columns={requestColumns} rows={trends.requests} rowKey={(q) => q.quarter} empty={t('common.none')} testId="trends-requests" />
        </div>
        <div>
          {units.map((u) => {
            const rows = trends.funding
              .filter((l) => l.unit === u.unit && l.currency === u.currency)
              .sort((a, b) => a.quarter.localeCompare(b.quarter))
              .slice(-CHARTED);
            return (
              <ColumnChart
                key={`${u.unit}:${u.currency ?? ''}`}
                id={`trends-funding-${u.currency ?? 'days'}`}
                title={t('trends.fundingChart', { unit: unit(u) })}
                columns={rows.map((l) => column(l.quarter))}
                series={figures.map((k) => ({ key: k, label: t(`trends.${k}`), values: rows.map((l) => l[k]) }))}
                format={(n) => quantity(n, u.unit, u.currency)}
              />
            );
          })}
          <DataTable
            caption={t('trends.fundingCaption')}
            columns={fundingColumns}
            rows={trends.funding}
            rowKey={(l) => `${l.unit}:${l.currency ?? ''}:${l.quarter}`}
            empty={t('common.none')}
            testId="trends-funding"
          />
        </div>
      </div>
    </>
  );
}
