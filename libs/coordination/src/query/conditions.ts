import { codelists } from '@ta/codelists';
import { ENGAGED_STATUSES, requestIdVisibleSql, requestVisibleSql, type Viewer } from '../access/request-visibility';
import { eligibleForCountrySql } from '../rules/open-offer.rule';
import { codeList, type Param } from '../sql';

/**
 * The coordinated view's filter (the overview's): one meaning for every query that takes it.
 *
 * - `from`/`to` (a period, `to` excluded): requests SUBMITTED in it, offers REGISTERED in it,
 *   engagements PROPOSED in it (and their milestones: the engagement's).
 * - `country`, `region` (UN M49, its sub-regions included: the countries the regions codelist
 *   lists under it): a request's or engagement's country; an offer eligible for the country, or
 *   for one country of the region (named, or through a region the offer names).
 * - `article`, `taType`: the request's (an engagement: its request's); the offer's own.
 * - `sourceKind`: the request cites a need source of that kind (an engagement: its request);
 *   offers have no source of need: not filtered by it.
 * - `donor` (a provider's id): engagements and offers of that provider; requests on which it has
 *   an engagement proposed, agreed, active, completed or acknowledged (`ENGAGED_STATUSES`).
 */
export interface CaseFilter {
  readonly from?: Date;
  readonly to?: Date;
  readonly region?: string;
  readonly country?: string;
  readonly article?: string;
  readonly taType?: string;
  readonly donor?: string;
  readonly sourceKind?: string;
}

export const CASE_FILTER_KEYS = ['from', 'to', 'region', 'country', 'article', 'taType', 'donor', 'sourceKind'] as const satisfies ReadonlyArray<keyof CaseFilter>;

/** The filter's given values only (none undefined), from any object carrying them (parsed query values). */
export function caseFilterOf(values: Partial<Record<(typeof CASE_FILTER_KEYS)[number], unknown>>): CaseFilter {
  const f: Record<string, unknown> = {};
  for (const k of CASE_FILTER_KEYS) if (values[k] !== undefined) f[k] = values[k];
  return f as CaseFilter;
}

export function isEmptyFilter(f: CaseFilter): boolean {
  return CASE_FILTER_KEYS.every((k) => f[k] === undefined);
}

/** The countries of an M49 region, its sub-regions' included (the codelist lists them all). */
export function regionCountries(region: string): string[] {
  return codelists.get('regions', region)?.countries.slice() ?? [];
}

/** The regions sharing a country with `region`: itself, its sub-regions and the regions above it. */
export function regionsSharingCountries(region: string): string[] {
  const countries = new Set(regionCountries(region));
  return codelists
    .list('regions')
    .filter((r) => r.countries.some((c) => countries.has(c)))
    .map((r) => r.code);
}

/** The WHERE conditions of a statement under construction, and its parameters. */
export class Conditions {
  readonly where: string[] = [];

  /** `params`: those of a statement several `Conditions` build parts of (search's `UNION ALL`). */
  constructor(readonly params: unknown[] = []) {}

  /** A parameter of the statement (for a condition outside WHERE): its placeholder. */
  readonly param: Param = (value) => `$${this.params.push(value)}`;

  add(template: (p: Param) => string): this {
    this.where.push(template(this.param));
    return this;
  }

  when<T>(value: T | undefined, template: (p: Param, v: T) => string): this {
    return value === undefined ? this : this.add((p) => template(p, value));
  }

  /** Only the requests `viewer` may see (`alias`: a `coordination.requests` row). */
  visibleRequests(viewer: Viewer, alias = 't'): this {
    return this.add((p) => requestVisibleSql(viewer, alias, p) ?? 'true');
  }

  /** Only the rows naming (by `request_id`, an SQL expression) a request `viewer` may see: engagements, milestones... */
  visibleRequestIds(viewer: Viewer, requestId = 't.request_id'): this {
    return this.add((p) => requestIdVisibleSql(viewer, requestId, p) ?? 'true');
  }

