import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { codelists, IATI_DEFAULTS, type LocalizedText } from '@ta/codelists';

/** IATI 2.03 ActivityStatus codes (codelist `iati-activity-status`). */
export type IatiActivityStatus = '1' | '2' | '3' | '4' | '5';

/** An organisation as IATI names it: its identifier where the directory has one, and its names. */
export interface IatiOrganisationRef {
  readonly ref: string | null;
  readonly names: LocalizedText;
  /** IATI OrganisationType (codelist `iati-organisation-type`), from the directory's kind; null when the directory does not know the organisation. */
  readonly type: string | null;
}

/**
 * The IATI OrganisationType of a directory kind: a donor agency or a national authority is a
 * government body (10), an intergovernmental organisation a multilateral (40), civil society an
 * NGO (national 22 when it has a country, international 21 when not), academia 80, the private
 * sector 70.
 */
export function organisationTypeOf(kind: string, country: string | null): string | null {
  switch (kind) {
    case 'donor_agency':
    case 'national_authority':
      return '10';
    case 'intergovernmental':
      return '40';
    case 'civil_society':
      return country ? '22' : '21';
    case 'academia':
      return '80';
    case 'private_sector':
      return '70';
    default:
      return null;
  }
}

/**
 * One engagement as the publisher reads it: only what may be published (no person, no actor
 * id, no contact point, never a restricted request's engagement). Money in minor units.
 */
export interface PublishedEngagement {
  readonly engagementId: string;
  readonly status: 'agreed' | 'active' | 'completed' | 'acknowledged' | 'cancelled';
  readonly provider: IatiOrganisationRef;
  readonly implementer: IatiOrganisationRef | null;
  /** ISO 3166-1 alpha-2 of the requesting State. */
  readonly country: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText | null;
  readonly articles: readonly string[];
  /** Money (minor units and currency), or expert days (no financial figures). */
  readonly amount: { readonly kind: 'money'; readonly minor: number; readonly currency: string; readonly value: string } | { readonly kind: 'expert_days'; readonly days: number };
  readonly desiredFrom: string | null;
  readonly desiredTo: string | null;
  readonly agreedAt: string;
  readonly activatedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly endedAt: string | null;
  readonly updatedAt: string;
  readonly milestones: readonly PublishedMilestone[];
}

export interface PublishedMilestone {
  readonly milestoneId: string;
  readonly title: LocalizedText;
  readonly dueDate: string;
  readonly status: string;
  readonly confirmedAt: string | null;
}

/** The reporting organisation: the Secretariat's organisation in the directory, with its IATI identifier. */
export interface ReportingOrganisation {
  readonly ref: string;
  readonly names: LocalizedText;
  readonly type: string;
}

/** The vocabulary the UNCAC articles are tagged in (IATI TagVocabulary 99: the reporting organisation's own), and where it is declared. */
export const UNCAC_TAG_VOCABULARY = { vocabulary: '99', uri: 'https://www.unodc.org/unodc/en/treaties/CAC/' } as const;

/**
 * The IATI activity status of an engagement's lifecycle (IATI 2.03 ActivityStatus): agreed but
 * not started 1 (pipeline), active 2 (implementation), completed by the provider and awaiting
 * the State's acknowledgement 3 (finalisation), acknowledged 4 (closed), cancelled 5.
 */
export function activityStatusOf(status: PublishedEngagement['status']): IatiActivityStatus {
  switch (status) {
    case 'agreed':
      return '1';
    case 'active':
      return '2';
    case 'completed':
      return '3';
    case 'acknowledged':
      return '4';
    case 'cancelled':
      return '5';
    default:
      return assertNever(status);
  }
}

/** DAC 5-digit sectors (IATI `Sector` codelist, vocabulary 1) of UNCAC art. 9 (public procurement and management of public finances). */
export const ARTICLE_9_SECTORS = [
  { code: '15111', name: 'Public finance management (PFM)' },
  { code: '15125', name: 'Public Procurement' },
] as const;

