// The overview's world map: a choropleth of one figure per country. Loaded on its own
// (country-map.tsx imports it lazily): d3-geo, topojson-client and world-atlas's 1:110m
// countries stay out of the first load. Boundaries from Natural Earth (public domain), through
// world-atlas; countries are matched by ISO 3166-1 numeric code (country-names/numeric.json,
// from the countries codelist). Small states absent at 1:110m are in the table beside the map.
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import numeric from '../country-names/numeric.json';
import { fmt } from '../lib/i18n';
import { countryLabel } from '../lib/labels';
import { navigate } from '../lib/router';

const WIDTH = 960;
const HEIGHT = 470;
/** Sequential blues, light to dark; index 0 for countries with nothing. */
export const STEPS = ['var(--map-0)', 'var(--map-1)', 'var(--map-2)', 'var(--map-3)', 'var(--map-4)', 'var(--map-5)'] as const;

const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const shapes = (() => {
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
  const path = geoPath(projection);
  const byNumeric = numeric as Record<string, string>;
  return feature(topology, topology.objects.countries).features.map((f) => ({
    code: f.id === undefined ? undefined : byNumeric[String(f.id)],
    d: path(f) ?? '',
  }));
})();

/** The step (1-5) of `value` among the country values: equal steps from 1 to the largest; 0 for none. */
export function stepOf(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(5, 1 + Math.floor(((value - 1) * 5) / Math.max(1, max)));
}

export function WorldMap(props: { id: string; title: string; values: ReadonlyMap<string, number>; describe: (code: string, value: number) => string }) {
  const max = Math.max(0, ...props.values.values());
  return (
    <svg class="world-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="group" aria-labelledby={`${props.id}-t`} data-testid="world-map">
      <title id={`${props.id}-t`}>{props.title}</title>
      {shapes.map((s, i) => {
        const value = s.code ? (props.values.get(s.code) ?? 0) : 0;
        const fill = STEPS[stepOf(value, max)];
        if (!s.code || value === 0) return <path key={i} d={s.d} fill={fill} class="map-shape" aria-hidden="true" />;
        const href = `/countries/${s.code}`;
        const label = props.describe(s.code, value);
        return (
          <a
            key={i}
            href={`/app${href}`}
            aria-label={label}
            data-country={s.code}
            data-value={value}
            onClick={(e: MouseEvent) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              navigate(href);
            }}
          >
            <path d={s.d} fill={fill} class="map-shape map-shape-linked">
              <title>{label}</title>
            </path>
          </a>
        );
      })}
    </svg>
  );
}

export const describeCountry = (code: string, value: number) => `${countryLabel(code)}: ${fmt.number(value)}`;
