import type { Pool } from 'pg';
import { fromMinorUnits } from '@ta/case';
import { REPORTED_COLUMNS, reportedActivityFromDb, type ReportedActivityDbRow, type ReportedActivityRow } from './reported-activities.projection';

/** A reported activity as the API answers it: its row, amounts as decimal strings of their currency, without the log's bookkeeping. */
export type ReportedActivityView = Omit<ReportedActivityRow, 'commitment' | 'disbursed' | 'disbursements' | 'version' | 'globalPosition'> & {
  readonly commitment: string | null;
  readonly disbursed: string | null;
  readonly disbursements: readonly { readonly date: string; readonly amount: string; readonly currency: string }[];
};

export const REPORTED_ACTIVITIES_LIMIT = 1000;

/**
 * The reported activities, by provider (its directory id, or a provider id mapped to it) and
 * recipient country, most recently updated first; at most `REPORTED_ACTIVITIES_LIMIT`.
 */
export async function listReportedActivities(pool: Pool, filter: { provider?: string; country?: string } = {}): Promise<{ items: ReportedActivityView[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.provider) {
    params.push(filter.provider);
    where.push(`(provider_id = $${params.length} OR provider_id = (SELECT organisation_id FROM directory.provider_ids WHERE provider_id = $${params.length}))`);
  }
  if (filter.country) {
    params.push(filter.country);
    where.push(`$${params.length} = ANY(recipient_countries)`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<ReportedActivityDbRow>(
      `SELECT ${REPORTED_COLUMNS} FROM iati.reported_activities ${clause} ORDER BY updated_at DESC, activity_id LIMIT ${REPORTED_ACTIVITIES_LIMIT}`,
      params,
    );
    const total = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM iati.reported_activities ${clause}`, params)).rows[0]!.n);
    await client.query('COMMIT');
    return { items: rows.map((r) => view(reportedActivityFromDb(r))), total };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function view(r: ReportedActivityRow): ReportedActivityView {
  const { version: _version, globalPosition: _position, commitment, disbursed, disbursements, ...rest } = r;
  const money = (amount: number | null, currency: string | null) => (amount === null || currency === null ? null : fromMinorUnits(amount, currency));
  return {
    ...rest,
    commitment: money(commitment, r.currency),
    disbursed: disbursements.length ? money(disbursed, r.currency) : null,
    disbursements: disbursements.map((d) => ({ date: d.date, amount: fromMinorUnits(d.amount, d.currency), currency: d.currency })),
  };
}

/** The reported activities' reads, for the HTTP face. */
export class ReportedActivities {
  constructor(private readonly pool: Pool) {}

  list(filter: { provider?: string; country?: string } = {}) {
    return listReportedActivities(this.pool, filter);
  }
}
