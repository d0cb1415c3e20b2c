import type { LocalizedText } from '@ta/codelists';

/** An ISO 8601 timestamp (the command's time, from the application). */
export type IsoTimestamp = string;
/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

/**
 * What kind of body an organisation is (paras 11-13 and 15 of resolution 3/2 name the partners).
 * `national_authority` entries come only from a notification (para 9): `NotifyAuthority`.
 */
export const ORGANISATION_KINDS = ['donor_agency', 'intergovernmental', 'national_authority', 'civil_society', 'academia', 'private_sector'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The kinds an organisation can be proposed with (a national authority is notified by its State). */
export const PROPOSABLE_KINDS = ORGANISATION_KINDS.filter((k) => k !== 'national_authority');

/** Where and how to reach an organisation: its postal addresses and web site. */
export interface OrganisationDetails {
  /** Names in the languages it gives (ar en es fr ru zh), at least one. */
  readonly names: LocalizedText;
  /** Postal addresses, each one text (lines separated by commas); at most five. */
  readonly addresses: readonly string[];
  /** An https:// (or http://) address, or null. */
  readonly website: string | null;
}

/** The person an authority names as its contact point: personal data (never on Kafka, never public). */
export interface ContactPoint {
  readonly name: string;
  readonly email: string;
  readonly phone: string | null;
}

/** Where a national authority can assist other States (para 9): UNCAC articles 5-14 and types of assistance. */
export interface AssistanceAreas {
  /** `art-5` ... `art-14` (chapter II, prevention). */
  readonly articles: readonly string[];
  /** TA types (codelist `ta-types`). */
  readonly taTypes: readonly string[];
  /** Working languages (ar en es fr ru zh). */
  readonly languages: readonly string[];
}

/** By the Secretariat, or by a provider for its own organisation (then its token's `organisation` is the id). */
export interface ProposeOrganisation extends OrganisationDetails {
  readonly type: 'ProposeOrganisation';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly kind: OrganisationKind;
  /** ISO 3166-1 alpha-2, or null (an intergovernmental organisation has none). */
  readonly country: string | null;
  /** `{registration agency prefix}-{number}` (IATI), or null. */
  readonly iatiIdentifier: string | null;
}

/** By the Secretariat: the organisation is who it says it is; it may act for itself from now on. */
export interface VerifyOrganisation {
  readonly type: 'VerifyOrganisation';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
}

/** By the Secretariat: no one acts for it until it is verified again. */
export interface SuspendOrganisation {
  readonly type: 'SuspendOrganisation';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the Secretariat: for good (it ceased to exist, merged, was registered twice). */
export interface CloseOrganisation {
  readonly type: 'CloseOrganisation';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly reason: string;
}

/** By the Secretariat or the organisation itself: new names, addresses, web site or IATI identifier. */
export interface ChangeOrganisationDetails extends OrganisationDetails {
  readonly type: 'ChangeOrganisationDetails';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly iatiIdentifier: string | null;
}

/**
 * A State notifies the Secretary-General of a national authority that can assist other States
 * in prevention (para 9), or the Secretariat records a notification received by note verbale.
 * The authority enters the directory verified: its State's notification is what verifies it.
 */
export interface NotifyAuthority extends OrganisationDetails, AssistanceAreas {
  readonly type: 'NotifyAuthority';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  /** The notifying State, ISO 3166-1 alpha-2. */
  readonly country: string;
  /** The date of the notification to the Secretary-General. */
  readonly notifiedOn: CalendarDate;
  /** `state`: by the State on the platform; `note_verbale`: recorded by the Secretariat from a note verbale. */
  readonly channel: 'state' | 'note_verbale';
  /** The note verbale's reference, when recorded from one. */
  readonly noteVerbale: string | null;
  readonly contactPoint: ContactPoint | null;
  readonly iatiIdentifier: string | null;
}

/** A later notification changing an authority's entry (its areas, languages, contact point, names, addresses). */
export interface ChangeAuthorityNotification extends OrganisationDetails, AssistanceAreas {
  readonly type: 'ChangeAuthorityNotification';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly notifiedOn: CalendarDate;
  readonly channel: 'state' | 'note_verbale';
  readonly noteVerbale: string | null;
  readonly contactPoint: ContactPoint | null;
}

/** The State withdraws its authority from the directory (or the Secretariat records a note verbale saying so). */
export interface WithdrawAuthority {
  readonly type: 'WithdrawAuthority';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly notifiedOn: CalendarDate;
  readonly channel: 'state' | 'note_verbale';
  readonly noteVerbale: string | null;
  readonly reason: string;
}

/**
 * By the Secretariat, once: provider ids recorded on offers and engagements before the
 * directory existed (free strings such as `giz`) are this organisation's. Events already
 * recorded keep their ids; the mapping says whom they name.
 */
export interface MapProviderIds {
  readonly type: 'MapProviderIds';
  readonly organisationId: string;
  readonly at: IsoTimestamp;
  readonly providerIds: readonly string[];
}

export type OrganisationCommand =
  | ProposeOrganisation
  | VerifyOrganisation
  | SuspendOrganisation
  | CloseOrganisation
  | ChangeOrganisationDetails
  | NotifyAuthority
  | ChangeAuthorityNotification
  | WithdrawAuthority
  | MapProviderIds;
