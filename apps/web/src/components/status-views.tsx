import { fmt, t } from '../lib/i18n';
import { Link } from '../lib/router';
import type { Stage } from '../lib/api-types';
import { BarChart } from './charts';
import { DataTable, type Column } from './data-table';

type StatusKind = 'requestStatus' | 'engagementStatus' | 'offerStatus';

const days = (n: number | null) => (n === null ? '–' : fmt.number(n, 1));

/** Counts per status (a chart and its table), every status listed in its lifecycle order. */
export function StatusCounts(props: { id: string; kind: StatusKind; title: string; statuses: readonly string[]; counts: Partial<Record<string, number>> }) {
  const bars = props.statuses.map((s) => ({ key: s, label: t(`${props.kind}.${s}`), value: props.counts[s] ?? 0 }));
  const columns: Column<(typeof bars)[number]>[] = [
    { key: 'stage', header: t('col.stage'), rowHeader: true, cell: (b) => b.label },
    { key: 'count', header: t('col.count'), numeric: true, cell: (b) => fmt.number(b.value) },
  ];
  return (
    <>
      <BarChart id={props.id} title={props.title} bars={bars} format={(n) => fmt.number(n)} />
      <DataTable caption={props.title} columns={columns} rows={bars} rowKey={(b) => b.key} />
    </>
  );
}

/** Stages of the pipeline: how many are in each, and for how long (days). */
export function PipelineView(props: { id: string; kind: Exclude<StatusKind, 'offerStatus'>; title: string; stages: readonly Stage[]; listOf?: (stage: string) => string }) {
  const bars = props.stages.map((s) => ({
    key: s.stage,
    label: t(`${props.kind}.${s.stage}`),
    value: s.count,
    text: s.count > 0 && s.medianAgeDays !== null ? t('pipeline.barText', { n: fmt.number(s.count), days: days(s.medianAgeDays) }) : fmt.number(s.count),
  }));
  const columns: Column<Stage>[] = [
    { key: 'stage', header: t('col.stage'), rowHeader: true, cell: (s) => t(`${props.kind}.${s.stage}`) },
    {
      key: 'count',
      header: t('col.count'),
      numeric: true,
      // The list behind the figure, where there is one to show.
      cell: (s) => (props.listOf && s.count > 0 ? <Link href={props.listOf(s.stage)} aria-label={t('list.showStage', { n: fmt.number(s.count), stage: t(`${props.kind}.${s.stage}`) })}>{fmt.number(s.count)}</Link> : fmt.number(s.count)),
      cellProps: (s) => ({ 'data-count': s.count }),
    },
    { key: 'avg', header: t('col.avgAge'), numeric: true, cell: (s) => days(s.avgAgeDays) },
    { key: 'median', header: t('col.medianAge'), numeric: true, cell: (s) => days(s.medianAgeDays) },
    { key: 'max', header: t('col.maxAge'), numeric: true, cell: (s) => days(s.maxAgeDays) },
  ];
  return (
    <>
      <BarChart id={props.id} title={props.title} bars={bars} format={(n) => fmt.number(n)} />
      <DataTable caption={props.title} columns={columns} rows={props.stages} rowKey={(s) => s.stage} rowProps={(s) => ({ 'data-stage': s.stage })} testId={`${props.id}-table`} />
    </>
  );
}
