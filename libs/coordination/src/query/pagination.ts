import { ValidationError } from '@ta/core';
import type { Sql } from '../sql';

export interface SortColumn {
  readonly column: string;
  /** The SQL type the cursor's value is cast back to. */
  readonly type: 'timestamptz' | 'date' | 'text' | 'bigint' | 'double precision';
}

export interface Page<T> {
  readonly items: T[];
  /** Opaque; pass as `cursor` for the next page. Null on the last page. */
  readonly nextCursor: string | null;
}

export interface ListSpec {
  /** FROM clause, the listed table aliased `t`. */
  readonly from: string;
  /** The unique key column, tie-breaker of every sort. */
  readonly key: string;
  readonly sorts: Readonly<Record<string, SortColumn>>;
  /** Extra select expressions after `to_jsonb(t) AS j`. */
  readonly extra?: string;
}

interface CursorBody {
  s: string;
  v: string | null;
  k: string;
}

export function encodeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorBody {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
    if (body.s === sort && typeof body.k === 'string' && (typeof body.v === 'string' || body.v === null)) return body;
  } catch {
    // fall through
  }
  throw new ValidationError('coordination.invalid_cursor', 'The cursor is not valid for this query and sort order', [{ path: '/query/cursor', message: 'use the nextCursor of the previous page, with the same sort' }]);
}

/** `sort` is a key of spec.sorts, or `-key` for descending. */
export function sortNames(spec: ListSpec): string[] {
  return Object.keys(spec.sorts).flatMap((k) => [k, `-${k}`]);
}

/** Keyset pagination: `WHERE (sort column, key) > (cursor)` in the sort's direction. */
export async function listPage(
  sql: Sql,
  spec: ListSpec,
  where: readonly string[],
  params: unknown[],
  sort: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<Record<string, unknown>>> {
  const desc = sort.startsWith('-');
  const s = spec.sorts[desc ? sort.slice(1) : sort]!;
  const conditions = [...where];
  const values = [...params];
  if (cursor !== undefined) {
    const c = decodeCursor(cursor, sort);
    values.push(c.v, c.k);
    const v = `$${values.length - 1}::${s.type}`;
    const k = `$${values.length}`;
    // Sort columns are NOT NULL; the key breaks ties.
    conditions.push(`(t.${s.column}, t.${spec.key}::text) ${desc ? '<' : '>'} (${v}, ${k})`);
  }
  values.push(limit + 1);
  const dir = desc ? 'DESC' : 'ASC';
  // The page's keys first, then its rows: PostgreSQL computes the select list before a sort, so
  // a page of a set that no index orders (a list "as of" a date reads the versions of that date,
  // docs/read-models.md) would otherwise build `to_jsonb` of every row before keeping 51.
  const order = `ORDER BY t.${s.column} ${dir}, t.${spec.key}::text ${dir}`;
  const rows = await sql(
    `SELECT to_jsonb(t) AS j, t.${s.column}::text AS sort_value, t.${spec.key}::text AS sort_key${spec.extra ? `, ${spec.extra}` : ''}
       FROM ${spec.from}
      WHERE t.${spec.key} = ANY (ARRAY(SELECT t.${spec.key} FROM ${spec.from}
                                       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
                                       ${order}
                                       LIMIT $${values.length}))
      ${order}`,
    values,
  );
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: more && last ? encodeCursor({ s: sort, v: (last.sort_value as string | null) ?? null, k: String(last.sort_key) }) : null,
  };
}
