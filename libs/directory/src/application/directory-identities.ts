import type { Pool } from 'pg';
import { fold } from '@ta/core';
import type { EventStore } from '@ta/event-store';
import { isOrganisationId, organisationDecider, organisationStreamId, type Organisation, type OrganisationEvent } from '../domain';

/** Who an organisation is, as the directory knows it: what other contexts ask before letting someone act for it. */
export interface OrganisationIdentity {
  /** The directory's id (for a mapped provider id: the organisation it was mapped to). */
  readonly organisationId: string;
  readonly kind: Organisation['kind'];
  readonly status: Organisation['status'];
  /** A national authority's State; an organisation's country; null for an intergovernmental one. */
  readonly country: string | null;
  /** Provider ids recorded before the directory that name this organisation. */
  readonly providerIds: readonly string[];
}

/**
 * Identity from the directory: an organisation's current state, folded from its own stream (so
 * an organisation verified a moment ago is verified here, whatever the read models' lag). A
 * provider id mapped to an organisation (`ProviderIdsMapped`) is looked up in the mapping.
 */
export class DirectoryIdentities {
  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
  ) {}

  async identityOf(id: string): Promise<OrganisationIdentity | null> {
    const direct = isOrganisationId(id) ? await this.fromStream(id) : null;
    if (direct) return direct;
    const { rows } = await this.pool.query<{ organisation_id: string }>('SELECT organisation_id FROM directory.provider_ids WHERE provider_id = $1', [id]);
    return rows[0] ? this.fromStream(rows[0].organisation_id) : null;
  }

  private async fromStream(id: string): Promise<OrganisationIdentity | null> {
    const events = await this.store.readStream(organisationStreamId(id));
    if (events.length === 0) return null;
    const state = fold(organisationDecider, events.map((e) => ({ type: e.type, data: e.data }) as OrganisationEvent));
    if (state.status === 'empty') return null;
    return { organisationId: state.organisationId, kind: state.kind, status: state.status, country: state.country, providerIds: state.providerIds };
  }
}
