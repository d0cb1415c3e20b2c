import { assertUnreachable } from '@ta/core';
import type { LocalizedText } from '@ta/codelists';
import type { AssistanceAreas, CalendarDate, ContactPoint, OrganisationKind } from './organisation.commands';
import type { OrganisationEvent } from './organisation.events';

export const ORGANISATION_STATUSES = ['proposed', 'verified', 'suspended', 'closed'] as const;
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

/** A national authority's notification: what its State said, and when. */
export interface AuthorityEntry extends AssistanceAreas {
  readonly notifiedOn: CalendarDate;
  readonly contactPoint: ContactPoint | null;
  /** The date of the withdrawal's notification, once withdrawn. */
  readonly withdrawnOn: CalendarDate | null;
}

export type OrganisationState =
  | { readonly status: 'empty' }
  | {
      readonly status: OrganisationStatus;
      readonly organisationId: string;
      readonly kind: OrganisationKind;
      readonly country: string | null;
      readonly names: LocalizedText;
      readonly iatiIdentifier: string | null;
      readonly addresses: readonly string[];
      readonly website: string | null;
      readonly authority: AuthorityEntry | null;
      readonly providerIds: readonly string[];
    };

export type Organisation = Exclude<OrganisationState, { status: 'empty' }>;

export const initialOrganisationState = (): OrganisationState => ({ status: 'empty' });

export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationProposed': {
      const d = event.data;
      return {
        status: 'proposed',
        organisationId: d.organisationId,
        kind: d.kind,
        country: d.country,
        names: d.names,
        iatiIdentifier: d.iatiIdentifier,
        addresses: d.addresses,
        website: d.website,
        authority: null,
        providerIds: [],
      };
    }
    case 'AuthorityNotified': {
      const d = event.data;
      return {
        status: 'verified',
        organisationId: d.organisationId,
        kind: 'national_authority',
        country: d.country,
        names: d.names,
        iatiIdentifier: d.iatiIdentifier,
        addresses: d.addresses,
        website: d.website,
        authority: { articles: d.articles, taTypes: d.taTypes, languages: d.languages, notifiedOn: d.notifiedOn, contactPoint: d.contactPoint, withdrawnOn: null },
        providerIds: [],
      };
    }
    case 'OrganisationVerified':
      return withStatus(state, 'verified');
    case 'OrganisationSuspended':
      return withStatus(state, 'suspended');
    case 'OrganisationClosed':
      return withStatus(state, 'closed');
    case 'OrganisationDetailsChanged': {
      if (state.status === 'empty') return state;
      const { names, addresses, website, iatiIdentifier } = event.data;
      return { ...state, names, addresses, website, iatiIdentifier };
    }
    case 'AuthorityNotificationChanged': {
      if (state.status === 'empty' || !state.authority) return state;
      const d = event.data;
      return {
        ...state,
        names: d.names,
        addresses: d.addresses,
        website: d.website,
        authority: { ...state.authority, articles: d.articles, taTypes: d.taTypes, languages: d.languages, notifiedOn: d.notifiedOn, contactPoint: d.contactPoint },
      };
    }
    case 'AuthorityWithdrawn': {
      if (state.status === 'empty' || !state.authority) return state;
      return { ...state, status: 'closed', authority: { ...state.authority, withdrawnOn: event.data.notifiedOn } };
    }
    case 'ProviderIdsMapped':
      return state.status === 'empty' ? state : { ...state, providerIds: [...new Set([...state.providerIds, ...event.data.providerIds])] };
    default:
      return assertUnreachable(event, 'Unknown organisation event');
  }
}

function withStatus(state: OrganisationState, status: OrganisationStatus): OrganisationState {
  return state.status === 'empty' ? state : { ...state, status };
}
