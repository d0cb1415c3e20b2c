// Codes the forms and views offer, checked against the API's own lists: each union comes from
// the types generated from the OpenAPI document (api-types.ts), and each record below
// `satisfies Record<Union, true>`, so a code the API adds, drops or renames fails the type
// check. Labels are translated (i18n).
import type { Article, Chapter, Country, Currency, EngagementStatus, Modality, NeedMet, OfferStatus, Priority, ProviderKind, Region, RequestStatus, TaType, UnLanguage } from './api-types';

/** The keys of a record, in its order. */
const keys = <K extends string>(record: Record<K, true>) => Object.keys(record) as K[];

/** UNCAC chapter II (prevention), the articles the forms offer: a part of the API's list. */
export const ARTICLES = ['art-5', 'art-6', 'art-7', 'art-8', 'art-9', 'art-10', 'art-11', 'art-12', 'art-13', 'art-14'] as const satisfies readonly Article[];
/** Second review cycle first, then the first cycle's checklist. */
export const TA_TYPES = keys({
  'c2-legislative-assistance': true,
  'c2-institution-building': true,
  'c2-policymaking': true,
  'c2-capacity-building': true,
  'c2-research-data-analysis': true,
  'c2-international-cooperation': true,
  'c2-other': true,
  'c1-legal-advice': true,
  'c1-legislative-drafting': true,
  'c1-model-legislation': true,
  'c1-model-agreements': true,
  'c1-good-practices': true,
  'c1-action-plan': true,
  'c1-on-site-expert': true,
  'c1-capacity-building-programmes': true,
  'c1-other': true,
} satisfies Record<TaType, true>);
export const PRIORITIES = keys({ high: true, medium: true, low: true } satisfies Record<Priority, true>);
export const UN_LANGUAGES = keys({ ar: true, en: true, es: true, fr: true, ru: true, zh: true } satisfies Record<UnLanguage, true>);
export const PROVIDER_KINDS = keys({ bilateral: true, multilateral: true, state_authority: true, civil_society: true, academia: true, private_sector: true } satisfies Record<ProviderKind, true>);
export const MODALITIES = keys({ remote: true, on_site: true, hybrid: true } satisfies Record<Modality, true>);
/** In the order of the lifecycle (the pipeline's stages). */
export const REQUEST_STATUSES = keys({
  submitted: true,
  returned_for_clarification: true,
  open_for_offers: true,
  matched: true,
  in_delivery: true,
  delivered: true,
  follow_up_recorded: true,
  closed: true,
  withdrawn: true,
  declined: true,
} satisfies Record<RequestStatus, true>);
export const ENGAGEMENT_STATUSES = keys({ proposed: true, agreed: true, active: true, completed: true, acknowledged: true, declined: true, cancelled: true } satisfies Record<EngagementStatus, true>);
export const OFFER_STATUSES = keys({ open: true, withdrawn: true, expired: true } satisfies Record<OfferStatus, true>);
export const NEED_MET = keys({ met: true, partly_met: true, not_met: true } satisfies Record<NeedMet, true>);
/** ISO 3166-1 alpha-2, as the API accepts them; names as the UN writes them (fmt.country: country-names/, from the codelist). */
export const COUNTRIES = keys({
  AD: true, AE: true, AF: true, AG: true, AI: true, AL: true, AM: true, AO: true, AQ: true, AR: true, AS: true, AT: true, AU: true, AW: true, AX: true, AZ: true, BA: true, BB: true, BD: true, BE: true,
  BF: true, BG: true, BH: true, BI: true, BJ: true, BL: true, BM: true, BN: true, BO: true, BQ: true, BR: true, BS: true, BT: true, BV: true, BW: true, BY: true, BZ: true, CA: true, CC: true, CD: true,
  CF: true, CG: true, CH: true, CI: true, CK: true, CL: true, CM: true, CN: true, CO: true, CR: true, CU: true, CV: true, CW: true, CX: true, CY: true, CZ: true, DE: true, DJ: true, DK: true, DM: true,
  DO: true, DZ: true, EC: true, EE: true, EG: true, EH: true, ER: true, ES: true, ET: true, FI: true, FJ: true, FK: true, FM: true, FO: true, FR: true, GA: true, GB: true, GD: true, GE: true, GF: true,
  GG: true, GH: true, GI: true, GL: true, GM: true, GN: true, GP: true, GQ: true, GR: true, GS: true, GT: true, GU: true, GW: true, GY: true, HK: true, HM: true, HN: true, HR: true, HT: true, HU: true,
  ID: true, IE: true, IL: true, IM: true, IN: true, IO: true, IQ: true, IR: true, IS: true, IT: true, JE: true, JM: true, JO: true, JP: true, KE: true, KG: true, KH: true, KI: true, KM: true, KN: true,
  KP: true, KR: true, KW: true, KY: true, KZ: true, LA: true, LB: true, LC: true, LI: true, LK: true, LR: true, LS: true, LT: true, LU: true, LV: true, LY: true, MA: true, MC: true, MD: true, ME: true,
  MF: true, MG: true, MH: true, MK: true, ML: true, MM: true, MN: true, MO: true, MP: true, MQ: true, MR: true, MS: true, MT: true, MU: true, MV: true, MW: true, MX: true, MY: true, MZ: true, NA: true,
  NC: true, NE: true, NF: true, NG: true, NI: true, NL: true, NO: true, NP: true, NR: true, NU: true, NZ: true, OM: true, PA: true, PE: true, PF: true, PG: true, PH: true, PK: true, PL: true, PM: true,
  PN: true, PR: true, PS: true, PT: true, PW: true, PY: true, QA: true, RE: true, RO: true, RS: true, RU: true, RW: true, SA: true, SB: true, SC: true, SD: true, SE: true, SG: true, SH: true, SI: true,
  SJ: true, SK: true, SL: true, SM: true, SN: true, SO: true, SR: true, SS: true, ST: true, SV: true, SX: true, SY: true, SZ: true, TC: true, TD: true, TF: true, TG: true, TH: true, TJ: true, TK: true,
  TL: true, TM: true, TN: true, TO: true, TR: true, TT: true, TV: true, TW: true, TZ: true, UA: true, UG: true, UM: true, US: true, UY: true, UZ: true, VA: true, VC: true, VE: true, VG: true, VI: true,
  VN: true, VU: true, WF: true, WS: true, YE: true, YT: true, ZA: true, ZM: true, ZW: true,
} satisfies Record<Country, true>);

