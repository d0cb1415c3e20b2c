import type { IntegrationEvent } from '../../envelope';

type Names = { readonly [language: string]: string };
interface Ref {
  readonly organisationId: string;
  readonly at: string;
}
interface Details {
  readonly names: Names;
  readonly addresses: readonly string[];
  readonly website: string | null;
}
interface Areas {
  readonly articles: readonly string[];
  readonly taTypes: readonly string[];
  readonly languages: readonly string[];
}
interface Notification {
  readonly notifiedOn: string;
  readonly channel: 'state' | 'note_verbale';
  readonly noteVerbale: string | null;
}

export type OrganisationProposedV1 = IntegrationEvent<'OrganisationProposed', 1, Ref & Details & { readonly kind: string; readonly country: string | null; readonly iatiIdentifier: string | null }>;
export type OrganisationVerifiedV1 = IntegrationEvent<'OrganisationVerified', 1, Ref>;
export type OrganisationSuspendedV1 = IntegrationEvent<'OrganisationSuspended', 1, Ref & { readonly reason: string }>;
export type OrganisationClosedV1 = IntegrationEvent<'OrganisationClosed', 1, Ref & { readonly reason: string }>;
export type OrganisationDetailsChangedV1 = IntegrationEvent<'OrganisationDetailsChanged', 1, Ref & Details & { readonly iatiIdentifier: string | null }>;
/** No contact point: personal data is not published. */
export type AuthorityNotifiedV1 = IntegrationEvent<'AuthorityNotified', 1, Ref & Details & Areas & Notification & { readonly country: string; readonly iatiIdentifier: string | null }>;
export type AuthorityNotificationChangedV1 = IntegrationEvent<'AuthorityNotificationChanged', 1, Ref & Details & Areas & Notification>;
export type AuthorityWithdrawnV1 = IntegrationEvent<'AuthorityWithdrawn', 1, Ref & Notification & { readonly reason: string }>;
export type ProviderIdsMappedV1 = IntegrationEvent<'ProviderIdsMapped', 1, Ref & { readonly providerIds: readonly string[] }>;

/** Every message value on the directory topic. */
export type DirectoryOrganisationsEvent =
  | OrganisationProposedV1
  | OrganisationVerifiedV1
  | OrganisationSuspendedV1
  | OrganisationClosedV1
  | OrganisationDetailsChangedV1
  | AuthorityNotifiedV1
  | AuthorityNotificationChangedV1
  | AuthorityWithdrawnV1
  | ProviderIdsMappedV1;
