import type { PoolClient } from 'pg';
import { join } from 'node:path';
import type { DurableConsumer, PostgresEventStoreHandle, RecordedEvent } from '@ta/event-store';
import { sqlMigrationSet, type MigrationSet } from '@ta/postgres';
import { ORGANISATION_STREAM_PREFIX, organisationEventSchemaVersions, type Organisation, type OrganisationEvent } from '../domain';
import { projectOrganisation, type OrganisationRow } from './organisation-row';

/** The directory's read models, schema `directory` (libs/directory/migrations/). */
export const directoryMigrations: MigrationSet = sqlMigrationSet('directory', join(__dirname, '..', '..', 'migrations'));

export const DIRECTORY_PROJECTOR = 'directory-projector';

const KNOWN: ReadonlyMap<string, number> = new Map(Object.entries(organisationEventSchemaVersions));

/** Whether a stored event is one the directory follows (an organisation stream's event, of a schema version it reads). */
export function isDirectoryEvent(e: RecordedEvent): boolean {
  return e.streamId.startsWith(ORGANISATION_STREAM_PREFIX) && KNOWN.get(e.type) === e.schemaVersion;
}

/**
 * The directory projector, a durable consumer of the event store: rows and checkpoint commit
 * in one transaction. Register it with the process's consumers (the API, or the projector
 * process). To rebuild, empty `directory.*` and reset its checkpoint: the fold is the same.
 */
export function createDirectoryProjector(eventStore: PostgresEventStoreHandle, options: { onError?: (e: unknown) => void } = {}): DurableConsumer {
  return eventStore.consumer({ name: DIRECTORY_PROJECTOR, handle: projectDirectoryBatch, batchSize: 500, ...(options.onError ? { onError: options.onError } : {}) });
}

export async function projectDirectoryBatch(events: readonly RecordedEvent[], tx: PoolClient): Promise<void> {
  const rows = new Map<string, OrganisationRow | null>();
  for (const e of events) {
    if (!isDirectoryEvent(e)) continue;
    const event = { type: e.type, data: e.data } as OrganisationEvent;
    const id = event.data.organisationId;
    if (!rows.has(id)) rows.set(id, await loadRow(tx, id));
    const next = projectOrganisation(rows.get(id)!, event, { streamPosition: e.streamPosition, globalPosition: e.globalPosition, at: event.data.at });
    rows.set(id, next);
    if (event.type === 'ProviderIdsMapped') {
      for (const providerId of event.data.providerIds) {
        await tx.query(
          `INSERT INTO directory.provider_ids(provider_id, organisation_id, mapped_at) VALUES ($1, $2, $3)
           ON CONFLICT (provider_id) DO NOTHING`,
          [providerId, id, event.data.at],
        );
      }
    }
  }
  for (const row of rows.values()) if (row) await saveRow(tx, row);
}

async function loadRow(tx: PoolClient, id: string): Promise<OrganisationRow | null> {
  const { rows } = await tx.query<DbRow>(`SELECT ${COLUMNS} FROM directory.organisations WHERE id = $1`, [id]);
  return rows[0] ? fromDb(rows[0]) : null;
}

const COLUMNS =
  'id, kind, status, country, names, iati_identifier, addresses, website, provider_ids, articles, ta_types, languages, contact_point, ' +
  "to_char(notified_on, 'YYYY-MM-DD') AS notified_on, notification_channel, note_verbale, to_char(withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on, " +
  'registered_at, updated_at, version, global_position';

export interface DbRow {
  id: string;
  kind: Organisation['kind'];
  status: Organisation['status'];
  country: string | null;
  names: Organisation['names'];
  iati_identifier: string | null;
  addresses: string[];
  website: string | null;
  provider_ids: string[];
  articles: string[] | null;
  ta_types: string[] | null;
  languages: string[] | null;
  contact_point: { name: string; email: string; phone: string | null } | null;
  notified_on: string | null;
  notification_channel: 'state' | 'note_verbale' | null;
  note_verbale: string | null;
  withdrawn_on: string | null;
  registered_at: Date;
  updated_at: Date;
  version: number;
  global_position: string;
}

function fromDb(r: DbRow): OrganisationRow {
  return {
    state: {
      status: r.status,
      organisationId: r.id,
      kind: r.kind,
      country: r.country,
      names: r.names,
      iatiIdentifier: r.iati_identifier,
      addresses: r.addresses,
      website: r.website,
      providerIds: r.provider_ids,
      authority:
        r.notified_on === null
          ? null
          : { articles: r.articles ?? [], taTypes: r.ta_types ?? [], languages: r.languages ?? [], notifiedOn: r.notified_on, contactPoint: r.contact_point, withdrawnOn: r.withdrawn_on },
    },
    notificationChannel: r.notification_channel,
    noteVerbale: r.note_verbale,
    registeredAt: r.registered_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    globalPosition: Number(r.global_position),
  };
}

async function saveRow(tx: PoolClient, row: OrganisationRow): Promise<void> {
  const s = row.state;
  const a = s.authority;
  await tx.query(
    `INSERT INTO directory.organisations(id, kind, status, country, names, iati_identifier, addresses, website, provider_ids, articles, ta_types, languages,
       contact_point, notified_on, notification_channel, note_verbale, withdrawn_on, registered_at, updated_at, version, global_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
     ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, status = EXCLUDED.status, country = EXCLUDED.country, names = EXCLUDED.names,
       iati_identifier = EXCLUDED.iati_identifier, addresses = EXCLUDED.addresses, website = EXCLUDED.website, provider_ids = EXCLUDED.provider_ids,
       articles = EXCLUDED.articles, ta_types = EXCLUDED.ta_types, languages = EXCLUDED.languages, contact_point = EXCLUDED.contact_point,
       notified_on = EXCLUDED.notified_on, notification_channel = EXCLUDED.notification_channel, note_verbale = EXCLUDED.note_verbale,
       withdrawn_on = EXCLUDED.withdrawn_on, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, global_position = EXCLUDED.global_position`,
    [
      s.organisationId,
      s.kind,
      s.status,
      s.country,
      JSON.stringify(s.names),
      s.iatiIdentifier,
      JSON.stringify(s.addresses),
      s.website,
      s.providerIds,
      a?.articles ?? null,
      a?.taTypes ?? null,
      a?.languages ?? null,
      a?.contactPoint ? JSON.stringify(a.contactPoint) : null,
      a?.notifiedOn ?? null,
      row.notificationChannel,
      row.noteVerbale,
      a?.withdrawnOn ?? null,
      row.registeredAt,
      row.updatedAt,
      row.version,
      row.globalPosition,
    ],
  );
}

export { fromDb as organisationRowFromDb, COLUMNS as ORGANISATION_COLUMNS };
