import en from '../i18n/en.json';
import { Store, useStore } from './store';

export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];
type Dict = Record<string, string>;

/** English ships with the first page; the other languages load when chosen. */
const loaders = import.meta.glob<Dict>(['../i18n/*.json', '!../i18n/en.json'], { import: 'default' });
const dicts: Partial<Record<Lang, Dict>> = { en };

/**
 * Country names as the UN writes them (UN M49, from the `countries` codelist; see
 * test/web/country-names.spec.ts), not the browser's Intl.DisplayNames, which differ for several
 * Member States. One file per language, English included, loaded with the language so the first
 * page does not carry them.
 */
const countryNameLoaders = import.meta.glob<Dict>('../country-names/*.json', { import: 'default' });
const countryNames: Partial<Record<Lang, Dict>> = {};

export const language = new Store<Lang>('en');

function initial(): Lang {
  const saved = localStorage.getItem('ta.lang');
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Lang;
  const nav = (navigator.language || 'en').slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(nav) ? (nav as Lang) : 'en';
}

/** The countries' UN names in the current language, by code (loaded with the language). */
export function countryEntries(): Array<[string, string]> {
  return Object.entries(countryNames[language.get()] ?? {});
}

export const isRtl = (l: Lang) => l === 'ar';

export async function setLanguage(l: Lang): Promise<void> {
  const names = countryNames[l] ?? countryNameLoaders[`../country-names/${l}.json`]!();
  if (!dicts[l]) dicts[l] = await loaders[`../i18n/${l}.json`]!();
  countryNames[l] = await names;
  localStorage.setItem('ta.lang', l);
  document.documentElement.lang = l;
  document.documentElement.dir = isRtl(l) ? 'rtl' : 'ltr';
  language.set(l);
}

export function initLanguage(): Promise<void> {
  return setLanguage(initial());
}

/** The label for `key` in the current language; `{name}` placeholders filled from `vars`. */
export function t(key: string, vars: Record<string, string | number> = {}): string {
  const l = language.get();
  const s = dicts[l]?.[key] ?? en[key as keyof typeof en] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** `t` if the key exists, else undefined (for codes the app may not know). */
export function tMaybe(key: string, vars: Record<string, string | number> = {}): string | undefined {
  const l = language.get();
  return dicts[l]?.[key] !== undefined || key in en ? t(key, vars) : undefined;
}

export function useLanguage(): Lang {
  return useStore(language);
}

// Formatting with Intl, for the current language.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  const k = `${language.get()}|${key}`;
  let f = cache.get(k) as T | undefined;
  if (!f) cache.set(k, (f = make()));
  return f;
}

export const fmt = {
  number: (n: number, digits = 0) =>
    cached(`n${digits}`, () => new Intl.NumberFormat(language.get(), { maximumFractionDigits: digits })).format(n),
  /** A calendar date `YYYY-MM-DD` or a timestamp, as a date. */
  date: (v: string | null | undefined) =>
    v ? cached('d', () => new Intl.DateTimeFormat(language.get(), { dateStyle: 'medium', timeZone: 'UTC' })).format(new Date(v.length === 10 ? `${v}T00:00:00Z` : v)) : '',
  dateTime: (v: string) => cached('dt', () => new Intl.DateTimeFormat(language.get(), { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(v)),
  /** Money in integer minor units of `currency`. */
  money: (minor: number, currency: string) => {
    const f = cached(`c${currency}`, () => new Intl.NumberFormat(language.get(), { style: 'currency', currency }));
    return f.format(minor / 10 ** minorDigits(currency));
  },
  days: (n: number) => t('unit.expertDays', { n: fmt.number(n) }),
  /** The UN name of a country (ISO 3166-1 alpha-2) in the current language; the code if unknown. */
  country: (code: string) => countryNames[language.get()]?.[code] ?? code,
  languageName: (code: string) => cached('lang', () => new Intl.DisplayNames([language.get()], { type: 'language' })).of(code) ?? code,
  currencyName: (code: string) => cached('cur', () => new Intl.DisplayNames([language.get()], { type: 'currency' })).of(code) ?? code,
};

export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Capacity or amount in its unit: money (minor units) or expert-days. */
export function quantity(amount: number, unit: 'money' | 'expert_days', currency: string | null): string {
  return unit === 'money' && currency ? fmt.money(amount, currency) : fmt.days(amount);
}

/** Free text tagged by language: the current language, else English, else any. */
export function localized(text: Partial<Record<string, string>> | null | undefined): { text: string; lang: string } {
  if (!text) return { text: '', lang: language.get() };
  const l = language.get();
  for (const k of [l, 'en', ...Object.keys(text)]) if (text[k]) return { text: text[k]!, lang: k };
  return { text: '', lang: l };
}
