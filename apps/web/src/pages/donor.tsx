import { Badge, Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { get } from '../lib/api';
import { fmt, quantity, t } from '../lib/i18n';
import { countryLabel, textOf } from '../lib/labels';
import { Link } from '../lib/router';
import type { DonorView, EngagementRow, OfferRow, Page } from '../lib/types';
import { FundingView } from './overview-parts';

export function DonorPage({ id }: { id: string }) {
  const q = useQuery(
    () =>
      Promise.all([
        get<DonorView>(`/coordination/donors/${encodeURIComponent(id)}`).catch((e: { code?: string }) => (e.code === 'coordination.donor_not_found' || e.code === 'request.malformed_id' ? null : Promise.reject(e))),
        get<Page<OfferRow>>('/offers', { donor: id, limit: 100 }),
        get<Page<EngagementRow>>('/engagements', { donor: id, limit: 100 }),
      ]),
    [id],
  );
  const [d, offers, engagements] = q.data ?? [];
  return (
    <div data-ready={q.data ? 'true' : 'false'}>
      <h1>{t('donor.title', { donor: id })}</h1>
      {q.error && <ProblemNote problem={q.error} />}
      {!q.data && !q.error && <Loading />}
      {q.data && !d && <p class="empty">{t('donor.nothing')}</p>}
      {d && offers && engagements && (
        <>
          <Section id="donor-funding" title={t('funding.title')}>
            <FundingView id="donor-funding-chart" lines={d.funding} />
          </Section>
          <Section id="donor-offers" title={t('donor.offers')}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('col.offer')}</th>
                  <th scope="col">{t('col.status')}</th>
                  <th scope="col" class="num">
                    {t('col.capacity')}
                  </th>
                  <th scope="col" class="num">
                    {t('col.remaining')}
                  </th>
                  <th scope="col">{t('col.window')}</th>
                </tr>
              </thead>
              <tbody>
                {offers.items.map((o) => {
                  const title = textOf(o.title);
                  return (
                    <tr key={o.offerId}>
                      <td lang={title.lang}>{title.text}</td>
                      <td>
                        <Badge kind="offerStatus" code={o.status} />
                      </td>
                      <td class="num">{quantity(o.capacity, o.capacityKind, o.currency)}</td>
                      <td class="num">{quantity(o.remaining, o.capacityKind, o.currency)}</td>
                      <td>
                        {fmt.date(o.availableFrom)} – {fmt.date(o.availableTo)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Section>
          <Section id="donor-engagements" title={t('donor.engagements')}>
            <EngagementsTable items={engagements.items} />
          </Section>
          <Section id="donor-countries" title={t('donor.countries')}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('col.country')}</th>
                  <th scope="col" class="num">
                    {t('donor.engagementsCount')}
                  </th>
                  <th scope="col" class="num">
                    {t('engagementStatus.active')}
                  </th>
                  <th scope="col" class="num">
                    {t('engagementStatus.completed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.countries.map((c) => (
                  <tr key={c.country}>
                    <th scope="row">
                      <Link href={`/countries/${c.country}`}>{countryLabel(c.country)}</Link>
                    </th>
                    <td class="num">{fmt.number(c.engagements)}</td>
                    <td class="num">{fmt.number(c.active)}</td>
                    <td class="num">{fmt.number(c.completed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        </>
      )}
    </div>
  );
}

export function EngagementsTable({ items }: { items: EngagementRow[] }) {
  if (items.length === 0) return <p class="empty">{t('common.none')}</p>;
  return (
    <table class="data" data-testid="engagements-table">
      <thead>
        <tr>
          <th scope="col">{t('col.engagement')}</th>
          <th scope="col">{t('col.country')}</th>
          <th scope="col">{t('col.provider')}</th>
          <th scope="col">{t('col.status')}</th>
          <th scope="col" class="num">
            {t('col.amount')}
          </th>
          <th scope="col" class="num">
            {t('col.score')}
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.engagementId} data-engagement-id={e.engagementId}>
            <td>
              <Link href={`/engagements/${e.engagementId}`}>{t('engagement.linkText', { date: fmt.date(e.proposedAt) })}</Link>
            </td>
            <td>{countryLabel(e.country)}</td>
            <td>{e.providerId}</td>
            <td>
              <Badge kind="engagementStatus" code={e.status} />
            </td>
            <td class="num">{quantity(e.amount, e.unitKind, e.currency)}</td>
            <td class="num">{fmt.number(e.score * 100)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
