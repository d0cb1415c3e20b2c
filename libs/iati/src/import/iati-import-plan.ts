import { createHash } from 'node:crypto';
import { PlatformError } from '@ta/core';
import { codelists, isLanguageCode, IATI_DEFAULTS, type LanguageCode, type LocalizedText } from '@ta/codelists';
import {
  fromMinorUnits,
  OFFER_TEXT_LIMITS,
  offerDecider,
  toMinorUnits,
  type Capacity,
  type DateWindow,
  type IsoDate,
  type IsoTimestamp,
  type OfferCommand,
  type OfferState,
  type ProviderKind,
  type RegisterOffer,
} from '@ta/case';
import { UNCAC_TAG_VOCABULARY } from '../iati-activities';
import { decideReportedActivity, type ReportActivity, type ReportedActivityState, type ReportedDisbursement } from '../domain';
import { childNamed, childrenNamed, type IatiElement } from './iati-reader';

/**
 * What an imported activity becomes (docs/iati.md, "Import, field by field"). Pure: the
 * activity, the importing provider, the day and the offer the platform already holds for it in,
 * the decision out. An activity becomes at most one offer (a pledge of the provider), keyed by
 * its `iati-identifier`: the offer's id is derived from the provider and the identifier, so a
 * second import finds what the first created.
 */

/** DAC 5-digit sectors (IATI `Sector` codelist, vocabulary 1) that concern preventing corruption, and the UNCAC article each suggests. */
export const ANTI_CORRUPTION_SECTORS: Readonly<Record<string, { readonly name: string; readonly article: string }>> = {
  [IATI_DEFAULTS.sector.code]: { name: IATI_DEFAULTS.sector.name, article: 'art-6' },
  '15111': { name: 'Public finance management (PFM)', article: 'art-9' },
  '15125': { name: 'Public Procurement', article: 'art-9' },
};

/**
 * Words in a title or description that put an activity in scope without one of the sectors
 * above (compared case-insensitively): the word for corruption in the six UN languages, and the
 * Convention's English, French and Spanish abbreviations.
 */
export const ANTI_CORRUPTION_KEYWORDS: readonly string[] = ['corrupt', 'corrupción', 'corrupcion', 'коррупц', '腐败', '腐敗', 'فساد', 'uncac', 'cnucc'];

/** The UNCAC article of an activity in scope by a keyword only: preventive anti-corruption policies and practices. */
export const KEYWORD_ONLY_ARTICLE = 'art-5';
/** IATI does not classify technical assistance as the review mechanism's checklist does: imported offers are "other" until the Secretariat reclassifies. */
export const IMPORTED_TA_TYPE = 'c2-other';
/** IATI has no modality: remote and on site both possible. */
export const IMPORTED_MODALITY = 'hybrid' as const;

export interface ImportingProvider {
  /** The directory's organisation id (the offers' provider). */
  readonly organisationId: string;
  /** Its IATI organisation identifier: an activity is the provider's when it reports or funds it. */
  readonly iatiIdentifier: string;
  readonly kind: ProviderKind;
  readonly country?: string;
  /** Its status in the directory (only a verified organisation's import is confirmed). */
  readonly status?: string;
}

export type SkipReason =
  | 'no_identifier'
  | 'not_this_provider'
  | 'out_of_scope'
  | 'not_open'
  | 'no_recipient'
  | 'no_un_language'
  | 'no_amount'
  | 'invalid';

export interface ActivitySummary {
  readonly title: string;
  /** Why the activity concerns preventing corruption: sector codes and keywords found. */
  readonly sectors: readonly string[];
  readonly keywords: readonly string[];
  readonly countries: readonly string[];
  readonly regions: readonly string[];
  readonly status?: string;
}

/** What the offer will hold, readable (amount as a decimal string). */
export interface OfferDraft {
  readonly offerId: string;
  readonly articles: readonly string[];
  readonly eligibleCountries: readonly string[];
  readonly eligibleRegions: readonly string[];
  readonly languages: readonly string[];
  readonly amount: string;
  readonly currency: string;
  readonly availability: DateWindow;
  readonly title: LocalizedText;
}

/** What a reported activity will hold, readable (amounts as decimal strings). */
export interface ReportedDraft {
  readonly activityId: string;
  readonly activityStatus: string;
  readonly recipientCountries: readonly string[];
  readonly title: LocalizedText;
  readonly articles: readonly string[];
  readonly currency: string | null;
  readonly commitment: string | null;
  /** The sum of the disbursements in the activity's currency, and how many there are. */
  readonly disbursed: string | null;
  readonly disbursements: number;
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
}

