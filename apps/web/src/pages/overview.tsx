import { useState } from 'preact/hooks';
import { CountryMap } from '../components/country-map';
import { CoverageView } from '../components/coverage-view';
import { Downloads } from '../components/downloads';
import { TrendsView } from '../components/trends-view';
import { OverlapsTable } from '../components/engagement-tables';
import { FundingView } from '../components/funding-views';
import { MilestonesTable } from '../components/milestone-tables';
import { GapsTable } from '../components/request-tables';
import { PipelineView, StatusCounts } from '../components/status-views';
import { FoldingSection } from '../components/folding-section';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { Countries, Coverage, Gaps, Trends, Milestones, Overlaps, Pipeline, Summary } from '../lib/api-types';
import { ARTICLES, COUNTRIES, ENGAGEMENT_STATUSES, REGIONS, REQUEST_STATUSES, TA_TYPES } from '../lib/codes';
import { fmt, t } from '../lib/i18n';
import { articleLabel, countryLabel, regionLabel, taTypeLabel } from '../lib/labels';
import { isFiltered, listHref, overviewFilterOf, type OverviewFilter } from '../lib/overview-filter';
import { useProviderList } from '../lib/providers';
import { Link, navigate, useRoute } from '../lib/router';
import { ListFilters, type ListFilter } from '../components/list-filters';

const today = () => new Date().toISOString().slice(0, 10);

interface Live {
  pipeline: Pipeline;
  gaps: Gaps;
  coverage: Coverage;
  /** Overdue, the provider's report awaited; overdue, reported, the State's confirmation awaited. */
  overdueReport: Milestones;
  overdueConfirmation: Milestones;
  disputed: Milestones;
  countries: Countries;
  trends: Trends;
}

function AsOfControl({ asOf }: { asOf: string | null }) {
  const [value, setValue] = useState(asOf ?? '');
  return (
    <form
      class="asof"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(value ? `/?asOf=${value}` : '/');
      }}
    >
      <label for="asof">{t('asOf.label')}</label>
      <input id="asof" type="date" max={today()} value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit" class="btn btn-secondary">
        {t('asOf.show')}
      </button>
      {asOf && (
        <button
          type="button"
          class="btn btn-secondary"
          onClick={() => {
            setValue('');
            navigate('/');
          }}
        >
          {t('asOf.live')}
        </button>
      )}
    </form>
  );
}

