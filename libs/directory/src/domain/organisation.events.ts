import type { DomainEvent } from '@ta/core';
import type { AssistanceAreas, CalendarDate, ContactPoint, IsoTimestamp, OrganisationDetails, OrganisationKind } from './organisation.commands';

interface Base {
  readonly organisationId: string;
  readonly at: IsoTimestamp;
}

export type OrganisationProposed = DomainEvent<
  'OrganisationProposed',
  Base & OrganisationDetails & { readonly kind: OrganisationKind; readonly country: string | null; readonly iatiIdentifier: string | null }
>;
export type OrganisationVerified = DomainEvent<'OrganisationVerified', Base>;
export type OrganisationSuspended = DomainEvent<'OrganisationSuspended', Base & { readonly reason: string }>;
export type OrganisationClosed = DomainEvent<'OrganisationClosed', Base & { readonly reason: string }>;
export type OrganisationDetailsChanged = DomainEvent<'OrganisationDetailsChanged', Base & OrganisationDetails & { readonly iatiIdentifier: string | null }>;

interface Notification {
  readonly notifiedOn: CalendarDate;
  readonly channel: 'state' | 'note_verbale';
  readonly noteVerbale: string | null;
}

/** A national authority notified (para 9): it enters the directory verified, of kind `national_authority`. */
export type AuthorityNotified = DomainEvent<
  'AuthorityNotified',
  Base &
    OrganisationDetails &
    AssistanceAreas &
    Notification & { readonly country: string; readonly iatiIdentifier: string | null; readonly contactPoint: ContactPoint | null }
>;
export type AuthorityNotificationChanged = DomainEvent<
  'AuthorityNotificationChanged',
  Base & OrganisationDetails & AssistanceAreas & Notification & { readonly contactPoint: ContactPoint | null }
>;
export type AuthorityWithdrawn = DomainEvent<'AuthorityWithdrawn', Base & Notification & { readonly reason: string }>;
export type ProviderIdsMapped = DomainEvent<'ProviderIdsMapped', Base & { readonly providerIds: readonly string[] }>;

export type OrganisationEvent =
  | OrganisationProposed
  | OrganisationVerified
  | OrganisationSuspended
  | OrganisationClosed
  | OrganisationDetailsChanged
  | AuthorityNotified
  | AuthorityNotificationChanged
  | AuthorityWithdrawn
  | ProviderIdsMapped;

/** Schema version of each directory event's `data`, stored with the event. */
export const organisationEventSchemaVersions = {
  OrganisationProposed: 1,
  OrganisationVerified: 1,
  OrganisationSuspended: 1,
  OrganisationClosed: 1,
  OrganisationDetailsChanged: 1,
  AuthorityNotified: 1,
  AuthorityNotificationChanged: 1,
  AuthorityWithdrawn: 1,
  ProviderIdsMapped: 1,
} as const satisfies Record<OrganisationEvent['type'], number>;

export const ORGANISATION_EVENT_TYPES: readonly string[] = Object.keys(organisationEventSchemaVersions);

/** An organisation's stream: `organisation-<id>`. */
export function organisationStreamId(organisationId: string): string {
  return `organisation-${organisationId}`;
}
export const ORGANISATION_STREAM_PREFIX = 'organisation-';