export type ActivityPlan =
  | {
      /**
       * Assistance the provider reports as delivered or under way (docs/iati.md, "Reported
       * activities"): `record` the first time, `update_record` when the file changed it (`changes`:
       * the fields and new disbursements), `unchanged` when not.
       */
      readonly action: 'record' | 'update_record' | 'unchanged';
      readonly target: 'reported';
      readonly identifier: string;
      readonly position: number;
      readonly summary: ActivitySummary;
      readonly reported: ReportedDraft;
      readonly commands: readonly ReportActivity[];
      readonly changes: readonly string[];
      readonly notes: readonly string[];
    }
  | { readonly action: 'skip'; readonly identifier: string; readonly position: number; readonly reason: SkipReason; readonly detail: string; readonly element?: string; readonly summary?: ActivitySummary; readonly offerId?: string }
  | {
      /** `not_applied`: the activity changed in ways no offer command applies (listed in `notApplied`); nothing is sent. */
      readonly action: 'create' | 'update' | 'unchanged' | 'not_applied';
      readonly target: 'offer';
      readonly identifier: string;
      readonly position: number;
      readonly summary: ActivitySummary;
      readonly offer: OfferDraft;
      /** What confirmation sends, in order (none when unchanged). */
      readonly commands: readonly OfferCommand[];
      /** Changes found that no offer command can apply. */
      readonly notApplied: readonly string[];
      /** Things of the activity the offer does not hold (disbursements, regions outside UN M49...). */
      readonly notes: readonly string[];
    };

/** The reported activity's id: a name-based UUID of the provider and the `iati-identifier` (another name space than the offers'). */
export function reportedActivityId(organisationId: string, iatiIdentifier: string): string {
  return nameUuid(`iati-reported\n${organisationId}\n${iatiIdentifier}`);
}

/** The offer id of an activity: a name-based UUID (RFC 9562 version 5 layout) of the provider and the `iati-identifier`. */
export function importedOfferId(organisationId: string, iatiIdentifier: string): string {
  return nameUuid(`iati-import\n${organisationId}\n${iatiIdentifier}`);
}

function nameUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

