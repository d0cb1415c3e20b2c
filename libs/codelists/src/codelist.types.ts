import type { LanguageCode } from './languages';

/** Names in one or more of the six UN languages (English always present in our data). */
export type LocalizedName = { readonly en: string } & { readonly [L in LanguageCode]?: string };

/** One entry of a codelist. Lists add their own fields (chapter, cycle, members...). */
export interface CodelistItem {
  readonly code: string;
  readonly name: LocalizedName;
}

/** A codelist file: versioned data with its source. */
export interface Codelist<Item extends CodelistItem = CodelistItem> {
  readonly codelist: string;
  /** `YYYY-MM-DD` (date of the source's publication) or semver (our own lists). */
  readonly version: string;
  readonly source: string;
  readonly items: readonly Item[];
}

export interface UncacArticle extends CodelistItem {
  readonly number: number;
  readonly chapter: number;
  /** The platform's short label (chapter II), e.g. "Procurement and public finance". */
  readonly shortName?: LocalizedName;
}

export interface UncacChapter extends CodelistItem {
  readonly number: number;
  readonly roman: string;
  readonly articles: { readonly from: number; readonly to: number };
}

export interface TaType extends CodelistItem {
  /** The review cycle whose self-assessment checklist defines this type. */
  readonly cycle: 1 | 2;
}

export interface Country extends CodelistItem {
  readonly alpha3: string;
  readonly numeric: string;
}

export interface Region extends CodelistItem {
  readonly level: 'world' | 'region' | 'sub-region' | 'intermediate-region';
  readonly parent?: string;
  /** Member countries (ISO 3166-1 alpha-2), all levels below included. */
  readonly countries: readonly string[];
}

export interface Currency extends CodelistItem {
  readonly numeric: string;
  /** Decimal places of the minor unit (2 for USD: cents; 0 for JPY). */
  readonly minorUnit: number;
}

export interface Language extends CodelistItem {
  readonly direction: 'ltr' | 'rtl';
}

export interface Priority extends CodelistItem {
  /** 1 = most urgent. */
  readonly rank: number;
}

/** Every codelist by name, with its item type. */
export interface CodelistItems {
  'uncac-articles': UncacArticle;
  'uncac-chapters': UncacChapter;
  'ta-types': TaType;
  countries: Country;
  regions: Region;
  currencies: Currency;
  languages: Language;
  priorities: Priority;
  'iati-activity-status': CodelistItem;
  'iati-transaction-type': CodelistItem;
  'iati-organisation-role': CodelistItem;
}

export type CodelistName = keyof CodelistItems;
