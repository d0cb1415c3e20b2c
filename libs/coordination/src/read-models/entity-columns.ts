import type { DataSource } from 'typeorm';

export interface ColumnInfo {
  readonly prop: string;
  readonly db: string;
  readonly timestamp: boolean;
  /** The PostgreSQL type a text value is cast to (`text[]` for an array column). */
  readonly cast: string;
  readonly isArray: boolean;
  readonly json: boolean;
}

/**
 * A read model's columns, from its TypeORM entity's metadata (names, types, the single-column
 * primary key), and its rows read back from `to_jsonb(row)`: what the projector's writes and the
 * queries' answers both map rows with.
 */
export class EntityColumns<Row extends object> {
  readonly columns: readonly ColumnInfo[];
  readonly key: ColumnInfo;

  constructor(dataSource: DataSource, model: { readonly name: string; readonly entity: new () => Row }) {
    const meta = dataSource.getMetadata(model.entity);
    this.columns = meta.columns.map((c) => {
      const type = String(c.type);
      return { prop: c.propertyName, db: c.databaseName, timestamp: type === 'timestamptz', cast: c.isArray ? `${type}[]` : type, isArray: c.isArray, json: type === 'jsonb' || type === 'json' };
    });
    const primary = meta.primaryColumns;
    if (primary.length !== 1) throw new Error(`${model.name}: a read model has a single-column primary key`);
    this.key = this.columns.find((c) => c.db === primary[0]!.databaseName)!;
  }

  keyOf(row: Row): string {
    return String((row as Record<string, unknown>)[this.key.prop]);
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
}
