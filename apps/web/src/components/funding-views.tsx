import { fmt, quantity, t } from '../lib/i18n';
import type { CountryFundingLine, FundingLine } from '../lib/api-types';
import { Link } from '../lib/router';
import { GroupedBars } from './charts';
import { DataTable, type Column } from './data-table';

const lineKey = (l: { unit: string; currency: string | null }) => `${l.unit}:${l.currency ?? ''}`;

/** Pledged, committed and delivered per currency (and in expert-days): a chart and its table. */
export function FundingView({ id, lines }: { id: string; lines: readonly FundingLine[] }) {
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
        // What was pledged in a currency: the offers in it.
        cell: (l) => (k === 'pledged' && l.unit === 'money' && l.currency && l[k] > 0 ? <Link href={`/offers?currency=${l.currency}`}>{q(l, l[k])}</Link> : q(l, l[k])),
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

/** A country's committed and delivered funding per currency (and in expert-days). */
export function CountryFundingTable({ lines }: { lines: readonly CountryFundingLine[] }) {
  const columns: Column<CountryFundingLine>[] = [
    { key: 'unit', header: t('col.unit'), rowHeader: true, cell: (f) => f.currency ?? t('unit.expertDaysTitle') },
    { key: 'committed', header: t('funding.committed'), numeric: true, cell: (f) => quantity(f.committed, f.unit, f.currency) },
    { key: 'delivered', header: t('funding.delivered'), numeric: true, cell: (f) => quantity(f.delivered, f.unit, f.currency) },
  ];
  return <DataTable caption={t('funding.title')} columns={columns} rows={lines} rowKey={lineKey} empty={t('common.none')} />;
}