class Skip extends Error {
  constructor(
    readonly reason: SkipReason,
    readonly detail: string,
    readonly element?: string,
  ) {
    super(detail);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function isoDate(value: string | undefined, element: string): IsoDate {
  const m = value ? DATE.exec(value) : null;
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new Skip('invalid', `${element}/@iso-date is not a date: ${value ?? '(none)'}`, element);
  }
  return date;
}

/** Narratives of an element by UN language (`xml:lang`, else the activity's, else English); other languages are counted apart. */
function narratives(element: IatiElement | undefined, activityLang: string): { texts: Partial<Record<LanguageCode, string>>; others: number } {
  const texts: Partial<Record<LanguageCode, string>> = {};
  let others = 0;
  for (const n of element ? childrenNamed(element, 'narrative') : []) {
    const lang = (n.attributes['xml:lang'] ?? activityLang).toLowerCase().split('-')[0]!;
    if (!n.text) continue;
    if (isLanguageCode(lang)) texts[lang] ??= n.text;
    else others += 1;
  }
  return { texts, others };
}

function clip(text: string, max: number): string {
  const points = [...text.replace(/\s+/g, ' ').trim()];
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

function clipAll(texts: Partial<Record<LanguageCode, string>>, max: number): LocalizedText {
  const out: Partial<Record<LanguageCode, string>> = {};
  for (const [lang, text] of Object.entries(texts)) out[lang as LanguageCode] = clip(text, max);
  return out;
}

function firstText(t: LocalizedText): string {
  return t.en ?? Object.values(t)[0] ?? '';
}

/** Decimal string of an IATI value (`1000000`, `1000000.00`, `-5000`), exact in minor units; signs kept. */
function minor(value: string, currency: string, element: string): number {
  const v = value.trim().replace(/^\+/, '');
  const negative = v.startsWith('-');
  const digits = codelists.get('currencies', currency)!.minorUnit;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(negative ? v.slice(1) : v);
  if (!m) throw new Skip('invalid', `${element} is not an amount: ${value}`, element);
  // more decimals than the currency has: rounded to its minor unit
  const fraction = (m[2] ?? '').slice(0, digits);
  const rounding = (m[2] ?? '').length > digits && Number((m[2] ?? '')[digits]) >= 5 ? 1 : 0;
  const amount = toMinorUnits(fraction ? `${m[1]}.${fraction}` : m[1]!, currency) + rounding;
  return negative ? -amount : amount;
}

interface Money {
  readonly amount: number;
  readonly currency: string;
  readonly from: string;
}

function currencyOf(value: IatiElement, defaultCurrency: string | undefined, element: string): string {
  const currency = (value.attributes['currency'] ?? defaultCurrency ?? '').toUpperCase();
  if (!currency) throw new Skip('no_amount', `${element} has no @currency and the activity no @default-currency`, element);
  if (!codelists.has('currencies', currency)) throw new Skip('invalid', `${element}/@currency ${currency} is not an ISO 4217 code`, element);
  return currency;
}

/** The amount offered: outgoing commitments, else outgoing pledges, else the budgets (revised ones over original ones). */
function moneyOf(activity: IatiElement, defaultCurrency: string | undefined): { money: Money; disbursed: string | null } {
  const transactions = childrenNamed(activity, 'transaction').map((t, i) => ({ t, i, type: childNamed(t, 'transaction-type')?.attributes['code'] }));
  const sum = (items: { value: IatiElement; element: string }[], from: string): Money | null => {
    if (items.length === 0) return null;
    let currency: string | undefined;
    let amount = 0;
    for (const { value, element } of items) {
      const c = currencyOf(value, defaultCurrency, element);
      if (currency && c !== currency) throw new Skip('invalid', `${from} are in more than one currency (${currency}, ${c}): an offer holds one`, element);
      currency = c;
      amount += minor(value.text, c, element);
    }
    return { amount, currency: currency!, from };
  };
  const ofType = (code: string) =>
    transactions
      .filter((x) => x.type === code)
      .map((x) => ({ value: childNamed(x.t, 'value') ?? x.t, element: `transaction[${x.i + 1}]/value` }));
  const budgets = childrenNamed(activity, 'budget').map((b, i) => ({ b, i }));
  const revised = budgets.filter((x) => x.b.attributes['type'] === '2');
  const chosenBudgets = (revised.length ? revised : budgets.filter((x) => (x.b.attributes['type'] ?? '1') === '1')).map((x) => ({
    value: childNamed(x.b, 'value') ?? x.b,
    element: `budget[${x.i + 1}]/value`,
  }));
  const money =
    sum(ofType('2'), 'outgoing commitments (transaction type 2)') ??
    sum(ofType('12'), 'outgoing pledges (transaction type 12)') ??
    sum(chosenBudgets, revised.length ? 'revised budgets' : 'budgets');
  if (!money) throw new Skip('no_amount', 'no outgoing commitment, outgoing pledge or budget: nothing to offer', 'transaction');
  if (money.amount <= 0) throw new Skip('no_amount', `the ${money.from} sum to ${money.amount} (not a positive amount)`, 'transaction');
  const disbursements = sum(ofType('3'), 'disbursements');
  return { money, disbursed: disbursements ? `${fromMinorUnits(Math.max(0, disbursements.amount), disbursements.currency)} ${disbursements.currency}` : null };
}

function matches(text: string): string[] {
  const lower = text.toLowerCase();
  return ANTI_CORRUPTION_KEYWORDS.filter((k) => lower.includes(k));
}

const STATUS_NAMES: Readonly<Record<string, string>> = { '4': 'closed', '5': 'cancelled', '6': 'suspended' };

export interface PlanContext {
  readonly provider: ImportingProvider;
  /** The day of the import: an activity whose end is before it has nothing left to offer. */
  readonly today: IsoDate;
  /** The time the commands carry. */
  readonly at: IsoTimestamp;
}

/**
 * The plan for one activity against the offer the platform already holds for it (`existing`,
 * the offer stream folded; `{ status: 'empty' }` when none).
 */
export function planActivity(activity: IatiElement, position: number, ctx: PlanContext, existing: OfferState, existingReported: ReportedActivityState = { status: 'empty' }): ActivityPlan {
  const identifier = childNamed(activity, 'iati-identifier')?.text ?? '';
  let summary: ActivitySummary | undefined;
  const offerId = identifier ? importedOfferId(ctx.provider.organisationId, identifier) : undefined;
  try {
    if (!identifier) throw new Skip('no_identifier', 'the activity has no iati-identifier', 'iati-identifier');
    const lang = (activity.attributes['xml:lang'] ?? 'en').toLowerCase();
    const defaultCurrency = activity.attributes['default-currency'];

    // Whose activity: the provider reports it, funds it or extends it.
    const reporting = childNamed(activity, 'reporting-org')?.attributes['ref'];
    const funders = childrenNamed(activity, 'participating-org')
      .filter((p) => p.attributes['role'] === '1' || p.attributes['role'] === '3')
      .map((p) => p.attributes['ref']);
    const own = ctx.provider.iatiIdentifier;
    if (reporting !== own && !funders.includes(own)) {
      throw new Skip('not_this_provider', `${own} neither reports (reporting-org/@ref ${reporting ?? 'none'}) nor funds or extends it (participating-org role 1 or 3)`, 'reporting-org');
    }

    // What concerns preventing corruption.
    const title = narratives(childNamed(activity, 'title'), lang);
    const descriptions = childrenNamed(activity, 'description');
    const general = descriptions.find((d) => (d.attributes['type'] ?? '1') === '1') ?? descriptions[0];
    const description = narratives(general, lang);
    const sectors = childrenNamed(activity, 'sector').filter((s) => (s.attributes['vocabulary'] ?? '1') === '1' && ANTI_CORRUPTION_SECTORS[s.attributes['code'] ?? '']);
    const sectorCodes = [...new Set(sectors.map((s) => s.attributes['code']!))];
    const allText = [...childrenNamed(childNamed(activity, 'title') ?? activity, 'narrative'), ...descriptions.flatMap((d) => childrenNamed(d, 'narrative'))].map((n) => n.text).join(' ');
    const keywords = matches(allText);
    const uncacTags = childrenNamed(activity, 'tag')
      .filter((t) => t.attributes['vocabulary'] === UNCAC_TAG_VOCABULARY.vocabulary && t.attributes['vocabulary-uri'] === UNCAC_TAG_VOCABULARY.uri)
      .map((t) => t.attributes['code'] ?? '')
      .filter((c) => codelists.has('uncac-articles', c));

    // Recipients: countries (ISO 3166-1 alpha-2), regions in the UN M49 vocabulary (2); at activity or transaction level.
    const countryElements = [...childrenNamed(activity, 'recipient-country'), ...childrenNamed(activity, 'transaction').flatMap((t) => childrenNamed(t, 'recipient-country'))];
    const countries = [...new Set(countryElements.map((c) => (c.attributes['code'] ?? '').toUpperCase()).filter((c) => codelists.has('countries', c)))];
    const unknownCountries = countryElements.map((c) => c.attributes['code'] ?? '').filter((c) => !codelists.has('countries', c.toUpperCase()));
    const regionElements = [...childrenNamed(activity, 'recipient-region'), ...childrenNamed(activity, 'transaction').flatMap((t) => childrenNamed(t, 'recipient-region'))];
    const regions = [...new Set(regionElements.filter((r) => r.attributes['vocabulary'] === '2').map((r) => (r.attributes['code'] ?? '').padStart(3, '0')).filter((c) => codelists.has('regions', c)))];
    const otherRegions = regionElements.filter((r) => r.attributes['vocabulary'] !== '2' || !codelists.has('regions', (r.attributes['code'] ?? '').padStart(3, '0')));
    const status = childNamed(activity, 'activity-status')?.attributes['code'];
    summary = { title: clip(firstText(title.texts) || allText || identifier, 200), sectors: sectorCodes, keywords, countries, regions, ...(status ? { status } : {}) };

    if (sectorCodes.length === 0 && keywords.length === 0 && uncacTags.length === 0) {
      throw new Skip('out_of_scope', `no anti-corruption sector (DAC ${Object.keys(ANTI_CORRUPTION_SECTORS).join(', ')}), UNCAC tag or keyword in its title or description`, 'sector');
    }
    const ended = status && STATUS_NAMES[status];
    const offerOpen = existing.status === 'registered' || existing.status === 'fully_committed';
    if (ended && ended !== 'closed' && offerOpen) {
      // An offer it created earlier is withdrawn.
      const withdraw: OfferCommand = { type: 'WithdrawOffer', offerId: offerId!, at: ctx.at, reason: `The activity ${identifier} is ${ended} in the provider's IATI file (activity-status ${status})` };
      return { action: 'update', target: 'offer', identifier, position, summary, offer: draftOf(existing, offerId!), commands: [withdraw], notApplied: [], notes: [] };
    }
    // Delivered or under way, to a country: a reported activity, not an offer (docs/iati.md, "Reported activities").
    const types = new Set(childrenNamed(activity, 'transaction').map((t) => childNamed(t, 'transaction-type')?.attributes['code']));
    const flowed = types.has('3');
    const reportable = countries.length > 0 && (ended === 'cancelled' || ended === 'suspended' ? flowed : types.has('2') || flowed || ['2', '3', '4'].includes(status ?? ''));
    if (reportable) {
      const title2 = Object.keys(title.texts).length ? clipAll(title.texts, OFFER_TEXT_LIMITS.title) : null;
      if (!title2) throw new Skip('no_un_language', 'no title narrative in a UN language (ar, en, es, fr, ru, zh)', 'title/narrative');
      return planReported(activity, { identifier, position, summary, title: title2, countries, sectorCodes, uncacTags, keywords, status: status ?? '', defaultCurrency, offerOpen, offerId: offerId! }, ctx, existingReported);
    }
    if (ended) {
      if (offerOpen) {
        const withdraw: OfferCommand = { type: 'WithdrawOffer', offerId: offerId!, at: ctx.at, reason: `The activity ${identifier} is ${ended} in the provider's IATI file (activity-status ${status})` };
        return { action: 'update', target: 'offer', identifier, position, summary, offer: draftOf(existing, offerId!), commands: [withdraw], notApplied: [], notes: [] };
      }
      throw new Skip('not_open', `the activity is ${ended} (activity-status ${status}): nothing left to offer`, 'activity-status');
    }
    if (!status || !['1', '2', '3'].includes(status)) throw new Skip('invalid', `activity-status/@code ${status ?? '(none)'} is not a 2.03 ActivityStatus code`, 'activity-status');
    if (countries.length + regions.length === 0) {
      throw new Skip('no_recipient', `no recipient-country of ISO 3166-1 nor recipient-region in the UN M49 vocabulary (2)${unknownCountries.length ? `: ${unknownCountries.join(', ')} unknown` : ''}`, 'recipient-country');
    }
    const languages = Object.keys(title.texts);
    if (languages.length === 0) throw new Skip('no_un_language', 'no title narrative in a UN language (ar, en, es, fr, ru, zh)', 'title/narrative');

    // Dates: planned start, else actual start; planned end, else actual end.
    const dates = new Map<string, IatiElement>();
    for (const d of childrenNamed(activity, 'activity-date')) if (d.attributes['type'] && !dates.has(d.attributes['type'])) dates.set(d.attributes['type'], d);
    const date = (type: string): IsoDate | undefined => {
      const d = dates.get(type);
      return d ? isoDate(d.attributes['iso-date'], `activity-date[@type=${type}]`) : undefined;
    };
    const from = date('1') ?? date('2');
    const to = date('3') ?? date('4');
    if (!from || !to) throw new Skip('invalid', `no ${from ? 'end' : 'start'} date (activity-date of type ${from ? '3 or 4' : '1 or 2'})`, 'activity-date');
    if (from > to) throw new Skip('invalid', `the start ${from} is after the end ${to}`, 'activity-date');
    if (to < ctx.today) throw new Skip('not_open', `its end date ${to} has passed: nothing left to offer`, 'activity-date');

    const { money, disbursed } = moneyOf(activity, defaultCurrency);
    const articles = articlesOf(uncacTags, sectorCodes);
    const capacity: Capacity = { kind: 'money', amount: money.amount, currency: money.currency };
    const titleText = clipAll(title.texts, OFFER_TEXT_LIMITS.title);
    const descriptionText = Object.keys(description.texts).length ? clipAll(description.texts, OFFER_TEXT_LIMITS.description) : titleText;
    const register: RegisterOffer = {
      type: 'RegisterOffer',
      offerId: offerId!,
      at: ctx.at,
      providerId: ctx.provider.organisationId,
      providerKind: ctx.provider.kind,
      ...(ctx.provider.kind === 'state_authority' && ctx.provider.country ? { providerCountry: ctx.provider.country } : {}),
      taTypes: [IMPORTED_TA_TYPE],
      articles,
      eligibleCountries: countries,
      eligibleRegions: regions,
      languages,
      modality: IMPORTED_MODALITY,
      capacity,
      availability: { from, to },
      title: titleText,
      description: descriptionText,
    };
    // The decider's own checks (texts, codes), so that confirmation meets no surprise.
    offerDecider.decide(register, { status: 'empty' });

    const notes = [
      `amount from the ${money.from}`,
      ...(disbursed ? [`disbursements of ${disbursed} are not recorded: the platform has no disbursements`] : []),
      ...(otherRegions.length ? [`recipient-region codes outside UN M49 (vocabulary 2) not mapped: ${otherRegions.map((r) => `${r.attributes['vocabulary'] ?? '1'}:${r.attributes['code'] ?? ''}`).join(', ')}`] : []),
      ...(unknownCountries.length ? [`recipient-country codes not in ISO 3166-1: ${unknownCountries.join(', ')}`] : []),
      ...(title.others ? [`${title.others} title narrative(s) in languages other than the six UN languages not kept`] : []),
    ];
    const offer: OfferDraft = {
      offerId: offerId!,
      articles,
      eligibleCountries: countries,
      eligibleRegions: regions,
      languages,
      amount: fromMinorUnits(money.amount, money.currency),
      currency: money.currency,
      availability: { from, to },
      title: titleText,
    };
    if (existing.status === 'empty') return { action: 'create', target: 'offer', identifier, position, summary, offer, commands: [register], notApplied: [], notes };
    return { ...compare(register, existing, ctx), target: 'offer', identifier, position, summary, offer, notes };
  } catch (e) {
    if (e instanceof Skip) {
      return { action: 'skip', identifier: identifier || `#${position}`, position, reason: e.reason, detail: e.detail, ...(e.element ? { element: e.element } : {}), ...(summary ? { summary } : {}), ...(offerId ? { offerId } : {}) };
    }
    if (e instanceof PlatformError) {
      const path = e.details[0]?.path;
      return { action: 'skip', identifier: identifier || `#${position}`, position, reason: 'invalid', detail: `${e.message}${path ? ` at ${path}` : ''}: ${e.details.map((d) => d.message).join('; ')}`, ...(summary ? { summary } : {}) };
    }
    throw e;
  }
}

function draftOf(o: Exclude<OfferState, { status: 'empty' }>, offerId: string): OfferDraft {
  const capacity = o.capacity;
  return {
    offerId,
    articles: o.articles,
    eligibleCountries: o.eligibleCountries,
    eligibleRegions: o.eligibleRegions,
    languages: o.languages,
    amount: capacity.kind === 'money' ? fromMinorUnits(capacity.amount, capacity.currency) : String(capacity.days),
    currency: capacity.kind === 'money' ? capacity.currency : 'expert-days',
    availability: o.availability,
    title: o.title,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const sameSet = (a: readonly string[], b: readonly string[]): boolean => same([...a].sort(), [...b].sort());

/**
 * An activity that created an offer before: what changed, what the offer's commands can apply
 * (a later end: ExtendOffer; the amount and recipients: AmendOffer), and what they cannot.
 */
function compare(register: RegisterOffer, existing: Exclude<OfferState, { status: 'empty' }>, ctx: PlanContext): { action: 'update' | 'unchanged' | 'not_applied'; commands: OfferCommand[]; notApplied: string[] } {
  const commands: OfferCommand[] = [];
  const notApplied: string[] = [];
  const open = existing.status === 'registered' || existing.status === 'fully_committed';
  if (register.availability.to !== existing.availability.to) {
    if (register.availability.to > existing.availability.to && open && ctx.today <= existing.availability.to) {
      commands.push({ type: 'ExtendOffer', offerId: register.offerId, at: ctx.at, to: register.availability.to });
    } else {
      notApplied.push(`end date ${existing.availability.to} -> ${register.availability.to}${open ? '' : ` (the offer is ${existing.status})`}`);
    }
  }
  if (register.availability.from !== existing.availability.from) notApplied.push(`start date ${existing.availability.from} -> ${register.availability.from}`);
  // The amount and the recipients: AmendOffer, while the offer is open, in its currency, not below what is committed.
  const amendment: { capacity?: Capacity; eligibleCountries?: readonly string[]; eligibleRegions?: readonly string[] } = {};
  if (!same(register.capacity, existing.capacity)) {
    const change = `amount ${draftAmount(existing.capacity)} -> ${draftAmount(register.capacity)}`;
    const sameUnit = register.capacity.kind === 'money' && existing.capacity.kind === 'money' && register.capacity.currency === existing.capacity.currency;
    if (!open) notApplied.push(`${change} (the offer is ${existing.status})`);
    else if (!sameUnit) notApplied.push(`${change} (an offer keeps its currency)`);
    else if (register.capacity.amount < existing.committed) notApplied.push(`${change} (below the ${fromMinorUnits(existing.committed, register.capacity.currency)} already committed)`);
    else amendment.capacity = register.capacity;
  }
  const recipients = (what: string, from: readonly string[], to: readonly string[], key: 'eligibleCountries' | 'eligibleRegions') => {
    if (sameSet(to, from)) return;
    if (open) amendment[key] = to;
    else notApplied.push(`${what} ${from.join(' ')} -> ${to.join(' ')} (the offer is ${existing.status})`);
  };
  recipients('recipient countries', existing.eligibleCountries, register.eligibleCountries, 'eligibleCountries');
  recipients('recipient regions', existing.eligibleRegions, register.eligibleRegions, 'eligibleRegions');
  if (Object.keys(amendment).length) commands.push({ type: 'AmendOffer', offerId: register.offerId, at: ctx.at, ...amendment });
  if (!sameSet(register.articles, existing.articles)) notApplied.push(`UNCAC articles ${existing.articles.join(' ')} -> ${register.articles.join(' ')}`);
  const langs = Object.keys(register.title) as LanguageCode[];
  if (langs.some((l) => existing.title[l] !== undefined && existing.title[l] !== register.title[l])) notApplied.push('title');
  if ((Object.keys(register.description) as LanguageCode[]).some((l) => existing.description[l] !== undefined && existing.description[l] !== register.description[l])) notApplied.push('description');
  const action = commands.length ? 'update' : notApplied.length ? 'not_applied' : 'unchanged';
  return { action, commands, notApplied };
}

function draftAmount(c: Capacity): string {
  return c.kind === 'money' ? `${fromMinorUnits(c.amount, c.currency)} ${c.currency}` : `${c.days} expert-days`;
}

function articlesOf(uncacTags: readonly string[], sectorCodes: readonly string[]): string[] {
  return uncacTags.length
    ? [...new Set(uncacTags)]
    : sectorCodes.length
      ? [...new Set(sectorCodes.map((c) => ANTI_CORRUPTION_SECTORS[c]!.article))].sort()
      : [KEYWORD_ONLY_ARTICLE];
}

interface ReportedInput {
  readonly identifier: string;
  readonly position: number;
  readonly summary: ActivitySummary;
  readonly title: LocalizedText;
  readonly countries: readonly string[];
  readonly sectorCodes: readonly string[];
  readonly uncacTags: readonly string[];
  readonly keywords: readonly string[];
  readonly status: string;
  readonly defaultCurrency: string | undefined;
  readonly offerOpen: boolean;
  readonly offerId: string;
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  activityStatus: 'activity status',
  recipientCountries: 'recipient countries',
  title: 'title',
  articles: 'UNCAC articles',
  sectors: 'sectors',
  currency: 'currency',
  commitment: 'commitment',
  plannedStart: 'planned start',
  plannedEnd: 'planned end',
  actualStart: 'actual start',
  actualEnd: 'actual end',
};

/** An activity the provider reports as delivered or under way: what it holds, and what recording it decides against what an earlier import recorded. */
function planReported(activity: IatiElement, a: ReportedInput, ctx: PlanContext, existing: ReportedActivityState): ActivityPlan {
  if (!['1', '2', '3', '4', '5', '6'].includes(a.status)) throw new Skip('invalid', `activity-status/@code ${a.status || '(none)'} is not a 2.03 ActivityStatus code`, 'activity-status');
  const dates = new Map<string, IatiElement>();
  for (const d of childrenNamed(activity, 'activity-date')) if (d.attributes['type'] && !dates.has(d.attributes['type'])) dates.set(d.attributes['type'], d);
  const date = (type: string): IsoDate | null => {
    const d = dates.get(type);
    return d ? isoDate(d.attributes['iso-date'], `activity-date[@type=${type}]`) : null;
  };
  const [plannedStart, actualStart, plannedEnd, actualEnd] = [date('1'), date('2'), date('3'), date('4')];
  if (plannedStart && plannedEnd && plannedStart > plannedEnd) throw new Skip('invalid', `the planned start ${plannedStart} is after the planned end ${plannedEnd}`, 'activity-date');
  if (actualStart && actualEnd && actualStart > actualEnd) throw new Skip('invalid', `the actual start ${actualStart} is after the actual end ${actualEnd}`, 'activity-date');

  const transactions = childrenNamed(activity, 'transaction').map((t, i) => ({ t, i, type: childNamed(t, 'transaction-type')?.attributes['code'] }));
  let currency: string | null = null;
  let commitment: number | null = null;
  for (const { t, i } of transactions.filter((x) => x.type === '2')) {
    const element = `transaction[${i + 1}]/value`;
    const value = childNamed(t, 'value') ?? t;
    const c = currencyOf(value, a.defaultCurrency, element);
    if (currency && c !== currency) throw new Skip('invalid', `outgoing commitments (transaction type 2) are in more than one currency (${currency}, ${c})`, element);
    currency = c;
    commitment = (commitment ?? 0) + minor(value.text, c, element);
  }
  const disbursements: ReportedDisbursement[] = [];
  const ranks = new Map<string, number>();
  for (const { t, i } of transactions.filter((x) => x.type === '3')) {
    const element = `transaction[${i + 1}]`;
    const value = childNamed(t, 'value') ?? t;
    const c = currencyOf(value, a.defaultCurrency, `${element}/value`);
    const amount = minor(value.text, c, `${element}/value`);
    const day = isoDate(childNamed(t, 'transaction-date')?.attributes['iso-date'] ?? value.attributes['value-date'], `${element}/transaction-date`);
    const base = `${day}|${amount}|${c}`;
    const rank = (ranks.get(base) ?? 0) + 1;
    ranks.set(base, rank);
    const ref = t.attributes['ref'];
    disbursements.push({ key: ref ? `ref:${ref}` : `${base}|${rank}`, date: day, amount, currency: c });
  }
  currency ??= disbursements[0]?.currency ?? null;
  const activityId = reportedActivityId(ctx.provider.organisationId, a.identifier);
  const command: ReportActivity = {
    type: 'ReportActivity',
    activityId,
    at: ctx.at,
    providerId: ctx.provider.organisationId,
    iatiIdentifier: a.identifier,
    fields: {
      activityStatus: a.status,
      recipientCountries: [...a.countries].sort(),
      title: a.title,
      articles: articlesOf(a.uncacTags, a.sectorCodes),
      sectors: [...a.sectorCodes].sort(),
      currency,
      commitment,
      plannedStart,
      plannedEnd,
      actualStart,
      actualEnd,
    },
    disbursements,
  };
  const events = decideReportedActivity(command, existing);
  const changes = events.flatMap((e) =>
    e.type === 'ReportedActivityUpdated'
      ? Object.keys(e.data)
          .filter((k) => k !== 'activityId' && k !== 'at')
          .map((k) => FIELD_NAMES[k] ?? k)
      : e.type === 'ReportedDisbursementRecorded' && existing.status !== 'empty'
        ? [`disbursement ${fromMinorUnits(e.data.amount, e.data.currency)} ${e.data.currency} on ${e.data.date}`]
        : [],
  );
  const inCurrency = disbursements.filter((d) => d.currency === currency);
  const reported: ReportedDraft = {
    activityId,
    activityStatus: a.status,
    recipientCountries: command.fields.recipientCountries,
    title: a.title,
    articles: command.fields.articles,
    currency,
    commitment: commitment !== null && currency ? fromMinorUnits(commitment, currency) : null,
    disbursed: inCurrency.length && currency ? fromMinorUnits(inCurrency.reduce((s, d) => s + d.amount, 0), currency) : null,
    disbursements: disbursements.length,
    plannedStart,
    plannedEnd,
    actualStart,
    actualEnd,
  };
  const notes = [
    'delivered or under way, as the provider reports it: recorded as a reported activity, not as a platform engagement (no State request, no acceptance)',
    ...(a.offerOpen ? [`the offer ${a.offerId} an earlier import created from this activity stays open: the provider withdraws it if it is taken`] : []),
    ...(disbursements.length > inCurrency.length ? [`${disbursements.length - inCurrency.length} disbursement(s) in another currency than the commitment's`] : []),
  ];
  const action = events.length === 0 ? 'unchanged' : existing.status === 'empty' ? 'record' : 'update_record';
  return { action, target: 'reported', identifier: a.identifier, position: a.position, summary: a.summary, reported, commands: events.length ? [command] : [], changes, notes };
}
