import { fmt, quantity, t } from '../lib/i18n';
import type { CountryFundingLine, FundingLine } from '../lib/api-types';
import { Link } from '../lib/router';
import { listHref, type OverviewFilter } from '../lib/overview-filter';
import { GroupedBars } from './charts';
import { DataTable, type Column } from './data-table';

const lineKey = (l: { unit: string; currency: string | null }) => `${l.unit}:${l.currency ?? ''}`;

/**
 * Pledged, committed and delivered per currency (and in expert-days): a chart and its table.
 * With `filter` (the overview's, live), each amount in a currency opens its list: pledged the
 * offers in it, committed the engagements whose amount is committed, delivered the acknowledged
 * ones, under the same filter.
 */
export function FundingView({ id, lines, filter }: { id: string; lines: readonly FundingLine[]; filter?: OverviewFilter }) {
  if (lines.length === 0) return <p class="empty">{t('common.none')}</p>;
  const unitLabel = (l: FundingLine) => (l.unit === 'money' && l.currency ? `${l.currency} · ${fmt.currencyName(l.currency)}` : t('unit.expertDaysTitle'));
  const q = (l: FundingLine, n: number) => quantity(n, l.unit, l.currency);
  const figures = ['pledged', 'committed', 'delivered'] as const;
  const groups = lines.map((l) => ({
    key: lineKey(l),
    label: unitLabel(l),
    values: figures.map((k) => ({ key: k, label: t(`funding.${k}`), value: l[k], text: q(l, l[k]) })),
  }));
  const columns: Column<FundingLine>[] = [
    { key: 'unit', header: t('col.unit'), rowHeader: true, cell: unitLabel },
    ...figures.map(
      (k): Column<FundingLine> => ({
        key: k,
        header: t(`funding.${k}`),
        numeric: true,
        cell: (l) => {
          const href = l.unit === 'money' && l.currency && l[k] > 0 ? fundingList(k, l.currency, filter) : undefined;
          return href ? <Link href={href}>{q(l, l[k])}</Link> : q(l, l[k]);
        },
      }),
    ),
  ];
  return (
    <>
      <GroupedBars id={id} title={t('funding.chartTitle')} groups={groups} />
      <DataTable caption={t('funding.chartTitle')} columns={columns} rows={lines} rowKey={lineKey} />
    </>
  );
}

/** The list behind a funding figure in `currency` (what was pledged: the offers in it). */
function fundingList(figure: 'pledged' | 'committed' | 'delivered', currency: string, filter: OverviewFilter | undefined): string | undefined {
  if (figure === 'pledged') return filter ? listHref('offers', filter, { currency }) : `/offers?currency=${currency}`;
  if (!filter) return undefined;
  return figure === 'committed' ? listHref('engagements', filter, { currency, committed: 'true' }) : listHref('engagements', filter, { currency, status: 'acknowledged' });
}

/** A country's committed and delivered funding per currency (and in expert-days). */
export function CountryFundingTable({ lines }: { lines: readonly CountryFundingLine[] }) {
  const columns: Column<CountryFundingLine>[] = [
    { key: 'unit', header: t('col.unit'), rowHeader: true, cell: (f) => f.currency ?? t('unit.expertDaysTitle') },
    { key: 'committed', header: t('funding.committed'), numeric: true, cell: (f) => quantity(f.committed, f.unit, f.currency) },
    { key: 'delivered', header: t('funding.delivered'), numeric: true, cell: (f) => quantity(f.delivered, f.unit, f.currency) },
  ];
  return <DataTable caption={t('funding.title')} columns={columns} rows={lines} rowKey={lineKey} empty={t('common.none')} />;
}