/**
 * The chapters each review cycle of the Implementation Review Mechanism reviewed (the API's
 * `review-cycles` codelist, from resolution 3/1: cycle 1 III and IV, cycle 2 II and V), and the
 * articles of each of those chapters (the `uncac-chapters` codelist). The source form offers
 * only these; the API checks them (`request.source_chapter_not_in_cycle`,
 * `request.source_article_not_in_chapter`).
 */
export const CYCLE_CHAPTERS = { 1: ['ch-3', 'ch-4'], 2: ['ch-2', 'ch-5'] } as const satisfies Record<1 | 2, readonly Chapter[]>;
const CHAPTER_ARTICLES: Record<'ch-2' | 'ch-3' | 'ch-4' | 'ch-5', readonly [number, number]> = { 'ch-2': [5, 14], 'ch-3': [15, 42], 'ch-4': [43, 50], 'ch-5': [51, 59] };
export const CHAPTER_ROMAN: Record<string, string> = { 'ch-1': 'I', 'ch-2': 'II', 'ch-3': 'III', 'ch-4': 'IV', 'ch-5': 'V', 'ch-6': 'VI', 'ch-7': 'VII', 'ch-8': 'VIII' };
const range = ([from, to]: readonly [number, number]) => Array.from({ length: to - from + 1 }, (_, i) => `art-${from + i}` as Article);
/** The articles of a chapter a cycle reviewed. */
export const articlesOf = (chapter: keyof typeof CHAPTER_ARTICLES): Article[] => range(CHAPTER_ARTICLES[chapter]);
/** Every article of the Convention (1-71), for a self-assessment: chapter II first. */
export const ALL_ARTICLES: Article[] = [...range([5, 14]), ...range([1, 4]), ...range([15, 71])];

/**
 * UN M49 regions (the API's `regions` codelist) as the offer form lists them: each region, then
 * its sub-regions and intermediate regions beneath it (depth 0 to 3), with the codelist's names
 * in the six languages (English as UN M49; the five others CLDR's, see libs/codelists/README.md).
 */
