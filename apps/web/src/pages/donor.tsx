import { byNumber, byText, DataTable, type Column } from '../components/data-table';
import { Downloads } from '../components/downloads';
import { EngagementsTable } from '../components/engagement-tables';
import { FundingView } from '../components/funding-views';
import { OffersTable } from '../components/offer-tables';
import { Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { DonorView, EngagementPage, OfferPage } from '../lib/api-types';
import { fmt, t } from '../lib/i18n';
import { countryLabel } from '../lib/labels';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';

type DonorCountry = DonorView['countries'][number];

function CountriesTable({ items }: { items: readonly DonorCountry[] }) {
  const columns: Column<DonorCountry>[] = [
    { key: 'country', header: t('col.country'), rowHeader: true, sort: byText((c) => countryLabel(c.country)), cell: (c) => <Link href={`/countries/${c.country}`}>{countryLabel(c.country)}</Link> },
    { key: 'engagements', header: t('donor.engagementsCount'), numeric: true, sort: byNumber((c) => c.engagements), cell: (c) => fmt.number(c.engagements) },
    { key: 'active', header: t('engagementStatus.active'), numeric: true, sort: byNumber((c) => c.active), cell: (c) => fmt.number(c.active) },
    { key: 'completed', header: t('engagementStatus.completed'), numeric: true, sort: byNumber((c) => c.completed), cell: (c) => fmt.number(c.completed) },
    { key: 'acknowledged', header: t('engagementStatus.acknowledged'), numeric: true, sort: byNumber((c) => c.acknowledged), cell: (c) => fmt.number(c.acknowledged) },
  ];
  return <DataTable caption={t('donor.countries')} columns={columns} rows={items} rowKey={(c) => c.country} empty={t('common.none')} />;
}

export function DonorPage({ id }: { id: string }) {
  const providerName = useProviderNames();
  const q = useQuery(
    () =>
      Promise.all([
        get<DonorView>(`/coordination/donors/${encodeURIComponent(id)}`).catch((e: { code?: string }) => (e.code === 'coordination.donor_not_found' || e.code === 'request.malformed_id' ? null : Promise.reject(e))),
        get<OfferPage>('/offers', { donor: id, limit: 100 }),
        get<EngagementPage>('/engagements', { donor: id, limit: 100 }),
      ]),
    [id],
  );
  const [d, offers, engagements] = q.data ?? [];
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('donor.title', { donor: providerName(id) })}</h1>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && !d && <p class="empty">{t('donor.nothing')}</p>}
      {d && offers && engagements && (
        <>
          <Section id="donor-funding" title={t('funding.title')}>
            <FundingView id="donor-funding-chart" lines={d.funding} />
            <Downloads view="funding" params={{ donor: id }} label={t('funding.title')} />
          </Section>
          <Section id="donor-offers" title={t('donor.offers')}>
            <OffersTable items={offers.items} caption={t('donor.offers')} />
            <Downloads view="offers" params={{ donor: id }} label={t('donor.offers')} />
          </Section>
          <Section id="donor-engagements" title={t('donor.engagements')}>
            <EngagementsTable items={engagements.items} caption={t('donor.engagements')} />
            <Downloads view="engagements" params={{ donor: id }} label={t('donor.engagements')} />
          </Section>
          <Section id="donor-countries" title={t('donor.countries')}>
            <CountriesTable items={d.countries} />
            <Downloads view={`donors/${encodeURIComponent(id)}/countries`} label={t('donor.countries')} />
          </Section>
        </>
      )}
    </div>
  );
}
