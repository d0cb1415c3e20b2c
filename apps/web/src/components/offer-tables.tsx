import { fmt, quantity, t } from '../lib/i18n';
import { textOf } from '../lib/labels';
import { useProviderNames } from '../lib/providers';
import { Link } from '../lib/router';
import type { OfferView } from '../lib/api-types';
import { byText, DataTable, type Column } from './data-table';
import { Badge } from './ui';

/** Offers: title, (the provider, where asked), status, capacity and what is left of it, availability window. */
export function OffersTable({ items, caption, withProvider = false }: { items: readonly OfferView[]; caption: string; withProvider?: boolean }) {
  const providerName = useProviderNames();
  const provider: Column<OfferView> = { key: 'provider', header: t('col.provider'), sort: byText((o) => providerName(o.providerId)), cell: (o) => <bdi>{providerName(o.providerId)}</bdi> };
  const columns: Column<OfferView>[] = [
    {
      key: 'offer',
      header: t('col.offer'),
      sort: byText((o) => textOf(o.title).text),
      cell: (o) => {
        const title = textOf(o.title);
        return (
          <Link href={`/offers/${o.offerId}`} lang={title.lang}>
            {title.text}
          </Link>
        );
      },
    },
    ...(withProvider ? [provider] : []),
    { key: 'status', header: t('col.status'), sort: byText((o) => t(`offerStatus.${o.status}`)), cell: (o) => <Badge kind="offerStatus" code={o.status} /> },
    { key: 'capacity', header: t('col.capacity'), numeric: true, cell: (o) => quantity(o.capacity, o.capacityKind, o.currency) },
    { key: 'remaining', header: t('col.remaining'), numeric: true, cell: (o) => quantity(o.remaining, o.capacityKind, o.currency) },
    {
      key: 'window',
      header: t('col.window'),
      sort: byText((o) => o.availableFrom),
      cell: (o) => (
        <>
          {fmt.date(o.availableFrom)} – {fmt.date(o.availableTo)}
        </>
      ),
    },
  ];
  return <DataTable caption={caption} columns={columns} rows={items} rowKey={(o) => o.offerId} rowProps={(o) => ({ 'data-offer-id': o.offerId })} empty={t('common.none')} testId="offers-table" />;
}
