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
import { COUNTRIES, ENGAGEMENT_STATUSES, REQUEST_STATUSES } from '../lib/codes';
import { fmt, t } from '../lib/i18n';
import { countryLabel } from '../lib/labels';
import { Link, navigate, useRoute } from '../lib/router';

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

/**
 * The list behind each live figure: a list page (an app route, filtered in its URL) or the
 * section of this page that lists them (`#id`).
 */
const KPI_TARGET: Readonly<Record<string, string>> = {
  requests: '/requests',
  open: '/requests?status=open_for_offers',
  offers: '/offers',
  gaps: '#gaps',
  active: '/engagements?status=active',
  overdueReport: '#overdue',
  overdueConfirmation: '#overdue',
  disputed: '#disputed',
  awaitingAcknowledgement: '/engagements?status=completed',
};

function Kpis({ s, live }: { s: Summary; live: boolean }) {
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
        const target = live ? KPI_TARGET[id] : undefined;
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
  const summary = useQuery(() => get<Summary>('/coordination/summary', asOf ? { asOf } : {}), [asOf]);
  const live = useQuery<Live | null>(async () => {
    if (asOf) return null;
    const [pipeline, gaps, coverage, overdueReport, overdueConfirmation, disputed, countries, trends] = await Promise.all([
      get<Pipeline>('/coordination/pipeline'),
      get<Gaps>('/coordination/gaps', { limit: 20 }),
      get<Coverage>('/coordination/coverage'),
      get<Milestones>('/coordination/milestones/overdue', { limit: 20, awaiting: 'report' }),
      get<Milestones>('/coordination/milestones/overdue', { limit: 20, awaiting: 'confirmation' }),
      get<Milestones>('/coordination/milestones/disputed', { limit: 20 }),
      get<Countries>('/coordination/countries'),
      get<Trends>('/coordination/trends'),
    ]);
    return { pipeline, gaps, coverage, overdueReport, overdueConfirmation, disputed, countries, trends };
  }, [asOf]);
  // Overlaps come on their own: the other sections do not wait for them.
  const overlaps = useQuery<Overlaps | null>(() => (asOf ? Promise.resolve(null) : get<Overlaps>('/coordination/overlaps', { limit: 50 })), [asOf]);
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
      {asOf && <p class="note">{t('asOf.note')}</p>}
      {summary.error && <ProblemNote problem={summary.error} />}
      {live.error && <ProblemNote problem={live.error} />}
      {!s && !summary.error && <Loading />}
      {s && (
        <>
          <FoldingSection id="kpis" title={t('overview.keyFigures')}>
            <Kpis s={s} live={Boolean(l)} />
            <p class="hint" aria-live="polite">
              {t('overview.asAt', { time: fmt.dateTime(s.asAt) })}
            </p>
          </FoldingSection>
          <div class="grid">
            <FoldingSection id="pipeline-requests" title={t('pipeline.requests')} note={l ? t('pipeline.note') : undefined}>
              {l ? <PipelineView id="pipeline-requests-chart" kind="requestStatus" title={t('pipeline.requests')} stages={l.pipeline.requests} listOf={(stage) => `/requests?status=${stage}`} /> : <StatusCounts id="requests-asof" kind="requestStatus" title={t('pipeline.requests')} statuses={REQUEST_STATUSES} counts={s.requests.byStatus} />}
              {l && <Downloads view="pipeline" label={t('pipeline.requests')} />}
            </FoldingSection>
            <FoldingSection id="pipeline-engagements" title={t('pipeline.engagements')}>
              {l ? <PipelineView id="pipeline-engagements-chart" kind="engagementStatus" title={t('pipeline.engagements')} stages={l.pipeline.engagements} listOf={(stage) => `/engagements?status=${stage}`} /> : <StatusCounts id="engagements-asof" kind="engagementStatus" title={t('pipeline.engagements')} statuses={ENGAGEMENT_STATUSES} counts={s.engagements.byStatus} />}
            </FoldingSection>
            <FoldingSection id="funding" title={t('funding.title')}>
              <FundingView id="funding-chart" lines={s.funding} />
              {l && <Downloads view="funding" label={t('funding.title')} />}
            </FoldingSection>
            {l && (
              <FoldingSection id="gaps" title={t('gaps.title')} note={t('gaps.note', { days: l.gaps.items[0] ? s.gaps.olderThanDays : s.gaps.olderThanDays })}>
                <GapsTable items={l.gaps.items} />
                <Downloads view="gaps" label={t('gaps.title')} />
              </FoldingSection>
            )}
          </div>
          {l && (
            <>
              <FoldingSection id="map" title={t('map.section')}>
                <CountryMap items={l.countries.items} olderThanDays={l.countries.olderThanDays} />
                <Downloads view="countries" label={t('map.section')} />
              </FoldingSection>
              <FoldingSection id="trends" title={t('trends.title')}>
                <TrendsView trends={l.trends} />
                <Downloads view="trends/requests" label={t('trends.requestsCaption')} />
                <Downloads view="trends" label={t('trends.fundingCaption')} />
              </FoldingSection>
              <FoldingSection id="overlaps" title={t('overlaps.title')} note={t('overlaps.note')}>
                {overlaps.error && <ProblemNote problem={overlaps.error} />}
                {overlaps.data ? <OverlapsTable items={overlaps.data.items} /> : !overlaps.error && <Loading />}
                <Downloads view="overlaps" label={t('overlaps.title')} />
              </FoldingSection>
              <div class="grid">
                <FoldingSection id="overdue" title={t('milestones.overdue')}>
                  <MilestonesTable kind="overdue" awaiting="report" items={l.overdueReport.items} />
                  <MilestonesTable kind="overdue" awaiting="confirmation" items={l.overdueConfirmation.items} />
                  <Downloads view="milestones/overdue" label={t('milestones.overdue')} />
                </FoldingSection>
                <FoldingSection id="disputed" title={t('milestones.disputed')}>
                  <MilestonesTable kind="disputed" items={l.disputed.items} />
                  <Downloads view="milestones/disputed" label={t('milestones.disputed')} />
                </FoldingSection>
              </div>
              <FoldingSection id="coverage" title={t('coverage.title')}>
                <CoverageView items={l.coverage.items} />
                <Downloads view="coverage" label={t('coverage.title')} />
              </FoldingSection>
            </>
          )}
        </>
      )}
    </div>
  );
}
