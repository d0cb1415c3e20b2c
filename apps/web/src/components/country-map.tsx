// Requests, open needs and gaps per country: a choropleth world map (world-map.tsx, loaded
// lazily so the first load stays within budget) and the table of the same figures, every
// country linked to its page. With the United Nations' map disclaimer.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import type { Countries } from '../lib/api-types';
import { fmt, t } from '../lib/i18n';
import { countryLabel } from '../lib/labels';
import { Link } from '../lib/router';
import { isFiltered, listHref, type OverviewFilter } from '../lib/overview-filter';
import { byNumber, byText, DataTable, type Column } from './data-table';

export type CountryFigures = Countries['items'][number];
export const MAP_METRICS = ['requests', 'openForOffers', 'gaps'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

type MapModule = typeof import('./world-map');
let loading: Promise<MapModule> | undefined;
const loadMap = () => (loading ??= import('./world-map'));

function useMapModule(): MapModule | null | 'failed' {
  const [mod, setMod] = useState<MapModule | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    loadMap().then(
      (m) => live && setMod(m),
      () => live && setMod('failed'),
    );
    return () => {
      live = false;
    };
  }, []);
  return mod;
}

export function CountryMap({ items, olderThanDays, filter = {} }: { items: readonly CountryFigures[]; olderThanDays: number; filter?: OverviewFilter }) {
  // Under a filter, a country's requests and open needs open the requests list (same filter); gaps and the country's name its page.
  const figureHref = (c: CountryFigures, m: MapMetric) =>
    isFiltered(filter) && m !== 'gaps' ? listHref('requests', filter, { country: c.country, ...(m === 'openForOffers' ? { status: 'open_for_offers' } : {}) }) : `/countries/${c.country}`;
  const [metric, setMetric] = useState<MapMetric>('requests');
  const mod = useMapModule();
  const label = (m: MapMetric) => t(`map.metric.${m}`, { days: olderThanDays });
  const values = new Map(items.map((c) => [c.country, c[metric]]));
  const Map_: ComponentType<{ id: string; title: string; values: ReadonlyMap<string, number>; describe: (code: string, value: number) => string }> | undefined =
    mod && mod !== 'failed' ? mod.WorldMap : undefined;
  const columns: Column<CountryFigures>[] = [
    {
      key: 'country',
      header: t('col.country'),
      sort: byText((c) => countryLabel(c.country)),
      cell: (c) => <Link href={`/countries/${c.country}`}>{countryLabel(c.country)}</Link>,
    },
    ...MAP_METRICS.map(
      (m): Column<CountryFigures> => ({
        key: m,
        header: label(m),
        numeric: true,
        sort: byNumber((c) => c[m]),
        cell: (c) => <Link href={figureHref(c, m)}>{fmt.number(c[m])}</Link>,
      }),
    ),
  ];
  return (
    <div class="country-map" data-testid="country-map">
      <fieldset class="inline map-metric">
        <legend>{t('map.show')}</legend>
        {MAP_METRICS.map((m) => (
          <label key={m}>
            <input type="radio" name="map-metric" value={m} checked={metric === m} onChange={() => setMetric(m)} /> {label(m)}
          </label>
        ))}
      </fieldset>
      <figure class="map-figure">
        {Map_ ? (
          <Map_ id="world-map" title={t('map.title', { figure: label(metric) })} values={values} describe={(code, v) => `${countryLabel(code)}: ${label(metric)} ${fmt.number(v)}`} />
        ) : (
          <p class="hint" role="status">
            {mod === 'failed' ? t('map.failed') : t('common.loading')}
          </p>
        )}
        <figcaption class="hint map-disclaimer" data-testid="map-disclaimer">
          {t('map.disclaimer')}
        </figcaption>
      </figure>
      <DataTable caption={t('map.tableCaption')} columns={columns} rows={items} rowKey={(c) => c.country} empty={t('map.none')} testId="countries" />
    </div>
  );
}
