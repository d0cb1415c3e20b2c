import { codelists } from '@ta/codelists';
import type { Param } from '../sql';

/** An open offer with capacity left (coverage, a country's eligible offers, offer overlaps). `o`: an offers row. */
export function openOfferSql(o: string): string {
  return `(${o}.status = 'open' AND ${o}.remaining > 0)`;
}

/** An offer a country is eligible for: named, or in a region the offer names. `o`: an offers row. */
export function eligibleForCountrySql(o: string, p: Param, country: string): string {
  return `(${o}.eligible_countries @> ARRAY[${p(country)}::text] OR ${o}.eligible_regions && ${p(regionsOf(country))}::text[])`;
}

/** The codes of the regions `country` belongs to. */
export function regionsOf(country: string): string[] {
  return codelists
    .list('regions')
    .filter((r) => r.countries.includes(country))
    .map((r) => r.code);
}
