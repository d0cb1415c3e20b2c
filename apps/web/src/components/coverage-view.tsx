import { fmt, t } from '../lib/i18n';
import { Link } from '../lib/router';
import { listHref, type OverviewFilter } from '../lib/overview-filter';
import { articleLabel, taTypeLabel } from '../lib/labels';
import type { CoverageCell } from '../lib/api-types';
import { Heatmap, type Cell } from './charts';
import { DataTable, type Column } from './data-table';

/** A figure as a link to the requests behind it (none behind a zero). */
const linked = (n: number, href: string) => (n > 0 ? <Link href={href}>{fmt.number(n)}</Link> : fmt.number(n));

/** Coverage of needs, UNCAC article × type of assistance: a heat map and its table, each figure of requests a link to them. */
export function CoverageView({ items, filter = {} }: { items: readonly CoverageCell[]; filter?: OverviewFilter }) {
  if (items.length === 0) return <p class="empty">{t('common.none')}</p>;
  const articles = [...new Set(items.map((c) => c.article))];
  const taTypes = [...new Set(items.map((c) => c.taType))].sort();
  const cells: Cell[] = items.map((c) => ({
    row: c.article,
    col: c.taType,
    text: `${fmt.number(c.openRequests)}/${fmt.number(c.openOffers)}`,
    tone: c.uncovered ? 'uncovered' : c.openOffers > 0 ? 'covered' : 'quiet',
    title: t('coverage.cellTitle', { article: articleLabel(c.article), taType: taTypeLabel(c.taType), open: c.openRequests, offers: c.openOffers }),
  }));
  const columns: Column<CoverageCell>[] = [
    { key: 'article', header: t('col.article'), rowHeader: true, cell: (c) => articleLabel(c.article) },
    { key: 'taType', header: t('col.taType'), cell: (c) => taTypeLabel(c.taType) },
    { key: 'requests', header: t('coverage.requests'), numeric: true, cell: (c) => linked(c.requests, listHref('requests', filter, { article: c.article, taType: c.taType })) },
    {
      key: 'open',
      header: t('coverage.open'),
      numeric: true,
      cell: (c) => (
        <>
          {linked(c.openRequests, listHref('requests', filter, { status: 'open_for_offers', article: c.article, taType: c.taType }))}
          {c.uncovered && <span class="sr-only"> {t('coverage.uncovered')}</span>}
        </>
      ),
    },
    { key: 'matched', header: t('coverage.matched'), numeric: true, cell: (c) => fmt.number(c.matchedRequests) },
    { key: 'offers', header: t('coverage.offers'), numeric: true, cell: (c) => fmt.number(c.openOffers) },
  ];
  return (
    <>
      <p class="hint">{t('coverage.legend')}</p>
      <Heatmap
        id="coverage-chart"
        title={t('coverage.title')}
        rows={articles.map((a) => ({ key: a, label: articleLabel(a) }))}
        cols={taTypes.map((c, i) => ({ key: c, label: `T${i + 1}` }))}
        cells={cells}
      />
      <ul class="legend">
        {taTypes.map((c, i) => (
          <li key={c}>
            <strong>T{i + 1}</strong> {taTypeLabel(c)}
          </li>
        ))}
      </ul>
      <DataTable caption={t('coverage.title')} columns={columns} rows={items} rowKey={(c) => `${c.article}|${c.taType}`} rowProps={(c) => (c.uncovered ? { class: 'row-warn' } : {})} />
    </>
  );
}
