import { DataTable, type Column } from '../components/data-table';
import { ListFilters, type ListFilter } from '../components/list-filters';
import { Loading, ProblemNote, useQuery } from '../components/ui';
import { get } from '../lib/api';
import type { ReportedActivityList } from '../lib/api-types';
import { COUNTRIES } from '../lib/codes';
import { fmt, localized, minorDigits, t, useLanguage } from '../lib/i18n';
import { articleLabel, countryLabel } from '../lib/labels';
import { useProviderList } from '../lib/providers';
import { useRoute } from '../lib/router';

type Item = ReportedActivityList['items'][number];

const NAMES = ['provider', 'country'] as const;

const money = (amount: string | null | undefined, currency: string | null | undefined) =>
  amount && currency ? fmt.money(Math.round(Number(amount) * 10 ** minorDigits(currency)), currency) : '';
const period = (from: string | null | undefined, to: string | null | undefined) => (from || to ? `${fmt.date(from)} – ${fmt.date(to)}` : '');

const columns = (): readonly Column<Item>[] => [
  {
    key: 'title',
    header: t('reported.col.activity'),
    rowHeader: true,
    cell: (i) => {
      const title = localized(i.title as Record<string, string>);
      return (
        <>
          <bdi dir="auto" lang={title.lang}>
            {title.text}
          </bdi>
          <br />
          <code dir="ltr" lang="en" class="hint">
            {i.iatiIdentifier}
          </code>
        </>
      );
    },
  },
  { key: 'provider', header: t('col.provider'), cell: (i) => <bdi dir="ltr">{i.providerId}</bdi> },
  { key: 'recipients', header: t('reported.col.recipients'), cell: (i) => i.recipientCountries.map((c) => fmt.country(c)).join(', ') },
  { key: 'status', header: t('col.status'), cell: (i) => t(`reported.status.${i.activityStatus}`) },
  { key: 'commitment', header: t('reported.col.commitment'), numeric: true, cell: (i) => money(i.commitment, i.currency) },
  { key: 'disbursed', header: t('reported.col.disbursed'), numeric: true, cell: (i) => money(i.disbursed, i.currency) },
  { key: 'planned', header: t('reported.col.planned'), cell: (i) => period(i.plannedStart, i.plannedEnd) },
  { key: 'actual', header: t('reported.col.actual'), cell: (i) => period(i.actualStart, i.actualEnd) },
  { key: 'articles', header: t('col.articles'), cell: (i) => i.articles.map((a) => articleLabel(a)).join('; ') },
];

/**
 * The activities providers reported in their own IATI files as delivered or under way
 * (docs/iati.md, "Reported activities"), by provider and recipient country. They are the
 * providers' word, not engagements of the platform: the page says so.
 */
export function ReportedActivitiesPage() {
  const lang = useLanguage();
  const { search } = useRoute();
  const providers = useProviderList();
  const params = Object.fromEntries(NAMES.map((n) => [n, search.get(n) ?? undefined]));
  const key = `${NAMES.map((n) => params[n] ?? '').join('|')}|${lang}`;
  const result = useQuery(() => get<ReportedActivityList>('/iati/reported-activities', params), [key]);
  const provider = search.get('provider');
  const filters: ListFilter[] = [
    { name: 'provider', label: t('col.provider'), options: provider && !providers.some(([id]) => id === provider) ? [[provider, provider] as const, ...providers] : providers },
    { name: 'country', label: t('col.country'), options: COUNTRIES.map((c) => [c, countryLabel(c)] as const).sort((a, b) => a[1].localeCompare(b[1], lang)) },
  ];
  return (
    <div data-ready={result.data && !result.loading ? 'true' : 'false'}>
      <h1>{t('reported.title')}</h1>
      <p class="hint">{t('reported.intro')}</p>
      <ListFilters path="/iati/reported-activities" filters={filters} search={search} label={t('list.filters')} />
      {result.error && <ProblemNote problem={result.error} />}
      {!result.data && !result.error && <Loading />}
      {result.data && (
        <>
          <p class="hint" role="status" data-testid="list-count" data-count={result.data.items.length}>
            {t('reported.count', { n: fmt.number(result.data.items.length), total: fmt.number(result.data.total) })}
          </p>
          <DataTable caption={t('reported.title')} columns={columns()} rows={result.data.items} rowKey={(i) => i.activityId} empty={t('reported.none')} />
        </>
      )}
    </div>
  );
}
