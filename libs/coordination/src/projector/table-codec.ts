import type { DataSource } from 'typeorm';
import type { Projection } from '../read-models/projection';
import { qualifiedTable } from '../read-models/read-models';

/** Runs one SQL statement in the caller's transaction (a TypeORM EntityManager, a pg client). */
export type Sql = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

interface ColumnInfo {
  readonly prop: string;
  readonly db: string;
  readonly timestamp: boolean;
}

/**
 * Moves a read model's rows between memory and its table in bulk, using the TypeORM entity's
 * metadata for the column names: rows are loaded as `to_jsonb(row)` and written with one
 * `INSERT ... SELECT FROM json_populate_recordset(...) ON CONFLICT` per batch, a single
 * parameter whatever the number of rows. `suffix` addresses a rebuild's new table.
 */
export class TableCodec<Row extends object> {
  private readonly columns: readonly ColumnInfo[];
  private readonly key: ColumnInfo;

  constructor(
    dataSource: DataSource,
    readonly projection: Projection<Row>,
  ) {
    const meta = dataSource.getMetadata(projection.entity);
    this.columns = meta.columns.map((c) => ({ prop: c.propertyName, db: c.databaseName, timestamp: c.type === 'timestamptz' }));
    const primary = meta.primaryColumns;
    if (primary.length !== 1) throw new Error(`${projection.name}: a read model has a single-column primary key`);
    this.key = this.columns.find((c) => c.db === primary[0]!.databaseName)!;
  }

  table(suffix = ''): string {
    return qualifiedTable(`${this.projection.name}${suffix}`);
  }

  keyOf(row: Row): string {
    return String((row as Record<string, unknown>)[this.key.prop]);
  }

  async load(sql: Sql, keys: readonly string[], suffix = ''): Promise<Map<string, Row>> {
    const rows = await sql(`SELECT to_jsonb(t) AS j FROM ${this.table(suffix)} t WHERE ${this.key.db}::text = ANY($1::text[])`, [keys]);
    const found = new Map<string, Row>();
    for (const r of rows) {
      const row = this.fromJson(r.j as Record<string, unknown>);
      found.set(this.keyOf(row), row);
    }
    return found;
  }

  /** A row from `to_jsonb(row)`: property names, timestamps as ISO strings with milliseconds. */
  fromJson(j: Record<string, unknown>): Row {
    const row: Record<string, unknown> = {};
    for (const c of this.columns) {
      const v = j[c.db];
      row[c.prop] = c.timestamp && typeof v === 'string' ? new Date(v).toISOString() : (v ?? null);
    }
    return row as Row;
  }

  async upsert(sql: Sql, rows: readonly Row[], suffix = ''): Promise<void> {
    if (rows.length === 0) return;
    const payload = rows.map((row) => {
      const o: Record<string, unknown> = {};
      for (const c of this.columns) o[c.db] = (row as Record<string, unknown>)[c.prop];
      return o;
    });
    const table = this.table(suffix);
    const cols = this.columns.map((c) => c.db).join(', ');
    const conflict = this.projection.appendOnly
      ? 'DO NOTHING'
      : `DO UPDATE SET ${this.columns.filter((c) => c !== this.key).map((c) => `${c.db} = EXCLUDED.${c.db}`).join(', ')}`;
    await sql(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json) ON CONFLICT (${this.key.db}) ${conflict}`, [
      JSON.stringify(payload),
    ]);
  }
}
