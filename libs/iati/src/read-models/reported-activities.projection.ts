import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { assertUnreachable } from '@ta/core';
import type { LocalizedText } from '@ta/codelists';
import type { DurableConsumer, PostgresEventStoreHandle, RecordedEvent } from '@ta/event-store';
import { sqlMigrationSet, type MigrationSet } from '@ta/postgres';
import { REPORTED_ACTIVITY_STREAM_PREFIX, reportedActivityEventSchemaVersions, type ReportedActivityEvent, type ReportedDisbursement } from '../domain';

/** The IATI context's read model, schema `iati` (libs/iati/migrations/). */
export const iatiMigrations: MigrationSet = sqlMigrationSet('iati', join(__dirname, '..', '..', 'migrations'));

export const IATI_PROJECTOR = 'iati-projector';

/** A row of `iati.reported_activities`: a function of its events (`projectReportedActivity`). */
export interface ReportedActivityRow {
  readonly activityId: string;
  readonly providerId: string;
  readonly iatiIdentifier: string;
  readonly activityStatus: string;
  readonly recipientCountries: readonly string[];
  readonly title: LocalizedText;
  readonly articles: readonly string[];
  readonly sectors: readonly string[];
  readonly currency: string | null;
  readonly commitment: number | null;
  /** Sum of the disbursements in `currency`. */
  readonly disbursed: number;
  readonly disbursements: readonly ReportedDisbursement[];
  readonly plannedStart: string | null;
  readonly plannedEnd: string | null;
  readonly actualStart: string | null;
  readonly actualEnd: string | null;
  readonly recordedAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly globalPosition: number;
}

const KNOWN: ReadonlyMap<string, number> = new Map(Object.entries(reportedActivityEventSchemaVersions));

export function isIatiEvent(e: RecordedEvent): boolean {
  return e.streamId.startsWith(REPORTED_ACTIVITY_STREAM_PREFIX) && KNOWN.get(e.type) === e.schemaVersion;
}

const disbursedIn = (ds: readonly ReportedDisbursement[], currency: string | null) => ds.filter((d) => d.currency === currency).reduce((s, d) => s + d.amount, 0);

/** The row after one event (null: no row yet, and the event is not the first). */
export function projectReportedActivity(row: ReportedActivityRow | null, e: ReportedActivityEvent, at: { streamPosition: number; globalPosition: number }): ReportedActivityRow | null {
  const stamp = { version: at.streamPosition, globalPosition: at.globalPosition, updatedAt: e.data.at };
  switch (e.type) {
    case 'ReportedActivityRecorded': {
      const { activityId, at: recordedAt, ...fields } = e.data;
      return { activityId, ...fields, disbursed: 0, disbursements: [], recordedAt, ...stamp };
    }
    case 'ReportedActivityUpdated': {
      if (!row) return null;
      const { activityId: _id, at: _at, ...changed } = e.data;
      const next = { ...row, ...changed, ...stamp };
      return { ...next, disbursed: disbursedIn(next.disbursements, next.currency) };
    }
    case 'ReportedDisbursementRecorded': {
      if (!row) return null;
      const { activityId: _id, at: _at, ...d } = e.data;
      const disbursements = [...row.disbursements, d];
      return { ...row, disbursements, disbursed: disbursedIn(disbursements, row.currency), ...stamp };
    }
    default:
      return assertUnreachable(e, 'Unknown reported activity event');
  }
}

/** The IATI projector, a durable consumer: rows and checkpoint commit in one transaction. To rebuild, empty `iati.*` and reset its checkpoint. */
export function createIatiProjector(eventStore: PostgresEventStoreHandle, options: { onError?: (e: unknown) => void } = {}): DurableConsumer {
  return eventStore.consumer({ name: IATI_PROJECTOR, handle: projectIatiBatch, batchSize: 500, ...(options.onError ? { onError: options.onError } : {}) });
}

