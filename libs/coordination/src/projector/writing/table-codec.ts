import type { DataSource } from 'typeorm';
import { EntityColumns, type ColumnInfo } from '../../read-models/entity-columns';
import type { Projection } from '../../read-models/projection';
import { historyTable, qualifiedTable, TEMPORAL_READ_MODELS } from '../../read-models/read-models';
import type { Sql } from '../../sql';

/**
 * Moves a read model's rows between memory and its table in bulk, using the TypeORM entity's
 * metadata for the column names and types (`EntityColumns`): rows are loaded as `to_jsonb(row)`
 * and written with one `INSERT ... SELECT FROM unnest($1::text[], $2::text[], ...) [ON CONFLICT]`
 * per batch: one text array per column (values in PostgreSQL's text input form, cast in the
 * SELECT), so the statement has as many parameters as the table has columns, whatever the number
 * of rows, and the server parses no JSON. `suffix` addresses a rebuild's new table.
 */
export class TableCodec<Row extends object> {
  private readonly entity: EntityColumns<Row>;
  private readonly columns: readonly ColumnInfo[];
  private readonly key: ColumnInfo;
  /** A temporal read model: rows carry `valid_from`, replaced versions go to its history table. */
  readonly temporal: boolean;

  constructor(
    dataSource: DataSource,
    readonly projection: Projection<Row>,
  ) {
    this.entity = new EntityColumns(dataSource, projection);
    this.columns = this.entity.columns;
    this.key = this.entity.key;
    this.temporal = TEMPORAL_READ_MODELS.has(projection.name);
  }

  /** The history table of a temporal read model. */
  historyTable(suffix = ''): string {
    return historyTable(this.projection.name, suffix);
  }

  /** The primary key's column. */
  get keyColumn(): string {
    return this.key.db;
  }

  table(suffix = ''): string {
    return qualifiedTable(`${this.projection.name}${suffix}`);
  }

  keyOf(row: Row): string {
    return this.entity.keyOf(row);
  }

  /** The rows of `keys`; a temporal read model's `valid_from` of each into `validFrom`. */
  async load(sql: Sql, keys: readonly string[], suffix = '', validFrom?: Map<string, string>): Promise<Map<string, Row>> {
    const rows = await sql(this.loadQuery('$1', suffix), [keys]);
    const found = new Map<string, Row>();
    for (const r of rows) {
      const j = r.j as Record<string, unknown>;
      const row = this.fromJson(j);
      found.set(this.keyOf(row), row);
      if (validFrom && this.temporal) validFrom.set(this.keyOf(row), validFromOf(j));
    }
    return found;
  }

  /** `SELECT to_jsonb(t) AS j` of the rows whose key is in the text[] parameter `keysParam` (`$n`). */
  loadQuery(keysParam: string, suffix = ''): string {
    return `SELECT to_jsonb(t) AS j FROM ${this.table(suffix)} t WHERE ${this.key.db}::text = ANY(${keysParam}::text[])`;
  }

  /** A row from `to_jsonb(row)` (`EntityColumns.fromJson`). */
  fromJson(j: Record<string, unknown>): Row {
    return this.entity.fromJson(j);
  }

  /**
   * An upsert of `rows` (`INSERT ... ON CONFLICT (key) DO UPDATE`), as a statement whose
   * parameters are numbered from `firstParam` (to combine several in one).
   */
  writeStatement(rows: readonly Row[], suffix = '', firstParam = 1, validFrom?: readonly string[]): { text: string; params: unknown[] } {
    const temporal = this.temporal && validFrom !== undefined ? [{ db: 'valid_from', values: validFrom }] : [];
    const { text, params } = this.insertStatement(this.table(suffix), rows, firstParam, temporal);
    const conflict = ` ON CONFLICT (${this.key.db}) DO UPDATE SET ${[...this.columns.filter((c) => c !== this.key).map((c) => c.db), ...temporal.map((t) => t.db)]
      .map((db) => `${db} = EXCLUDED.${db}`)
      .join(', ')}`;
    return { text: text + conflict, params };
  }

  /**
   * An insert of replaced versions into the history table: each row as it was, valid from
   * `validFrom[i]` until `validTo[i]` (commit orders).
   */
  historyStatement(rows: readonly Row[], validFrom: readonly string[], validTo: readonly string[], suffix = '', firstParam = 1): { text: string; params: unknown[] } {
    return this.insertStatement(this.historyTable(suffix), rows, firstParam, [
      { db: 'valid_from', values: validFrom },
      { db: 'valid_to', values: validTo },
    ]);
  }

  private insertStatement(
    table: string,
    rows: readonly Row[],
    firstParam: number,
    positions: ReadonlyArray<{ db: string; values: readonly string[] }>,
  ): { text: string; params: unknown[] } {
    // Each column's values as one text[] literal, built here: pg's own array serialiser makes
    // several short-lived strings per value, which a rebuild's garbage collector pays for.
    const params = [
      ...this.columns.map((c) => arrayLiteral(rows.map((row) => this.encode(c, (row as Record<string, unknown>)[c.prop])))),
      ...positions.map((p) => arrayLiteral(p.values)),
    ];
    const cols = [...this.columns.map((c) => c.db), ...positions.map((p) => p.db)].join(', ');
    const casts = [...this.columns.map((c) => c.cast), ...positions.map(() => 'bigint')];
    const unnest = casts.map((_, i) => `$${firstParam + i}::text[]`).join(', ');
    const select = casts.map((cast, i) => `u.c${i}::${cast}`).join(', ');
    const alias = casts.map((_, i) => `c${i}`).join(', ');
    return { text: `INSERT INTO ${table} (${cols}) SELECT ${select} FROM unnest(${unnest}) AS u(${alias})`, params };
  }

  /** A value in PostgreSQL's text input form (an array column as an array literal), or null. */
  private encode(c: ColumnInfo, v: unknown): string | null {
    if (v === null || v === undefined) return null;
    if (c.json) return JSON.stringify(v);
    if (c.isArray) return arrayLiteral((v as unknown[]).map((x) => (x === null || x === undefined ? null : String(x))));
    if (v instanceof Date) return v.toISOString();
    return String(v);
  }
}

/** A loaded row's `valid_from` (a commit order, as a decimal string; 0 for rows made before versions were kept). */
export function validFromOf(j: Record<string, unknown>): string {
  const v = j.valid_from;
  return v === undefined || v === null ? '0' : String(v);
}

/** A PostgreSQL array literal of text values (`{"a","b \\"c\\"",NULL}`): every value quoted, `\\` and `"` escaped. */
export function arrayLiteral(values: ReadonlyArray<string | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : v.includes('\\') || v.includes('"') ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
  }
  return `{${parts.join(',')}}`;
}
