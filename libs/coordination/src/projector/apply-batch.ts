import type { RecordedEvent } from '@ta/event-store';
import { toProjectedEvent, type ProjectedEvent } from '../read-models/case-event';
import type { Projection } from '../read-models/projection';
import type { Sql, TableCodec } from './table-codec';

/**
 * Folds events into rows in memory: the pure core shared by the projector, the rebuild and
 * "as of". Returns the keys whose row changed.
 */
export function foldEvents<Row extends object>(projection: Projection<Row>, rows: Map<string, Row>, events: readonly ProjectedEvent[]): Set<string> {
  const changed = new Set<string>();
  for (const e of events) {
    for (const key of projection.keysOf(e)) {
      const before = rows.get(key);
      const after = projection.apply(before, e, key);
      if (after !== before && after !== undefined) {
        rows.set(key, after);
        changed.add(key);
      }
    }
  }
  return changed;
}

export function projectable(events: readonly RecordedEvent[]): ProjectedEvent[] {
  const out: ProjectedEvent[] = [];
  for (const e of events) {
    const p = toProjectedEvent(e);
    if (p) out.push(p);
  }
  return out;
}

/**
 * Applies a batch to the tables: for each read model, load the rows the batch touches (one
 * query), fold the batch in memory, upsert the changed rows (one query). Two round trips per
 * read model per batch, whatever the batch size.
 */
export async function projectBatch(
  sql: Sql,
  codecs: readonly TableCodec<object>[],
  events: readonly ProjectedEvent[],
  suffix = '',
  cache?: RowCache,
): Promise<void> {
  await writeBatch(sql, await foldBatch(sql, codecs, events, suffix, cache), suffix);
}

/** The rows a batch changes, per read model, folded in memory (loads what it must). */
export type BatchChanges = ReadonlyArray<{ readonly codec: TableCodec<object>; readonly rows: readonly object[] }>;

export async function foldBatch(
  sql: Sql,
  codecs: readonly TableCodec<object>[],
  events: readonly ProjectedEvent[],
  suffix = '',
  cache?: RowCache,
): Promise<BatchChanges> {
  const changes: Array<{ codec: TableCodec<object>; rows: object[] }> = [];
  if (events.length === 0) return changes;
  for (const codec of codecs) {
    const keys = new Set<string>();
    const created = new Set<string>();
    const creates = codec.projection.creates;
    for (const e of events) {
      for (const k of codec.projection.keysOf(e)) {
        if (keys.has(k)) continue;
        keys.add(k);
        if (creates?.(e)) created.add(k);
      }
    }
    if (keys.size === 0) continue;
    let rows = new Map<string, object>();
    if (!codec.projection.appendOnly) {
      const cached = cache?.of(codec.projection.name);
      const missing = [...keys].filter((k) => !created.has(k) && !cached?.has(k));
      if (missing.length > 0) rows = await codec.load(sql, missing, suffix);
      if (cached) for (const k of keys) if (cached.has(k)) rows.set(k, cached.get(k)!);
    }
    const changed = foldEvents(codec.projection, rows, events);
    if (cache && !codec.projection.appendOnly) cache.remember(codec.projection.name, rows);
    changes.push({ codec, rows: [...changed].map((k) => rows.get(k)!) });
  }
  return changes;
}

/** One upsert per read model. */
export async function writeBatch(sql: Sql, changes: BatchChanges, suffix = ''): Promise<void> {
  for (const { codec, rows } of changes) await codec.upsert(sql, rows, suffix);
}

/**
 * Rows a rebuild has written, kept between pages so that a case spread over a few pages is not
 * read back from the table: only the rebuild writes its new tables, so a cached row is the
 * stored row. Bounded (oldest entries go first): memory stays flat whatever the log size.
 */
export class RowCache {
  private readonly maps = new Map<string, Map<string, object>>();
  constructor(private readonly maxRowsPerModel = 5_000) {}

  of(model: string): Map<string, object> {
    let m = this.maps.get(model);
    if (!m) this.maps.set(model, (m = new Map()));
    return m;
  }

  remember(model: string, rows: Map<string, object>): void {
    const m = this.of(model);
    for (const [k, row] of rows) {
      m.delete(k);
      m.set(k, row);
    }
    for (const k of m.keys()) {
      if (m.size <= this.maxRowsPerModel) break;
      m.delete(k);
    }
  }
}