export async function projectIatiBatch(events: readonly RecordedEvent[], tx: PoolClient): Promise<void> {
  const rows = new Map<string, ReportedActivityRow | null>();
  for (const e of events) {
    if (!isIatiEvent(e)) continue;
    const event = { type: e.type, data: e.data } as ReportedActivityEvent;
    const id = event.data.activityId;
    if (!rows.has(id)) rows.set(id, await loadRow(tx, id));
    rows.set(id, projectReportedActivity(rows.get(id)!, event, { streamPosition: e.streamPosition, globalPosition: e.globalPosition }));
  }
  for (const row of rows.values()) if (row) await saveRow(tx, row);
}

export const REPORTED_COLUMNS =
  'activity_id, provider_id, iati_identifier, activity_status, recipient_countries, title, articles, sectors, currency, commitment, disbursed, disbursements, ' +
  "to_char(planned_start, 'YYYY-MM-DD') AS planned_start, to_char(planned_end, 'YYYY-MM-DD') AS planned_end, to_char(actual_start, 'YYYY-MM-DD') AS actual_start, " +
  "to_char(actual_end, 'YYYY-MM-DD') AS actual_end, recorded_at, updated_at, version, global_position";

export interface ReportedActivityDbRow {
  activity_id: string;
  provider_id: string;
  iati_identifier: string;
  activity_status: string;
  recipient_countries: string[];
  title: LocalizedText;
  articles: string[];
  sectors: string[];
  currency: string | null;
  commitment: string | null;
  disbursed: string;
  disbursements: ReportedDisbursement[];
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  recorded_at: Date;
  updated_at: Date;
  version: number;
  global_position: string;
}

export function reportedActivityFromDb(r: ReportedActivityDbRow): ReportedActivityRow {
  return {
    activityId: r.activity_id,
    providerId: r.provider_id,
    iatiIdentifier: r.iati_identifier,
    activityStatus: r.activity_status,
    recipientCountries: r.recipient_countries,
    title: r.title,
    articles: r.articles,
    sectors: r.sectors,
    currency: r.currency,
    commitment: r.commitment === null ? null : Number(r.commitment),
    disbursed: Number(r.disbursed),
    disbursements: r.disbursements,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    recordedAt: r.recorded_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
    globalPosition: Number(r.global_position),
  };
}

async function loadRow(tx: PoolClient, id: string): Promise<ReportedActivityRow | null> {
  const { rows } = await tx.query<ReportedActivityDbRow>(`SELECT ${REPORTED_COLUMNS} FROM iati.reported_activities WHERE activity_id = $1`, [id]);
  return rows[0] ? reportedActivityFromDb(rows[0]) : null;
}

async function saveRow(tx: PoolClient, r: ReportedActivityRow): Promise<void> {
  await tx.query(
    `INSERT INTO iati.reported_activities(activity_id, provider_id, iati_identifier, activity_status, recipient_countries, title, articles, sectors, currency, commitment,
       disbursed, disbursements, planned_start, planned_end, actual_start, actual_end, recorded_at, updated_at, version, global_position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (activity_id) DO UPDATE SET activity_status = EXCLUDED.activity_status, recipient_countries = EXCLUDED.recipient_countries, title = EXCLUDED.title,
       articles = EXCLUDED.articles, sectors = EXCLUDED.sectors, currency = EXCLUDED.currency, commitment = EXCLUDED.commitment, disbursed = EXCLUDED.disbursed,
       disbursements = EXCLUDED.disbursements, planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end, actual_start = EXCLUDED.actual_start,
       actual_end = EXCLUDED.actual_end, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, global_position = EXCLUDED.global_position`,
    [
      r.activityId,
      r.providerId,
      r.iatiIdentifier,
      r.activityStatus,
      r.recipientCountries,
      JSON.stringify(r.title),
      r.articles,
      r.sectors,
      r.currency,
      r.commitment,
      r.disbursed,
      JSON.stringify(r.disbursements),
      r.plannedStart,
      r.plannedEnd,
      r.actualStart,
      r.actualEnd,
      r.recordedAt,
      r.updatedAt,
      r.version,
      r.globalPosition,
    ],
  );
}
