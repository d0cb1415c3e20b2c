import { foldEvents } from '../../read-models/fold-events';
import type { ProjectedEvent } from '../../read-models/case-event';
import type { Sql } from '../../sql';
import type { ReadModelTables } from './read-model-tables';
import type { RowCache } from './row-cache';
import { validFromOf, type TableCodec } from './table-codec';
import { foldVersions } from './versions';

/**
 * Applies a batch to the tables in two round trips, whatever the batch size and however many
 * read models it touches: one query loads every row the batch touches, in every table (a
 * `UNION ALL`, skipping rows the batch creates and rows in `cache`), the batch is folded in
 * memory, and one statement writes every changed row (an `INSERT ... ON CONFLICT` per table,
 * as data-modifying CTEs of one statement), and the rows of the read models computed from the
 * log (an `INSERT ... SELECT` from the batch's events). The live projector's latency is mostly
 * round trips.
 */
export async function projectBatch(
  sql: Sql,
  { codecs, logTables }: ReadModelTables,
  events: readonly ProjectedEvent[],
  suffix = '',
  cache?: RowCache,
): Promise<void> {
  if (events.length === 0) return;
  const plans = codecs.map((codec) => planLoad(codec, events, cache));
  const toLoad = plans.flatMap((p, i) => (p.missing.length > 0 ? [{ i, missing: p.missing }] : []));
  if (toLoad.length > 0) {
    const text = toLoad.map(({ i }, n) => `SELECT ${i} AS m, j FROM (${codecs[i]!.loadQuery(`$${n + 1}`, suffix)}) q${n}`).join(' UNION ALL ');
    for (const r of await sql(text, toLoad.map((l) => l.missing))) {
      const codec = codecs[Number(r.m)]!;
      const j = r.j as Record<string, unknown>;
      const row = codec.fromJson(j);
      const plan = plans[Number(r.m)]!;
      plan.rows.set(codec.keyOf(row), row);
      if (codec.temporal) plan.validFrom.set(codec.keyOf(row), validFromOf(j));
    }
  }
  const { writes, params } = writeParts(
    codecs.map((codec, i) => foldPlanned(codec, plans[i]!, events, cache)),
    suffix,
  );
  if (logTables.length > 0) {
    params.push(
      events.map((e) => e.commitOrder),
      events.map((e) => e.globalPosition),
    );
    const [commits, positions] = [`$${params.length - 1}`, `$${params.length}`];
    logTables.forEach((t, i) => writes.push(`l${i} AS (${t.insertAt(commits, positions, suffix)})`));
  }
  if (writes.length > 0) await sql(`WITH ${writes.join(', ')} SELECT 1`, params);
}

/**
 * Several tables' writes as the parts of one statement (`WITH w0 AS (INSERT ...), w1 AS (...)
 * SELECT 1`): one round trip for all of them.
 */
function writeParts(changes: BatchChanges, suffix: string): { writes: string[]; params: unknown[] } {
  const writes: string[] = [];
  const params: unknown[] = [];
  changes.forEach(({ codec, rows, validFrom, history }, i) => {
    if (rows.length === 0) return;
    const w = codec.writeStatement(rows, suffix, params.length + 1, validFrom);
    writes.push(`w${i} AS (${w.text})`);
    params.push(...w.params);
    if (history && history.rows.length > 0) {
      const h = codec.historyStatement(history.rows, history.validFrom, history.validTo, suffix, params.length + 1);
      writes.push(`h${i} AS (${h.text})`);
      params.push(...h.params);
    }
  });
  return { writes, params };
}

/** Upserts several tables' changed rows in one statement. */
export async function writeChanges(sql: Sql, changes: BatchChanges, suffix = ''): Promise<void> {
  const { writes, params } = writeParts(changes, suffix);
  if (writes.length > 0) await sql(`WITH ${writes.join(', ')} SELECT 1`, params);
}

interface LoadPlan {
  readonly keys: ReadonlySet<string>;
  /** Keys to read from the table: not created by the batch, not cached. */
  readonly missing: string[];
  readonly rows: Map<string, object>;
  /** A temporal read model's loaded or cached rows' `valid_from`. */
  readonly validFrom: Map<string, string>;
}

/** The keys a batch touches in one read model, and which of them must be loaded. */
function planLoad(codec: TableCodec<object>, events: readonly ProjectedEvent[], cache?: RowCache): LoadPlan {
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
  const rows = new Map<string, object>();
  const validFrom = new Map<string, string>();
  if (keys.size === 0) return { keys, missing: [], rows, validFrom };
  const cached = cache?.of(codec.projection.name);
  const cachedFrom = codec.temporal ? cache?.validFromOf(codec.projection.name) : undefined;
  const missing: string[] = [];
  for (const k of keys) {
    const hit = cached?.get(k);
    if (hit) {
      rows.set(k, hit);
      const from = cachedFrom?.get(k);
      if (from !== undefined) validFrom.set(k, from);
    } else if (!created.has(k)) missing.push(k);
  }
  return { keys, missing, rows, validFrom };
}

/**
 * Folds the batch into the planned rows; returns the changed ones (and remembers them in
 * `cache`). For a temporal read model, also each changed row's `valid_from` and the versions it
 * replaced (`foldVersions`).
 */
function foldPlanned(codec: TableCodec<object>, plan: LoadPlan, events: readonly ProjectedEvent[], cache?: RowCache): BatchChanges[number] {
  if (plan.keys.size === 0) return { codec, rows: [] };
  if (!codec.temporal) {
    const changed = foldEvents(codec.projection, plan.rows, events);
    cache?.remember(codec.projection.name, plan.rows);
    return { codec, rows: [...changed].map((k) => plan.rows.get(k)!) };
  }
  const { changed, history } = foldVersions(codec.projection, plan.rows, plan.validFrom, events);
  cache?.remember(codec.projection.name, plan.rows, plan.validFrom);
  const keys = [...changed];
  return { codec, rows: keys.map((k) => plan.rows.get(k)!), validFrom: keys.map((k) => plan.validFrom.get(k)!), history };
}

/** The rows a batch changes, per read model, folded in memory (loads what it must); for a temporal one, their versions. */
export type BatchChanges = ReadonlyArray<{
  readonly codec: TableCodec<object>;
  readonly rows: readonly object[];
  /** Temporal read models: each changed row's `valid_from`. */
  readonly validFrom?: readonly string[];
  /** Temporal read models: the versions the batch replaced. */
  readonly history?: { readonly rows: readonly object[]; readonly validFrom: readonly string[]; readonly validTo: readonly string[] };
}>;

export async function foldBatch(
  sql: Sql,
  codecs: readonly TableCodec<object>[],
  events: readonly ProjectedEvent[],
  suffix = '',
  cache?: RowCache,
): Promise<BatchChanges> {
  const changes: Array<BatchChanges[number]> = [];
  if (events.length === 0) return changes;
  for (const codec of codecs) {
    const plan = planLoad(codec, events, cache);
    if (plan.keys.size === 0) continue;
    if (plan.missing.length > 0) for (const [k, row] of await codec.load(sql, plan.missing, suffix, plan.validFrom)) plan.rows.set(k, row);
    changes.push(foldPlanned(codec, plan, events, cache));
  }
  return changes;
}
