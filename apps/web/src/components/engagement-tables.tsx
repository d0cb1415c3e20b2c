import { fmt, quantity, t } from '../lib/i18n';
import { articleShort, countryLabel } from '../lib/labels';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';
import type { EngagementView, OverlapGroup } from '../lib/api-types';
import { byNumber, byText, DataTable, type Column } from './data-table';
import { Badge } from './ui';

/** Engagements: a link to each, country, provider, status, amount, score. */
export function EngagementsTable({ items, caption }: { items: readonly EngagementView[]; caption: string }) {
  const providerName = useProviderNames();
  const columns: Column<EngagementView>[] = [
    {
      key: 'engagement',
      header: t('col.engagement'),
      sort: byText((e) => e.proposedAt),
      cell: (e) => <Link href={`/engagements/${e.engagementId}`}>{t('engagement.linkText', { date: fmt.date(e.proposedAt) })}</Link>,
    },
    { key: 'country', header: t('col.country'), sort: byText((e) => countryLabel(e.country)), cell: (e) => countryLabel(e.country) },
    { key: 'provider', header: t('col.provider'), sort: byText((e) => providerName(e.providerId)), cell: (e) => providerName(e.providerId) },
    { key: 'status', header: t('col.status'), sort: byText((e) => t(`engagementStatus.${e.status}`)), cell: (e) => <Badge kind="engagementStatus" code={e.status} /> },
    { key: 'amount', header: t('col.amount'), numeric: true, cell: (e) => quantity(e.amount, e.unitKind, e.currency) },
    { key: 'score', header: t('col.score'), numeric: true, sort: byNumber((e) => e.score), cell: (e) => fmt.number(e.score * 100) },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={items}
      rowKey={(e) => e.engagementId}
      rowProps={(e) => ({ 'data-engagement-id': e.engagementId })}
      empty={t('common.none')}
      testId="engagements-table"
    />
  );
}

/** Engagement links (and providers) shown per overlap group; the rest is counted. */
const OVERLAP_LINKS = 10;

const overlapKey = (g: OverlapGroup) => `${g.kind}|${g.country}|${g.kind === 'engagements' ? g.institution : ''}|${g.article}|${g.window.from}`;

function OverlapMembers({ g }: { g: OverlapGroup }) {
  if (g.kind === 'offers') return <>{`${t('overlaps.offers')} (${fmt.number(g.size)})`}</>;
  const more = g.size - Math.min(OVERLAP_LINKS, g.engagements.length);
  return (
    <>
      {g.sameRequest ? t('overlaps.sameRequest') : t('overlaps.engagements')}{' '}
      {g.engagements.slice(0, OVERLAP_LINKS).map((e, i) => (
        <span key={e.engagementId}>
          {i > 0 && ', '}
          <Link href={`/engagements/${e.engagementId}`}>{t('overlaps.engagementN', { n: i + 1 })}</Link>
        </span>
      ))}
      {more > 0 && ` +${fmt.number(more)}`}
    </>
  );
}

function providersOf(g: OverlapGroup): string {
  const members = g.kind === 'engagements' ? g.engagements : g.offers;
  const providers = [...new Set(members.map((m) => m.providerId))];
  return providers.slice(0, OVERLAP_LINKS).join(', ') + (providers.length > OVERLAP_LINKS ? ' …' : '');
}

/** Groups of engagements (or offers) aimed at the same country, institution and article in overlapping windows. */
export function OverlapsTable({ items }: { items: readonly OverlapGroup[] }) {
  const columns: Column<OverlapGroup>[] = [
    { key: 'kind', header: t('col.kind'), cell: (g) => <OverlapMembers g={g} /> },
    { key: 'country', header: t('col.country'), sort: byText((g) => countryLabel(g.country)), cell: (g) => countryLabel(g.country) },
    { key: 'providers', header: t('col.providers'), cell: providersOf },
    { key: 'article', header: t('col.articles'), cell: (g) => articleShort(g.article) },
    {
      key: 'window',
      header: t('col.window'),
      sort: byText((g) => g.window.from),
      cell: (g) => (
        <>
          {fmt.date(g.window.from)} – {fmt.date(g.window.to)}
        </>
      ),
    },
  ];
  return <DataTable caption={t('overlaps.title')} columns={columns} rows={items} rowKey={overlapKey} empty={t('overlaps.none')} />;
}
