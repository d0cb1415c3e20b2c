import { byText, DataTable, type Column } from '../components/data-table';
import { Loading, ProblemNote, Section, useQuery } from '../components/ui';
import { ApiProblem, get } from '../lib/api';
import type { PublicOffer, PublicOfferPage, PublicRequest, PublicRequestPage } from '../lib/api-types';
import { fmt, t } from '../lib/i18n';
import { articleShort, countryLabel, priorityLabel, taTypeLabel, textOf } from '../lib/labels';

function Localized({ text }: { text: PublicRequest['title'] | null | undefined }) {
  const v = textOf(text);
  return <span lang={v.lang}>{v.text}</span>;
}

/**
 * The public view of open needs (no sign-in): requests open for offers that are not
 * restricted, and open offers, as the API's public routes give them (nothing personal). When the
 * deployment does not publish them (PUBLIC_VIEW=off: the routes answer 404), says so.
 */
export function PublicPage() {
  const q = useQuery(async () => {
    try {
      const [requests, offers] = await Promise.all([get<PublicRequestPage>('/public/requests', { limit: 200 }), get<PublicOfferPage>('/public/offers', { limit: 200 })]);
      return { requests: requests.items, offers: offers.items };
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 404) return null;
      throw e;
    }
  }, []);
  const requestColumns: Column<PublicRequest>[] = [
    { key: 'request', header: t('col.request'), sort: byText((r) => textOf(r.title).text), cell: (r) => <Localized text={r.title} /> },
    { key: 'country', header: t('col.country'), sort: byText((r) => countryLabel(r.country)), cell: (r) => countryLabel(r.country) },
    { key: 'description', header: t('public.description'), cell: (r) => <Localized text={r.description} /> },
    { key: 'articles', header: t('col.articles'), cell: (r) => r.articles.map(articleShort).join(', ') },
    { key: 'taTypes', header: t('col.taType'), cell: (r) => r.taTypes.map(taTypeLabel).join(', ') },
    { key: 'priority', header: t('col.priority'), cell: (r) => priorityLabel(r.priority) },
    { key: 'opened', header: t('public.opened'), sort: byText((r) => r.openedAt), cell: (r) => fmt.date(r.openedAt) },
  ];
  const offerColumns: Column<PublicOffer>[] = [
    { key: 'offer', header: t('col.offer'), sort: byText((o) => textOf(o.title).text), cell: (o) => <Localized text={o.title} /> },
    { key: 'provider', header: t('col.provider'), sort: byText((o) => o.providerId), cell: (o) => o.providerId },
    { key: 'description', header: t('public.description'), cell: (o) => <Localized text={o.description} /> },
    { key: 'articles', header: t('col.articles'), cell: (o) => o.articles.map(articleShort).join(', ') },
    { key: 'countries', header: t('public.eligible'), cell: (o) => [...o.eligibleCountries.map(countryLabel), ...o.eligibleRegions].join(', ') },
    { key: 'window', header: t('col.window'), sort: byText((o) => o.availableFrom), cell: (o) => `${fmt.date(o.availableFrom)} – ${fmt.date(o.availableTo)}` },
  ];
  return (
    <div data-ready={q.data !== undefined ? 'true' : 'false'} class="public-view">
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      {q.error && <ProblemNote problem={q.error} />}
      {q.data === undefined && !q.error && <Loading />}
      {q.data === null && (
        <p class="empty" data-testid="public-off">
          {t('public.off')}
        </p>
      )}
      {q.data && (
        <>
          <Section id="public-requests" title={t('public.requests')}>
            <DataTable caption={t('public.requests')} columns={requestColumns} rows={q.data.requests} rowKey={(r) => r.requestId} empty={t('common.none')} testId="public-requests-table" />
          </Section>
          <Section id="public-offers" title={t('public.offers')}>
            <DataTable caption={t('public.offers')} columns={offerColumns} rows={q.data.offers} rowKey={(o) => o.offerId} empty={t('common.none')} testId="public-offers-table" />
          </Section>
        </>
      )}
    </div>
  );
}
