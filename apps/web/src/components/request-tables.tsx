import { fmt, t } from '../lib/i18n';
import { articleShort, countryLabel, priorityLabel, textOf } from '../lib/labels';
import { Link } from '../lib/router';
import type { GapView, RequestView } from '../lib/api-types';
import { BarChart } from './charts';
import { byNumber, byText, DataTable, type Column } from './data-table';
import { Badge } from './ui';

const PRIORITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

function RequestLink({ r }: { r: RequestView }) {
  const title = textOf(r.title);
  return (
    <Link href={`/requests/${r.requestId}`} lang={title.lang}>
      {title.text}
    </Link>
  );
}

/** Requests: title (a link to the case), country, status, articles, the State's priority, the Secretariat's, submitted. */
export function RequestsTable({ items, caption }: { items: readonly RequestView[]; caption: string }) {
  const columns: Column<RequestView>[] = [
    {
      key: 'request',
      header: t('col.request'),
      sort: byText((r) => textOf(r.title).text),
      cell: (r) => (
        <>
          <RequestLink r={r} />
          {r.restricted && <span class="badge badge-restricted">{t('request.restricted')}</span>}
        </>
      ),
    },
    { key: 'country', header: t('col.country'), sort: byText((r) => countryLabel(r.country)), cell: (r) => countryLabel(r.country) },
    { key: 'status', header: t('col.status'), sort: byText((r) => t(`requestStatus.${r.status}`)), cell: (r) => <Badge kind="requestStatus" code={r.status} /> },
    { key: 'articles', header: t('col.articles'), cell: (r) => r.articles.map(articleShort).join(', ') },
    { key: 'statePriority', header: t('col.statePriority'), sort: byNumber((r) => PRIORITY_RANK[r.statePriority ?? ''] ?? 3), cell: (r) => priorityLabel(r.statePriority) },
    { key: 'priority', header: t('col.priority'), sort: byNumber((r) => PRIORITY_RANK[r.priority ?? ''] ?? 3), cell: (r) => priorityLabel(r.priority) },
    { key: 'submitted', header: t('col.submitted'), sort: byText((r) => r.submittedAt), cell: (r) => fmt.date(r.submittedAt) },
  ];
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(r) => r.requestId} rowProps={(r) => ({ 'data-request-id': r.requestId })} empty={t('common.none')} testId="requests-table" />;
}

/** Requests open for offers for long without one: the ten oldest charted, all listed. */
export function GapsTable({ items }: { items: readonly GapView[] }) {
  if (items.length === 0) return <p class="empty">{t('gaps.none')}</p>;
  const columns: Column<GapView>[] = [
    { key: 'request', header: t('col.request'), cell: (r) => <RequestLink r={r} /> },
    { key: 'country', header: t('col.country'), sort: byText((r) => countryLabel(r.country)), cell: (r) => <Link href={`/countries/${r.country}`}>{countryLabel(r.country)}</Link> },
    { key: 'articles', header: t('col.articles'), cell: (r) => r.articles.map(articleShort).join(', ') },
    { key: 'daysOpen', header: t('col.daysOpen'), numeric: true, sort: byNumber((r) => r.daysOpen), cell: (r) => fmt.number(r.daysOpen) },
  ];
  return (
    <>
      <BarChart
        id="gaps-chart"
        title={t('gaps.chartTitle')}
        bars={items.slice(0, 10).map((r) => ({ key: r.requestId, label: `${r.country} · ${textOf(r.title).text}`, value: r.daysOpen }))}
        format={(n) => t('common.days', { n: fmt.number(n) })}
        color="var(--chart-warn)"
      />
      <DataTable caption={t('gaps.title')} columns={columns} rows={items} rowKey={(r) => r.requestId} />
    </>
  );
}
