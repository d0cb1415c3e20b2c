import { assertUnreachable } from '@ta/core';
import type { OrganisationEvent, organisationEventSchemaVersions } from '@ta/directory';
import { assertDomainVersion, integrationEvent } from '../../mapping/integration-event';
import type { PublishedDomainEvent, TopicMapper } from '../../mapping/topic-mapper';
import type { DirectoryOrganisationsEvent } from './directory-organisations.events';
import { DIRECTORY_ORGANISATIONS_TOPIC } from './directory-organisations.topic';

type DirectoryEventType = OrganisationEvent['type'];

const VERSIONS = {
  OrganisationProposed: { domainVersion: 1, version: 1 },
  OrganisationVerified: { domainVersion: 1, version: 1 },
  OrganisationSuspended: { domainVersion: 1, version: 1 },
  OrganisationClosed: { domainVersion: 1, version: 1 },
  OrganisationDetailsChanged: { domainVersion: 1, version: 1 },
  AuthorityNotified: { domainVersion: 1, version: 1 },
  AuthorityNotificationChanged: { domainVersion: 1, version: 1 },
  AuthorityWithdrawn: { domainVersion: 1, version: 1 },
  ProviderIdsMapped: { domainVersion: 1, version: 1 },
} as const satisfies { readonly [T in DirectoryEventType]: { readonly domainVersion: (typeof organisationEventSchemaVersions)[T]; readonly version: number } };

type Published<T extends DirectoryEventType> = T extends DirectoryEventType
  ? Extract<DirectoryOrganisationsEvent, { readonly type: T; readonly schemaVersion: (typeof VERSIONS)[T]['version'] }>
  : never;

/** The directory's domain event types ta.directory.organisations publishes, with their versions. */
export const DIRECTORY_EVENTS: readonly PublishedDomainEvent[] = Object.entries(VERSIONS).map(([type, v]) => ({ type, ...v }));

/** The directory's streams: every event on them must have a mapping. */
export const DIRECTORY_STREAM = /^organisation-/;

/**
 * ta.directory.organisations, keyed by the organisation id. Mapped field by field: an
 * authority's contact point (personal data) has no field in any contract, so it cannot be sent.
 */
export const directoryOrganisationsMapper: TopicMapper = {
  owns: (event) => DIRECTORY_STREAM.test(event.streamId) && Object.hasOwn(VERSIONS, event.type),
  map(event) {
    const versions = VERSIONS[event.type as DirectoryEventType];
    assertDomainVersion(event, versions.domainVersion);
    const e = event as unknown as OrganisationEvent;
    const value = integrationEvent(event, versions.version, { kind: 'organisation', id: e.data.organisationId }, data(e));
    return { topic: DIRECTORY_ORGANISATIONS_TOPIC, key: e.data.organisationId, value: value as DirectoryOrganisationsEvent };
  },
};

function published<E extends OrganisationEvent>(_e: E, data: Published<E['type']>['data']): Published<DirectoryEventType>['data'] {
  return data;
}

function data(e: OrganisationEvent): Published<DirectoryEventType>['data'] {
  const ref = { organisationId: e.data.organisationId, at: e.data.at };
  switch (e.type) {
    case 'OrganisationProposed': {
      const d = e.data;
      return published(e, { ...ref, kind: d.kind, country: d.country, iatiIdentifier: d.iatiIdentifier, names: d.names, addresses: d.addresses, website: d.website });
    }
    case 'OrganisationVerified':
      return published(e, ref);
    case 'OrganisationSuspended':
      return published(e, { ...ref, reason: e.data.reason });
    case 'OrganisationClosed':
      return published(e, { ...ref, reason: e.data.reason });
    case 'OrganisationDetailsChanged': {
      const d = e.data;
      return published(e, { ...ref, names: d.names, addresses: d.addresses, website: d.website, iatiIdentifier: d.iatiIdentifier });
    }
    case 'AuthorityNotified': {
      const d = e.data;
      return published(e, {
        ...ref,
        country: d.country,
        iatiIdentifier: d.iatiIdentifier,
        names: d.names,
        addresses: d.addresses,
        website: d.website,
        articles: d.articles,
        taTypes: d.taTypes,
        languages: d.languages,
        notifiedOn: d.notifiedOn,
        channel: d.channel,
        noteVerbale: d.noteVerbale,
      });
    }
    case 'AuthorityNotificationChanged': {
      const d = e.data;
      return published(e, {
        ...ref,
        names: d.names,
        addresses: d.addresses,
        website: d.website,
        articles: d.articles,
        taTypes: d.taTypes,
        languages: d.languages,
        notifiedOn: d.notifiedOn,
        channel: d.channel,
        noteVerbale: d.noteVerbale,
      });
    }
    case 'AuthorityWithdrawn': {
      const d = e.data;
      return published(e, { ...ref, notifiedOn: d.notifiedOn, channel: d.channel, noteVerbale: d.noteVerbale, reason: d.reason });
    }
    case 'ProviderIdsMapped':
      return published(e, { ...ref, providerIds: e.data.providerIds });
    default:
      return assertUnreachable(e, 'no integration mapping for a domain event of the directory');
  }
}
