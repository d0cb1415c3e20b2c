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

/** A review cycle of the Implementation Review Mechanism and the chapters it reviews. */
export interface ReviewCycle extends CodelistItem {
  readonly number: 1 | 2;
  /** Codes of the uncac-chapters list. */
  readonly chapters: readonly string[];
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

/** Where a participant stands under the Convention, as far as the list's sources say. */
export type UncacStatus = 'party' | 'signatory' | 'non-party' | 'unverified';

/** How a participant became party (the UNTC's column: Ratification, Acceptance (A), Approval (AA), Accession (a), Succession (d)). */
export type UncacPartyAction = 'ratification' | 'acceptance' | 'approval' | 'accession' | 'succession';

/** A State (ISO 3166-1 alpha-2) or the European Union (`EU`) and its standing under UNCAC. */
export interface UncacParticipant extends CodelistItem {
  readonly kind: 'state' | 'regional-economic-integration-organisation';
  /** `unverified`: a State the Convention is open to whose status the list's sources did not give. */
  readonly status: UncacStatus;
  /** Date of signature, `YYYY-MM-DD`, when the sources give one. */
  readonly signature?: string;
  /**
   * How and when it became party (the date of deposit of the instrument); `date` null when the
   * sources do not give it, `action` null when they do not say which instrument (a Netherlands
   * treaty record's type R covers ratification, acceptance and approval alike). Absent on a party
   * whose sources give neither (see its `note`).
   */
  readonly party?: { readonly action: UncacPartyAction | null; readonly date: string | null };
  /** Keys of the list's `sources` that support this entry. */
  readonly evidence: readonly string[];
  readonly note?: string;
}

export interface Language extends CodelistItem {
  readonly direction: 'ltr' | 'rtl';
}

export interface Priority extends CodelistItem {
  /** 1 = most urgent. */
  readonly rank: number;
}

/** An IATI organisation registration agency: the prefix of organisation identifiers drawn from its list. */
export interface RegistrationAgency extends CodelistItem {
  /** ISO 3166-1 alpha-2 of the agency's country, or null for international lists (XI-, XM-). */
  readonly country: string | null;
  /** `withdrawn` prefixes stay valid for identifiers already published with them. */
  readonly status: 'active' | 'withdrawn';
}

/** A subject of good practices that resolution 3/2 names, with the paragraph naming it. */
export interface PracticeTheme extends CodelistItem {
  readonly paragraph: number;
}

/** Every codelist by name, with its item type. */
export interface CodelistItems {
  'uncac-articles': UncacArticle;
  'uncac-chapters': UncacChapter;
  'review-cycles': ReviewCycle;
  'ta-types': TaType;
  countries: Country;
  'uncac-parties': UncacParticipant;
  regions: Region;
  currencies: Currency;
  languages: Language;
  priorities: Priority;
  'practice-themes': PracticeTheme;
  'iati-activity-status': CodelistItem;
  'iati-transaction-type': CodelistItem;
  'iati-organisation-role': CodelistItem;
  'iati-organisation-type': CodelistItem;
  'iati-organisation-registration-agency': RegistrationAgency;
}

export type CodelistName = keyof CodelistItems;