export const REGIONS = [
  { code: '001', depth: 0, name: { ar: 'العالم', en: 'World', es: 'Mundo', fr: 'Monde', ru: 'весь мир', zh: '世界' } },
  { code: '002', depth: 1, name: { ar: 'أفريقيا', en: 'Africa', es: 'África', fr: 'Afrique', ru: 'Африка', zh: '非洲' } },
  { code: '015', depth: 2, name: { ar: 'شمال أفريقيا', en: 'Northern Africa', es: 'África septentrional', fr: 'Afrique septentrionale', ru: 'Северная Африка', zh: '北非' } },
  { code: '202', depth: 2, name: { ar: 'أفريقيا جنوب الصحراء الكبرى', en: 'Sub-Saharan Africa', es: 'África subsahariana', fr: 'Afrique subsaharienne', ru: 'Тропическая Африка', zh: '撒哈拉以南非洲' } },
  { code: '014', depth: 3, name: { ar: 'شرق أفريقيا', en: 'Eastern Africa', es: 'África oriental', fr: 'Afrique orientale', ru: 'Восточная Африка', zh: '东非' } },
  { code: '017', depth: 3, name: { ar: 'وسط أفريقيا', en: 'Middle Africa', es: 'África central', fr: 'Afrique centrale', ru: 'Центральная Африка', zh: '中非' } },
  { code: '018', depth: 3, name: { ar: 'أفريقيا الجنوبية', en: 'Southern Africa', es: 'África meridional', fr: 'Afrique australe', ru: 'Южная Африка', zh: '南部非洲' } },
  { code: '011', depth: 3, name: { ar: 'غرب أفريقيا', en: 'Western Africa', es: 'África occidental', fr: 'Afrique occidentale', ru: 'Западная Африка', zh: '西非' } },
  { code: '019', depth: 1, name: { ar: 'الأمريكتان', en: 'Americas', es: 'América', fr: 'Amériques', ru: 'Америка', zh: '美洲' } },
  { code: '419', depth: 2, name: { ar: 'أمريكا اللاتينية', en: 'Latin America and the Caribbean', es: 'Latinoamérica', fr: 'Amérique latine', ru: 'Латинская Америка', zh: '拉丁美洲' } },
  { code: '029', depth: 3, name: { ar: 'الكاريبي', en: 'Caribbean', es: 'Caribe', fr: 'Caraïbes', ru: 'Карибы', zh: '加勒比地区' } },
  { code: '013', depth: 3, name: { ar: 'أمريكا الوسطى', en: 'Central America', es: 'Centroamérica', fr: 'Amérique centrale', ru: 'Центральная Америка', zh: '中美洲' } },
  { code: '005', depth: 3, name: { ar: 'أمريكا الجنوبية', en: 'South America', es: 'Sudamérica', fr: 'Amérique du Sud', ru: 'Южная Америка', zh: '南美洲' } },
  { code: '021', depth: 2, name: { ar: 'شمال أمريكا', en: 'Northern America', es: 'Norteamérica', fr: 'Amérique septentrionale', ru: 'Североамериканский регион', zh: '美洲北部' } },
  { code: '142', depth: 1, name: { ar: 'آسيا', en: 'Asia', es: 'Asia', fr: 'Asie', ru: 'Азия', zh: '亚洲' } },
  { code: '143', depth: 2, name: { ar: 'وسط آسيا', en: 'Central Asia', es: 'Asia central', fr: 'Asie centrale', ru: 'Центральная Азия', zh: '中亚' } },
  { code: '030', depth: 2, name: { ar: 'شرق آسيا', en: 'Eastern Asia', es: 'Asia oriental', fr: 'Asie de l’Est', ru: 'Восточная Азия', zh: '东亚' } },
  { code: '035', depth: 2, name: { ar: 'جنوب شرق آسيا', en: 'South-eastern Asia', es: 'Sudeste asiático', fr: 'Asie du Sud-Est', ru: 'Юго-Восточная Азия', zh: '东南亚' } },
  { code: '034', depth: 2, name: { ar: 'جنوب آسيا', en: 'Southern Asia', es: 'Asia meridional', fr: 'Asie du Sud', ru: 'Южная Азия', zh: '南亚' } },
  { code: '145', depth: 2, name: { ar: 'غرب آسيا', en: 'Western Asia', es: 'Asia occidental', fr: 'Asie de l’Ouest', ru: 'Западная Азия', zh: '西亚' } },
  { code: '150', depth: 1, name: { ar: 'أوروبا', en: 'Europe', es: 'Europa', fr: 'Europe', ru: 'Европа', zh: '欧洲' } },
  { code: '151', depth: 2, name: { ar: 'شرق أوروبا', en: 'Eastern Europe', es: 'Europa oriental', fr: 'Europe de l’Est', ru: 'Восточная Европа', zh: '东欧' } },
  { code: '154', depth: 2, name: { ar: 'شمال أوروبا', en: 'Northern Europe', es: 'Europa septentrional', fr: 'Europe du Nord', ru: 'Северная Европа', zh: '北欧' } },
  { code: '039', depth: 2, name: { ar: 'جنوب أوروبا', en: 'Southern Europe', es: 'Europa meridional', fr: 'Europe du Sud', ru: 'Южная Европа', zh: '南欧' } },
  { code: '155', depth: 2, name: { ar: 'غرب أوروبا', en: 'Western Europe', es: 'Europa occidental', fr: 'Europe de l’Ouest', ru: 'Западная Европа', zh: '西欧' } },
  { code: '009', depth: 1, name: { ar: 'أوقيانوسيا', en: 'Oceania', es: 'Oceanía', fr: 'Océanie', ru: 'Океания', zh: '大洋洲' } },
  { code: '053', depth: 2, name: { ar: 'أسترالاسيا', en: 'Australia and New Zealand', es: 'Australasia', fr: 'Australasie', ru: 'Австралазия', zh: '澳大拉西亚' } },
  { code: '054', depth: 2, name: { ar: 'ميلانيزيا', en: 'Melanesia', es: 'Melanesia', fr: 'Mélanésie', ru: 'Меланезия', zh: '美拉尼西亚' } },
  { code: '057', depth: 2, name: { ar: 'الجزر الميكرونيزية', en: 'Micronesia', es: 'Región de Micronesia', fr: 'région micronésienne', ru: 'Микронезия', zh: '密克罗尼西亚地区' } },
  { code: '061', depth: 2, name: { ar: 'بولينيزيا', en: 'Polynesia', es: 'Polinesia', fr: 'Polynésie', ru: 'Полинезия', zh: '玻利尼西亚' } },
] as const satisfies ReadonlyArray<{ code: Region; depth: number; name: Readonly<Record<'ar' | 'en' | 'es' | 'fr' | 'ru' | 'zh', string>> }>;
/** Every M49 region the API knows is listed: a code it adds or drops fails the type check. */
const _allRegions: Record<Region, true> = Object.fromEntries(REGIONS.map((r) => [r.code, true])) as Record<(typeof REGIONS)[number]['code'], true>;
void _allRegions;