function CountryJump() {
  const [code, setCode] = useState('');
  const sorted = COUNTRIES.map((c) => ({ c, name: countryLabel(c) })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (code) navigate(`/countries/${code}`);
      }}
    >
      <label for="country-jump">{t('overview.countryJump')}</label>
      <select id="country-jump" value={code} onChange={(e) => setCode((e.currentTarget as HTMLSelectElement).value)}>
        <option value="">—</option>
        {sorted.map(({ c, name }) => (
          <option key={c} value={c}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" class="btn btn-secondary">
        {t('common.go')}
      </button>
    </form>
  );
}

const SOURCE_KINDS = ['review-report', 'self-assessment', 'cited-finding'] as const;

/** The overview's filter, in its URL (lib/overview-filter.ts): applied to every section. */
function OverviewFilters({ search }: { search: URLSearchParams }) {
  const providers = useProviderList();
  const donor = search.get('donor');
  const filters: ListFilter[] = [
    { name: 'from', label: t('overview.filterFrom') },
    { name: 'to', label: t('overview.filterTo') },
    { name: 'region', label: t('overview.filterRegion'), options: REGIONS.map((r) => [r.code, `${'\u00a0\u00a0'.repeat(r.depth)}${regionLabel(r.code)}`] as const) },
    { name: 'article', label: t('col.article'), options: ARTICLES.map((a) => [a, articleLabel(a)] as const) },
    { name: 'taType', label: t('col.taType'), options: TA_TYPES.map((c) => [c, taTypeLabel(c)] as const) },
    { name: 'donor', label: t('col.provider'), options: donor && !providers.some(([id]) => id === donor) ? [[donor, donor] as const, ...providers] : providers },
    { name: 'sourceKind', label: t('list.sourceKind'), options: SOURCE_KINDS.map((k) => [k, t(`sources.kind.${k}`)] as const) },
  ];
  return <ListFilters path="/" filters={filters} search={search} label={t('overview.filters')} />;
}

/**
 * The list behind each live figure: a list page (an app route, filtered in its URL with the
 * overview's filter) or the section of this page that lists them (`#id`).
 */
const kpiTarget = (id: string, f: OverviewFilter): string | undefined =>
  ({
    requests: listHref('requests', f),
    open: listHref('requests', f, { status: 'open_for_offers' }),
    offers: listHref('offers', f),
    gaps: '#gaps',
    active: listHref('engagements', f, { status: 'active' }),
    overdueReport: '#overdue',
    overdueConfirmation: '#overdue',
    disputed: '#disputed',
    awaitingAcknowledgement: listHref('engagements', f, { status: 'completed' }),
  })[id];

function Kpis({ s, live, filter }: { s: Summary; live: boolean; filter: OverviewFilter }) {
  const tiles: Array<[string, number, string]> = [
    ['kpi.requests', s.requests.total, 'requests'],
    ['kpi.openForOffers', s.requests.byStatus.open_for_offers ?? 0, 'open'],
    ['kpi.gaps', s.gaps.count, 'gaps'],
    ['kpi.offers', s.offers.total, 'offers'],
    ['kpi.activeEngagements', s.engagements.byStatus.active ?? 0, 'active'],
    ['kpi.overdueReport', s.milestones.overdueAwaitingReport, 'overdueReport'],
    ['kpi.overdueConfirmation', s.milestones.overdueAwaitingConfirmation, 'overdueConfirmation'],
    ['kpi.disputed', s.milestones.disputed, 'disputed'],
    ['kpi.awaitingAcknowledgement', s.completions.awaitingAcknowledgement, 'awaitingAcknowledgement'],
  ];
  return (
    <ul class="kpis">
      {tiles.map(([key, n, id]) => {
        const body = (
          <>
            <span class="kpi-value" data-value={n}>
              {fmt.number(n)}
            </span>
            <span class="kpi-label">{t(key, { days: s.gaps.olderThanDays })}</span>
          </>
        );
        const target = live ? kpiTarget(id, filter) : undefined;
        return (
          <li key={key} class="kpi" data-kpi={id}>
            {target?.startsWith('#') ? (
              <a class="kpi-link" href={target}>
                {body}
              </a>
            ) : target ? (
              <Link class="kpi-link" href={target}>
                {body}
              </Link>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function OverviewPage() {
  const { search } = useRoute();
  const asOf = search.get('asOf');
  // "As of" a date is the whole record: no filter then (the API refuses both together).
  const filter: OverviewFilter = asOf ? {} : overviewFilterOf(search);
  const key = `${asOf ?? ''}|${new URLSearchParams(filter).toString()}`;
  const summary = useQuery(() => get<Summary>('/coordination/summary', asOf ? { asOf } : filter), [key]);
  const live = useQuery<Live | null>(async () => {
    if (asOf) return null;
    const [pipeline, gaps, coverage, overdueReport, overdueConfirmation, disputed, countries, trends] = await Promise.all([
      get<Pipeline>('/coordination/pipeline', filter),
      get<Gaps>('/coordination/gaps', { ...filter, limit: 20 }),
      get<Coverage>('/coordination/coverage', filter),
      get<Milestones>('/coordination/milestones/overdue', { ...filter, limit: 20, awaiting: 'report' }),
      get<Milestones>('/coordination/milestones/overdue', { ...filter, limit: 20, awaiting: 'confirmation' }),
      get<Milestones>('/coordination/milestones/disputed', { ...filter, limit: 20 }),
      get<Countries>('/coordination/countries', filter),
      get<Trends>('/coordination/trends', filter),
    ]);
    return { pipeline, gaps, coverage, overdueReport, overdueConfirmation, disputed, countries, trends };
  }, [key]);
  // Overlaps come on their own: the other sections do not wait for them.
  const overlaps = useQuery<Overlaps | null>(() => (asOf ? Promise.resolve(null) : get<Overlaps>('/coordination/overlaps', { ...filter, limit: 50 })), [key]);
  const core = summary.data !== undefined && (asOf ? true : live.data !== undefined);
  const ready = core && overlaps.data !== undefined;
  const s = summary.data;
  const l = live.data;
  return (
    <div class="overview" data-ready={ready ? 'true' : 'false'} data-core-ready={core ? 'true' : 'false'}>
      <h1>{asOf ? t('overview.titleAsOf', { date: fmt.date(asOf) }) : t('overview.title')}</h1>
      <div class="toolbar">
        <AsOfControl key={asOf ?? ''} asOf={asOf} />
        <CountryJump />
      </div>
      {asOf ? (
        <p class="note">
          {t('asOf.note')} {t('overview.filtersAsOf')}
        </p>
      ) : (
        <>
          <OverviewFilters search={search} />
          {isFiltered(filter) && <p class="hint">{t('overview.filtered')}</p>}
        </>
      )}
      {summary.error && <ProblemNote problem={summary.error} />}
      {live.error && <ProblemNote problem={live.error} />}
      {!s && !summary.error && <Loading />}
      {s && (
        <>
          <FoldingSection id="kpis" title={t('overview.keyFigures')}>
            <Kpis s={s} live={Boolean(l)} filter={filter} />
            <p class="hint" aria-live="polite">
              {t('overview.asAt', { time: fmt.dateTime(s.asAt) })}
            </p>
          </FoldingSection>
          <div class="grid">
            <FoldingSection id="pipeline-requests" title={t('pipeline.requests')} note={l ? t('pipeline.note') : undefined}>
              {l ? <PipelineView id="pipeline-requests-chart" kind="requestStatus" title={t('pipeline.requests')} stages={l.pipeline.requests} listOf={(stage) => listHref('requests', filter, { status: stage })} /> : <StatusCounts id="requests-asof" kind="requestStatus" title={t('pipeline.requests')} statuses={REQUEST_STATUSES} counts={s.requests.byStatus} />}
              {l && <Downloads view="pipeline" params={filter} label={t('pipeline.requests')} />}
            </FoldingSection>
            <FoldingSection id="pipeline-engagements" title={t('pipeline.engagements')}>
              {l ? <PipelineView id="pipeline-engagements-chart" kind="engagementStatus" title={t('pipeline.engagements')} stages={l.pipeline.engagements} listOf={(stage) => listHref('engagements', filter, { status: stage })} /> : <StatusCounts id="engagements-asof" kind="engagementStatus" title={t('pipeline.engagements')} statuses={ENGAGEMENT_STATUSES} counts={s.engagements.byStatus} />}
            </FoldingSection>
            <FoldingSection id="funding" title={t('funding.title')}>
              <FundingView id="funding-chart" lines={s.funding} filter={l ? filter : undefined} />
              {l && <Downloads view="funding" params={filter} label={t('funding.title')} />}
            </FoldingSection>
            {l && (
              <FoldingSection id="gaps" title={t('gaps.title')} note={t('gaps.note', { days: l.gaps.items[0] ? s.gaps.olderThanDays : s.gaps.olderThanDays })}>
                <GapsTable items={l.gaps.items} />
                <Downloads view="gaps" params={filter} label={t('gaps.title')} />
              </FoldingSection>
            )}
          </div>
          {l && (
            <>
              <FoldingSection id="map" title={t('map.section')}>
                <CountryMap items={l.countries.items} olderThanDays={l.countries.olderThanDays} filter={filter} />
                <Downloads view="countries" params={filter} label={t('map.section')} />
              </FoldingSection>
              <FoldingSection id="trends" title={t('trends.title')}>
                <TrendsView trends={l.trends} filter={filter} />
                <Downloads view="trends/requests" params={filter} label={t('trends.requestsCaption')} />
                <Downloads view="trends" params={filter} label={t('trends.fundingCaption')} />
              </FoldingSection>
              <FoldingSection id="overlaps" title={t('overlaps.title')} note={t('overlaps.note')}>
                {overlaps.error && <ProblemNote problem={overlaps.error} />}
                {overlaps.data ? <OverlapsTable items={overlaps.data.items} /> : !overlaps.error && <Loading />}
                <Downloads view="overlaps" params={filter} label={t('overlaps.title')} />
              </FoldingSection>
              <div class="grid">
                <FoldingSection id="overdue" title={t('milestones.overdue')}>
                  <MilestonesTable kind="overdue" awaiting="report" items={l.overdueReport.items} />
                  <MilestonesTable kind="overdue" awaiting="confirmation" items={l.overdueConfirmation.items} />
                  <Downloads view="milestones/overdue" params={filter} label={t('milestones.overdue')} />
                </FoldingSection>
                <FoldingSection id="disputed" title={t('milestones.disputed')}>
                  <MilestonesTable kind="disputed" items={l.disputed.items} />
                  <Downloads view="milestones/disputed" params={filter} label={t('milestones.disputed')} />
                </FoldingSection>
              </div>
              <FoldingSection id="coverage" title={t('coverage.title')}>
                <CoverageView items={l.coverage.items} filter={filter} />
                <Downloads view="coverage" params={filter} label={t('coverage.title')} />
              </FoldingSection>
            </>
          )}
        </>
      )}
    </div>
  );
}