/**
 * The DAC sectors of an engagement and their percentages (vocabulary 1; they sum to 100): each
 * UNCAC article the Secretariat classified the request under has an equal share; the share of
 * art. 9 (public procurement and management of public finances) is split equally between 15111
 * (public finance management) and 15125 (public procurement), every other article's goes to
 * 15113 (anti-corruption organisations and institutions). In hundredths of a percent, the
 * rounding remainder on 15113 (or 15125); a sector with no share is left out. No article: 15113, 100.
 */
export function sectorsOf(articles: readonly string[]): { code: string; percentage: string }[] {
  const n = new Set(articles).size;
  const art9 = n > 0 && articles.includes('art-9') ? (n === 1 ? 10_000 : Math.round(10_000 / n)) : 0;
  const pfm = Math.floor(art9 / 2);
  const shares: [string, number][] = [
    [IATI_DEFAULTS.sector.code, 10_000 - art9],
    [ARTICLE_9_SECTORS[0].code, pfm],
    [ARTICLE_9_SECTORS[1].code, art9 - pfm],
  ];
  return shares.filter(([, h]) => h > 0).map(([code, h]) => ({ code, percentage: (h / 100).toFixed(h % 100 === 0 ? 0 : 2) }));
}

/** The activity's identifier: the reporting organisation's identifier, a hyphen, the engagement id (IATI rule: prefixed by the reporting-org ref). */
export function activityIdentifier(reporting: ReportingOrganisation, engagementId: string): string {
  return `${reporting.ref}-${engagementId}`;
}

/** An `iati-activities` file (IATI 2.03), one activity per engagement, in the order given. */
export function iatiActivitiesXml(reporting: ReportingOrganisation, engagements: readonly PublishedEngagement[], generatedAt: Date): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('iati-activities', { version: '2.03', 'generated-datetime': dateTime(generatedAt.toISOString()) });
  for (const e of engagements) activity(root, reporting, e);
  return root.end({ prettyPrint: true });
}

function activity(root: XMLBuilder, reporting: ReportingOrganisation, e: PublishedEngagement): void {
  const money = e.amount.kind === 'money' ? e.amount : null;
  const a = root.ele('iati-activity', {
    'last-updated-datetime': dateTime(e.updatedAt),
    'xml:lang': 'en',
    ...(money ? { 'default-currency': money.currency } : {}),
  });
  a.ele('iati-identifier').txt(activityIdentifier(reporting, e.engagementId));
  narratives(a.ele('reporting-org', { ref: reporting.ref, type: reporting.type }), reporting.names);
  narratives(a.ele('title'), e.title);
  narratives(a.ele('description', { type: '1' }), e.description && Object.keys(e.description).length > 0 ? e.description : e.title);
  organisation(a, '1', e.provider);
  organisation(a, '4', e.implementer ?? e.provider);
  a.ele('activity-status', { code: activityStatusOf(e.status) });
  for (const [type, date] of activityDates(e)) a.ele('activity-date', { type, 'iso-date': date });
  a.ele('recipient-country', { code: e.country, percentage: '100' });
  for (const sector of sectorsOf(e.articles)) a.ele('sector', { vocabulary: IATI_DEFAULTS.sector.vocabulary, code: sector.code, percentage: sector.percentage });
  for (const article of e.articles) {
    const item = codelists.get('uncac-articles', article);
    const tag = a.ele('tag', { vocabulary: UNCAC_TAG_VOCABULARY.vocabulary, 'vocabulary-uri': UNCAC_TAG_VOCABULARY.uri, code: article });
    if (item) narratives(tag, item.name);
  }
  a.ele('default-aid-type', { code: IATI_DEFAULTS.aidType.code, vocabulary: IATI_DEFAULTS.aidType.vocabulary });
  if (money) {
    const period = budgetPeriod(e);
    if (period) {
      const budget = a.ele('budget', { type: '1', status: e.status === 'agreed' ? '1' : '2' });
      budget.ele('period-start', { 'iso-date': period.start });
      budget.ele('period-end', { 'iso-date': period.end });
      budget.ele('value', { 'value-date': period.start }).txt(money.value);
    }
    transaction(a, '12', day(e.agreedAt), money.value, e);
    if (e.activatedAt) transaction(a, '2', day(e.activatedAt), money.value, e);
  }
  for (const m of e.milestones) result(a, m);
}

