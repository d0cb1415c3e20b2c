import { BarChart, GroupedBars, Heatmap, type Cell } from '../components/charts';
import { Badge } from '../components/ui';
import { fmt, quantity, t } from '../lib/i18n';
import { articleLabel, articleShort, countryLabel, taTypeLabel, textOf } from '../lib/labels';
import { Link } from '../lib/router';
import type { CoverageCell, FundingLine, MilestoneRow, OverlapGroup, Page, RequestRow, Stage } from '../lib/types';

const days = (n: number | null) => (n === null ? '–' : fmt.number(n, 1));

export function StatusCounts(props: { id: string; kind: 'requestStatus' | 'engagementStatus' | 'offerStatus'; title: string; statuses: readonly string[]; counts: Record<string, number> }) {
  const bars = props.statuses.map((s) => ({ key: s, label: t(`${props.kind}.${s}`), value: props.counts[s] ?? 0 }));
  return (
    <>
      <BarChart id={props.id} title={props.title} bars={bars} format={(n) => fmt.number(n)} />
      <table class="data">
        <caption class="sr-only">{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.stage')}</th>
            <th scope="col" class="num">
              {t('col.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.key}>
              <th scope="row">{b.label}</th>
              <td class="num">{fmt.number(b.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function PipelineView(props: { id: string; kind: 'requestStatus' | 'engagementStatus'; title: string; stages: Stage[] }) {
  const bars = props.stages.map((s) => ({
    key: s.stage,
    label: t(`${props.kind}.${s.stage}`),
    value: s.count,
    text: s.count > 0 && s.medianAgeDays !== null ? t('pipeline.barText', { n: fmt.number(s.count), days: days(s.medianAgeDays) }) : fmt.number(s.count),
  }));
  return (
    <>
      <BarChart id={props.id} title={props.title} bars={bars} format={(n) => fmt.number(n)} />
      <table class="data" data-testid={`${props.id}-table`}>
        <caption class="sr-only">{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.stage')}</th>
            <th scope="col" class="num">
              {t('col.count')}
            </th>
            <th scope="col" class="num">
              {t('col.avgAge')}
            </th>
            <th scope="col" class="num">
              {t('col.medianAge')}
            </th>
            <th scope="col" class="num">
              {t('col.maxAge')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.stages.map((s) => (
            <tr key={s.stage} data-stage={s.stage}>
              <th scope="row">{t(`${props.kind}.${s.stage}`)}</th>
              <td class="num" data-count={s.count}>
                {fmt.number(s.count)}
              </td>
              <td class="num">{days(s.avgAgeDays)}</td>
              <td class="num">{days(s.medianAgeDays)}</td>
              <td class="num">{days(s.maxAgeDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function FundingView({ id, lines }: { id: string; lines: FundingLine[] }) {
  if (lines.length === 0) return <p class="empty">{t('common.none')}</p>;
  const unitLabel = (l: FundingLine) => (l.unit === 'money' && l.currency ? `${l.currency} · ${fmt.currencyName(l.currency)}` : t('unit.expertDaysTitle'));
  const q = (l: FundingLine, n: number) => quantity(n, l.unit, l.currency);
  const groups = lines.map((l) => ({
    key: `${l.unit}:${l.currency ?? ''}`,
    label: unitLabel(l),
    values: (['pledged', 'committed', 'delivered'] as const).map((k) => ({ key: k, label: t(`funding.${k}`), value: l[k], text: q(l, l[k]) })),
  }));
  return (
    <>
      <GroupedBars id={id} title={t('funding.chartTitle')} groups={groups} />
      <table class="data">
        <caption class="sr-only">{t('funding.chartTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.unit')}</th>
            <th scope="col" class="num">
              {t('funding.pledged')}
            </th>
            <th scope="col" class="num">
              {t('funding.committed')}
            </th>
            <th scope="col" class="num">
              {t('funding.delivered')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={`${l.unit}:${l.currency ?? ''}`}>
              <th scope="row">{unitLabel(l)}</th>
              <td class="num">{q(l, l.pledged)}</td>
              <td class="num">{q(l, l.committed)}</td>
              <td class="num">{q(l, l.delivered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function GapsTable({ items }: { items: RequestRow[] }) {
  if (items.length === 0) return <p class="empty">{t('gaps.none')}</p>;
  return (
    <>
      <BarChart id="gaps-chart" title={t('gaps.chartTitle')} bars={items.slice(0, 10).map((r) => ({ key: r.requestId, label: `${r.country} · ${textOf(r.title).text}`, value: r.daysOpen ?? 0 }))} format={(n) => t('common.days', { n: fmt.number(n) })} color="var(--chart-warn)" />
      <table class="data">
        <caption class="sr-only">{t('gaps.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.request')}</th>
            <th scope="col">{t('col.country')}</th>
            <th scope="col">{t('col.articles')}</th>
            <th scope="col" class="num">
              {t('col.daysOpen')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const title = textOf(r.title);
            return (
              <tr key={r.requestId}>
                <td>
                  <Link href={`/requests/${r.requestId}`} lang={title.lang}>
                    {title.text}
                  </Link>
                </td>
                <td>
                  <Link href={`/countries/${r.country}`}>{countryLabel(r.country)}</Link>
                </td>
                <td>{r.articles.map(articleShort).join(', ')}</td>
                <td class="num">{fmt.number(r.daysOpen ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Engagement links (and providers) shown per overlap group; the rest is counted. */
const OVERLAP_LINKS = 10;

export function OverlapsView({ data }: { data: Page<OverlapGroup> }) {
  if (data.items.length === 0) return <p class="empty">{t('overlaps.none')}</p>;
  return (
    <table class="data">
      <caption class="sr-only">{t('overlaps.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.kind')}</th>
          <th scope="col">{t('col.country')}</th>
          <th scope="col">{t('col.providers')}</th>
          <th scope="col">{t('col.articles')}</th>
          <th scope="col">{t('col.window')}</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((g) => {
          const members = g.kind === 'engagements' ? g.engagements : g.offers;
          const providers = [...new Set(members.map((m) => m.providerId))];
          const more = g.kind === 'engagements' ? g.size - Math.min(OVERLAP_LINKS, members.length) : 0;
          return (
            <tr key={`${g.kind}|${g.country}|${g.kind === 'engagements' ? g.institution : ''}|${g.article}|${g.window.from}`}>
              <td>
                {g.kind === 'engagements' ? (
                  <>
                    {g.sameRequest ? t('overlaps.sameRequest') : t('overlaps.engagements')}{' '}
                    {g.engagements.slice(0, OVERLAP_LINKS).map((e, i) => (
                      <span key={e.engagementId}>
                        {i > 0 && ', '}
                        <Link href={`/engagements/${e.engagementId}`}>{t('overlaps.engagementN', { n: i + 1 })}</Link>
                      </span>
                    ))}
                  </>
                ) : (
                  `${t('overlaps.offers')} (${fmt.number(g.size)})`
                )}
                {more > 0 && ` +${fmt.number(more)}`}
              </td>
              <td>{countryLabel(g.country)}</td>
              <td>
                {providers.slice(0, OVERLAP_LINKS).join(', ')}
                {providers.length > OVERLAP_LINKS && ' …'}
              </td>
              <td>{articleShort(g.article)}</td>
              <td>
                {fmt.date(g.window.from)} – {fmt.date(g.window.to)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MilestonesTable({ items, kind }: { items: MilestoneRow[]; kind: 'overdue' | 'disputed' }) {
  if (items.length === 0) return <p class="empty">{t(`milestones.none.${kind}`)}</p>;
  return (
    <table class="data" data-testid={`milestones-${kind}`}>
      <caption class="sr-only">{t(`milestones.${kind}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.milestone')}</th>
          <th scope="col">{t('col.country')}</th>
          <th scope="col">{t('col.provider')}</th>
          <th scope="col">{t('col.due')}</th>
          <th scope="col">{kind === 'overdue' ? t('col.daysOverdue') : t('col.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => {
          const title = textOf(m.title);
          return (
            <tr key={m.engagementId + m.milestoneId}>
              <td>
                <Link href={`/engagements/${m.engagementId}`} lang={title.lang}>
                  {title.text}
                </Link>{' '}
                <Badge kind="milestoneStatus" code={m.status} />
              </td>
              <td>{m.country ? countryLabel(m.country) : ''}</td>
              <td>{m.providerId}</td>
              <td>{fmt.date(m.dueDate)}</td>
              <td>{kind === 'overdue' ? fmt.number(m.daysOverdue ?? 0) : m.disputeReason}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function CoverageView({ items }: { items: CoverageCell[] }) {
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
      <table class="data">
        <caption class="sr-only">{t('coverage.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.article')}</th>
            <th scope="col">{t('col.taType')}</th>
            <th scope="col" class="num">
              {t('coverage.requests')}
            </th>
            <th scope="col" class="num">
              {t('coverage.open')}
            </th>
            <th scope="col" class="num">
              {t('coverage.matched')}
            </th>
            <th scope="col" class="num">
              {t('coverage.offers')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={`${c.article}|${c.taType}`} class={c.uncovered ? 'row-warn' : undefined}>
              <th scope="row">{articleLabel(c.article)}</th>
              <td>{taTypeLabel(c.taType)}</td>
              <td class="num">{fmt.number(c.requests)}</td>
              <td class="num">
                {fmt.number(c.openRequests)}
                {c.uncovered && <span class="sr-only"> {t('coverage.uncovered')}</span>}
              </td>
              <td class="num">{fmt.number(c.matchedRequests)}</td>
              <td class="num">{fmt.number(c.openOffers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
