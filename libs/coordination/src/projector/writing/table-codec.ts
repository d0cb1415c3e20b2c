import type { DataSource } from 'typeorm';
import { EntityColumns, type ColumnInfo } from '../../read-models/entity-columns';
import type { Projection } from '../../read-models/projection';
import { qualifiedTable } from '../../read-models/read-models';
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

  constructor(
    dataSource: DataSource,
    readonly projection: Projection<Row>,
  ) {
    this.entity = new EntityColumns(dataSource, projection);
    this.columns = this.entity.columns;
    this.key = this.entity.key;
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

  async load(sql: Sql, keys: readonly string[], suffix = ''): Promise<Map<string, Row>> {
    const rows = await sql(this.loadQuery('$1', suffix), [keys]);
    const found = new Map<string, Row>();
    for (const r of rows) {
      const row = this.fromJson(r.j as Record<string, unknown>);
      found.set(this.keyOf(row), row);
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
  writeStatement(rows: readonly Row[], suffix = '', firstParam = 1): { text: string; params: unknown[] } {
    // Each column's values as one text[] literal, built here: pg's own array serialiser makes
    // several short-lived strings per value, which a rebuild's garbage collector pays for.
    const params = this.columns.map((c) => arrayLiteral(rows.map((row) => this.encode(c, (row as Record<string, unknown>)[c.prop]))));
    const table = this.table(suffix);
    const cols = this.columns.map((c) => c.db).join(', ');
    const unnest = this.columns.map((_, i) => `$${firstParam + i}::text[]`).join(', ');
    const select = this.columns.map((c, i) => `u.c${i}::${c.cast}`).join(', ');
    const alias = this.columns.map((_, i) => `c${i}`).join(', ');
    const conflict = ` ON CONFLICT (${this.key.db}) DO UPDATE SET ${this.columns
      .filter((c) => c !== this.key)
      .map((c) => `${c.db} = EXCLUDED.${c.db}`)
      .join(', ')}`;
    return { text: `INSERT INTO ${table} (${cols}) SELECT ${select} FROM unnest(${unnest}) AS u(${alias})${conflict}`, params };
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

/** A PostgreSQL array literal of text values (`{"a","b \\"c\\"",NULL}`): every value quoted, `\\` and `"` escaped. */
export function arrayLiteral(values: ReadonlyArray<string | null>): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? 'NULL' : v.includes('\\') || v.includes('"') ? `"${v.replace(/[\\"]/g, '\\$&')}"` : `"${v}"`;
  }
  return `{${parts.join(',')}}`;
}