function transaction(a: XMLBuilder, type: '2' | '12', date: string, value: string, e: PublishedEngagement): void {
  const t = a.ele('transaction');
  t.ele('transaction-type', { code: type });
  t.ele('transaction-date', { 'iso-date': date });
  t.ele('value', { 'value-date': date }).txt(value);
  narratives(t.ele('provider-org', { ...(e.provider.ref ? { ref: e.provider.ref } : {}), ...(e.provider.type ? { type: e.provider.type } : {}) }), e.provider.names);
}

/** A milestone as an output result: one qualitative indicator, its target the due date, confirmed when the State confirmed it. */
function result(a: XMLBuilder, m: PublishedMilestone): void {
  const r = a.ele('result', { type: '1' });
  narratives(r.ele('title'), m.title);
  const indicator = r.ele('indicator', { measure: '5' });
  narratives(indicator.ele('title'), m.title);
  const period = indicator.ele('period');
  period.ele('period-start', { 'iso-date': m.dueDate });
  period.ele('period-end', { 'iso-date': m.dueDate });
  period.ele('target').ele('comment').ele('narrative').txt('Milestone due');
  if (m.confirmedAt) period.ele('actual').ele('comment').ele('narrative').txt(`Confirmed by the requesting State on ${day(m.confirmedAt)}`);
}

function organisation(a: XMLBuilder, role: '1' | '4', org: IatiOrganisationRef): void {
  narratives(a.ele('participating-org', { ...(org.ref ? { ref: org.ref } : {}), role, ...(org.type ? { type: org.type } : {}) }), org.names);
}

/**
 * Activity dates (IATI ActivityDateType): 1 planned start (the State's desired start, else the
 * agreement), 3 planned end (the desired end, when not before the planned start), 2 actual start
 * (activation), 4 actual end (acknowledgement, or cancellation).
 */
export function activityDates(e: PublishedEngagement): Array<['1' | '2' | '3' | '4', string]> {
  const plannedStart = e.desiredFrom ?? day(e.agreedAt);
  const dates: Array<['1' | '2' | '3' | '4', string]> = [['1', plannedStart]];
  if (e.desiredTo && e.desiredTo >= plannedStart) dates.push(['3', e.desiredTo]);
  if (e.activatedAt) dates.push(['2', day(e.activatedAt)]);
  const end = e.status === 'acknowledged' ? e.acknowledgedAt : e.status === 'cancelled' ? e.endedAt : null;
  if (end && (!e.activatedAt || day(end) >= day(e.activatedAt))) dates.push(['4', day(end)]);
  return dates;
}

/** The budget's period: the State's desired dates, when both are known, in order, and within one year (IATI ruleset: a budget period is at most a year). */
function budgetPeriod(e: PublishedEngagement): { start: string; end: string } | null {
  if (!e.desiredFrom || !e.desiredTo || e.desiredTo < e.desiredFrom) return null;
  const days = (Date.parse(e.desiredTo) - Date.parse(e.desiredFrom)) / 86_400_000;
  return days <= 365 ? { start: e.desiredFrom, end: e.desiredTo } : null;
}

/** One `narrative` per language the text is given in (English as the activity's default needs no xml:lang). */
function narratives(parent: XMLBuilder, text: LocalizedText): void {
  const entries = Object.entries(text).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  for (const [lang, value] of entries) parent.ele('narrative', lang === 'en' ? {} : { 'xml:lang': lang }).txt(value as string);
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function dateTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

function assertNever(x: never): never {
  throw new Error(`Unexpected ${String(x)}`);
}