/** ISO 4217 currencies the API accepts (its `currencies` codelist), by code; names from Intl in the reader's language. */
export const CURRENCIES = keys({
  AED: true, AFN: true, ALL: true, AMD: true, ANG: true, AOA: true, ARS: true, AUD: true, AWG: true, AZN: true, BAM: true, BBD: true, BDT: true, BGN: true, BHD: true, BIF: true,
  BMD: true, BND: true, BOB: true, BRL: true, BSD: true, BTN: true, BWP: true, BYN: true, BZD: true, CAD: true, CDF: true, CHF: true, CLP: true, CNY: true, COP: true, CRC: true,
  CUC: true, CUP: true, CVE: true, CZK: true, DJF: true, DKK: true, DOP: true, DZD: true, EGP: true, ERN: true, ETB: true, EUR: true, FJD: true, FKP: true, GBP: true, GEL: true,
  GHS: true, GIP: true, GMD: true, GNF: true, GTQ: true, GYD: true, HKD: true, HNL: true, HTG: true, HUF: true, IDR: true, ILS: true, INR: true, IQD: true, IRR: true, ISK: true,
  JMD: true, JOD: true, JPY: true, KES: true, KGS: true, KHR: true, KMF: true, KPW: true, KRW: true, KWD: true, KYD: true, KZT: true, LAK: true, LBP: true, LKR: true, LRD: true,
  LSL: true, LYD: true, MAD: true, MDL: true, MGA: true, MKD: true, MMK: true, MNT: true, MOP: true, MRU: true, MUR: true, MVR: true, MWK: true, MXN: true, MYR: true, MZN: true,
  NAD: true, NGN: true, NIO: true, NOK: true, NPR: true, NZD: true, OMR: true, PAB: true, PEN: true, PGK: true, PHP: true, PKR: true, PLN: true, PYG: true, QAR: true, RON: true,
  RSD: true, RUB: true, RWF: true, SAR: true, SBD: true, SCR: true, SDG: true, SEK: true, SGD: true, SHP: true, SLE: true, SOS: true, SRD: true, SSP: true, STN: true, SVC: true,
  SYP: true, SZL: true, THB: true, TJS: true, TMT: true, TND: true, TOP: true, TRY: true, TTD: true, TWD: true, TZS: true, UAH: true, UGX: true, USD: true, UYU: true, UYW: true,
  UZS: true, VED: true, VES: true, VND: true, VUV: true, WST: true, XAF: true, XCD: true, XOF: true, XPF: true, YER: true, ZAR: true, ZMW: true, ZWG: true,
} satisfies Record<Currency, true>);
