import { Downloads } from '../components/downloads';
import { CountryFundingTable } from '../components/funding-views';
import { RequestsTable } from '../components/request-tables';
import { StatusCounts } from '../components/status-views';
import { Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { CountryView, RequestPage } from '../lib/api-types';
import { ENGAGEMENT_STATUSES, REQUEST_STATUSES } from '../lib/codes';
import { fmt, t } from '../lib/i18n';
import { countryLabel } from '../lib/labels';

export function CountryPage({ code }: { code: string }) {
  const q = useQuery(
    () => Promise.all([get<CountryView>(`/coordination/countries/${encodeURIComponent(code)}`), get<RequestPage>('/requests', { country: code, limit: 100 })]),
    [code],
  );
  const [c, requests] = q.data ?? [];
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('country.title', { country: countryLabel(code) })}</h1>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {c && requests && (
        <>
          <Section id="country-figures" title={t('overview.keyFigures')}>
            <ul class="kpis">
              <li class="kpi">
                <span class="kpi-value">{fmt.number(c.requests.total)}</span>
                <span class="kpi-label">{t('kpi.requests')}</span>
              </li>
              <li class="kpi">
                <span class="kpi-value">{fmt.number(c.gaps.count)}</span>
                <span class="kpi-label">{t('kpi.gaps', { days: c.gaps.olderThanDays })}</span>
              </li>
              <li class="kpi">
                <span class="kpi-value">{fmt.number(c.openOffersEligible)}</span>
                <span class="kpi-label">{t('kpi.eligibleOffers')}</span>
              </li>
              <li class="kpi">
                <span class="kpi-value">{fmt.number(c.overdueMilestones)}</span>
                <span class="kpi-label">{t('kpi.overdue')}</span>
              </li>
            </ul>
          </Section>
          <div class="grid">
            <Section id="country-requests" title={t('pipeline.requests')}>
              <StatusCounts id="country-requests-chart" kind="requestStatus" title={t('pipeline.requests')} statuses={REQUEST_STATUSES} counts={c.requests.byStatus} />
            </Section>
            <Section id="country-engagements" title={t('pipeline.engagements')}>
              <StatusCounts id="country-engagements-chart" kind="engagementStatus" title={t('pipeline.engagements')} statuses={ENGAGEMENT_STATUSES} counts={c.engagements.byStatus} />
            </Section>
          </div>
          <Section id="country-funding" title={t('funding.title')}>
            <CountryFundingTable lines={c.funding} />
          </Section>
          <Section id="country-list" title={t('country.requests')}>
            <RequestsTable items={requests.items} caption={t('country.requests')} />
            <Downloads view="requests" params={{ country: code }} label={t('country.requests')} />
          </Section>
        </>
      )}
    </div>
  );
}
