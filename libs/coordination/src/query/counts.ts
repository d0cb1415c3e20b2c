import { sortKeys } from '../as-of/summary';
import type { Sql } from '../sql';
import type { Conditions } from './conditions';

/** A count or sum from PostgreSQL (bigint and numeric come as strings; none as null). */
export const num = (v: unknown): number => Number(v ?? 0);

export interface StatusCounts {
  readonly total: number;
  readonly byStatus: Record<string, number>;
}

/** How many rows of `table` (aliased `t`) meet `c`, in all and per status (statuses by name). */
export async function statusCounts(sql: Sql, table: string, c: Conditions): Promise<StatusCounts> {
  return countsOf(await sql(`SELECT t.status, count(*) AS n FROM ${table} t ${c.whereClause} GROUP BY t.status`, c.params));
}

/** Rows of `status` and its count `n`, in all and per status. */
export function countsOf(rows: ReadonlyArray<Record<string, unknown>>): StatusCounts {
  return {
    total: rows.reduce((s, r) => s + num(r.n), 0),
    byStatus: sortKeys(Object.fromEntries(rows.map((r) => [String(r.status), num(r.n)]))),
  };
}