  /** Only the requests (`r`: a `coordination.requests` row) `f` selects (see `CaseFilter`). */
  requestsIn(f: CaseFilter, r = 't'): this {
    return this.requestTraits(f, r)
      .when(f.country, (p, v) => `${r}.country = ${p(v)}`)
      .when(f.region, (p, v) => `${r}.country = ANY(${p(regionCountries(v))}::text[])`)
      .when(f.from, (p, v) => `${r}.submitted_at >= ${p(v.toISOString())}`)
      .when(f.to, (p, v) => `${r}.submitted_at < ${p(v.toISOString())}`)
      .when(
        f.donor,
        (p, v) =>
          `EXISTS (SELECT 1 FROM coordination.engagements fe WHERE fe.request_id = ${r}.request_id AND fe.provider_id = ${p(v)} AND fe.status IN (${codeList(ENGAGED_STATUSES)}))`,
      );
  }

  /** Only the engagements (`e`: a `coordination.engagements` row) `f` selects; article, type and source are their request's. */
  engagementsIn(f: CaseFilter, e = 't'): this {
    const traits = { article: f.article, taType: f.taType, sourceKind: f.sourceKind };
    const ofRequest = traits.article !== undefined || traits.taType !== undefined || traits.sourceKind !== undefined;
    return this.when(f.country, (p, v) => `${e}.country = ${p(v)}`)
      .when(f.region, (p, v) => `${e}.country = ANY(${p(regionCountries(v))}::text[])`)
      .when(f.donor, (p, v) => `${e}.provider_id = ${p(v)}`)
      .when(f.from, (p, v) => `${e}.proposed_at >= ${p(v.toISOString())}`)
      .when(f.to, (p, v) => `${e}.proposed_at < ${p(v.toISOString())}`)
      .when(ofRequest ? traits : undefined, (_p, v) => {
        const inner = new Conditions(this.params).requestTraits(v, 'fr');
        return `EXISTS (SELECT 1 FROM coordination.requests fr WHERE fr.request_id = ${e}.request_id AND ${inner.where.join(' AND ')})`;
      });
  }

  /** Only the offers (`o`: a `coordination.offers` row) `f` selects; `sourceKind` does not apply to offers. */
  offersIn(f: CaseFilter, o = 't'): this {
    return this.when(f.country, (p, v) => eligibleForCountrySql(o, p, v))
      .when(f.region, (p, v) => `(${o}.eligible_countries && ${p(regionCountries(v))}::text[] OR ${o}.eligible_regions && ${p(regionsSharingCountries(v))}::text[])`)
      .when(f.article, (p, v) => `${o}.articles @> ARRAY[${p(v)}::text]`)
      .when(f.taType, (p, v) => `${o}.ta_types @> ARRAY[${p(v)}::text]`)
      .when(f.donor, (p, v) => `${o}.provider_id = ${p(v)}`)
      .when(f.from, (p, v) => `${o}.registered_at >= ${p(v.toISOString())}`)
      .when(f.to, (p, v) => `${o}.registered_at < ${p(v.toISOString())}`);
  }

  /** A request's article, TA type and source kind. */
  private requestTraits(f: Pick<CaseFilter, 'article' | 'taType' | 'sourceKind'>, r: string): this {
    return this.when(f.article, (p, v) => `${r}.articles @> ARRAY[${p(v)}::text]`)
      .when(f.taType, (p, v) => `${r}.ta_types @> ARRAY[${p(v)}::text]`)
      .when(f.sourceKind, (p, v) => `${r}.sources @> ${p(JSON.stringify([{ kind: v }]))}::jsonb`);
  }

  /** `WHERE ...`, or nothing without conditions. */
  get whereClause(): string {
    return this.where.length > 0 ? `WHERE ${this.where.join(' AND ')}` : '';
  }
}
