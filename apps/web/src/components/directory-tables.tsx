import type { OrganisationView } from '../lib/api-types';
import { t } from '../lib/i18n';
import { articleShort, countryLabel } from '../lib/labels';
import { Link } from '../lib/router';
import { byText, DataTable, type Column } from './data-table';
import { Badge } from './ui';

/** Entries of the directory: name (in the reader's language, from the API), kind, country, status, and an authority's areas. */
export function OrganisationsTable({ items, caption }: { items: readonly OrganisationView[]; caption: string }) {
  const columns: Column<OrganisationView>[] = [
    {
      key: 'name',
      header: t('col.name'),
      rowHeader: true,
      sort: byText((o) => o.name),
      cell: (o) => <Link href={`/directory/${encodeURIComponent(o.id)}`}>{o.name}</Link>,
      cellProps: (o) => ({ 'data-id': o.id }),
    },
    { key: 'kind', header: t('col.kind'), sort: byText((o) => t(`orgKind.${o.kind}`)), cell: (o) => t(`orgKind.${o.kind}`) },
    { key: 'country', header: t('col.country'), sort: byText((o) => (o.country ? countryLabel(o.country) : '')), cell: (o) => (o.country ? countryLabel(o.country) : '—') },
    { key: 'areas', header: t('directory.areas'), cell: (o) => (o.authority ? o.authority.articles.map(articleShort).join(', ') : '') },
    { key: 'status', header: t('col.status'), sort: byText((o) => o.status), cell: (o) => <Badge kind="orgStatus" code={o.status} /> },
  ];
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(o) => o.id} rowProps={(o) => ({ 'data-status': o.status })} empty={t('common.none')} testId="directory" />;
}
