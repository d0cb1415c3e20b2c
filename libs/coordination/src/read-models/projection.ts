import type { ProjectedEvent } from './case-event';

/**
 * A read model: a pure function from (row | undefined, event) to row, keyed by the rows an
 * event touches. The projector loads the touched rows once per batch, folds the batch into
 * them in memory, and writes the changed rows back in one statement per table.
 */
export interface Projection<Row extends object> {
  /** Also the table's name in the `coordination` schema. */
  readonly name: ReadModelName;
  /** The TypeORM entity (its metadata gives the columns and the primary key). */
  readonly entity: new () => Row;
  /** The primary key of each row this event changes; empty when it does not concern this model. */
  keysOf(e: ProjectedEvent): readonly string[];
  /** The row after the event; `undefined` when there is (still) no row. Pure. */
  apply(row: Row | undefined, e: ProjectedEvent, key: string): Row | undefined;
  /**
   * The event that creates a row (the row cannot exist before it): a batch whose first event
   * for a key creates it does not load that key. Optional.
   */
  creates?(e: ProjectedEvent): boolean;
}

/**
 * A timeline read model that PostgreSQL computes straight from the event log: one row per
 * event that meets `where`, its columns given by `select`, both over the log row `e` (`LogRowsSpec`).
 * For rows that only copy facts of their event: no row goes through Node. The projector adds
 * a batch's rows with one `INSERT ... SELECT` (inside its batch statement); a rebuild fills the
 * table range by range, on its own connection, while Node folds the other read models.
 */
export interface LogProjection<Row extends object> {
  readonly name: ReadModelName;
  readonly entity: new () => Row;
  /** The table's columns, in the order of `select`. */
  readonly columns: readonly string[];
  /** One expression per column, over the log row `e`. */
  readonly select: readonly string[];
  /** Which events have a row (a condition over `e`). */
  readonly where: string;
  /** The primary key column (one row per event: the event id). */
  readonly keyColumn: string;
}

export type AnyProjection = Projection<object> | LogProjection<object>;

export function isLogProjection(p: AnyProjection): p is LogProjection<object> {
  return 'select' in p;
}

export const READ_MODEL_NAMES = ['requests', 'request_history', 'offers', 'engagements', 'milestones', 'search_documents', 'case_texts'] as const;
export type ReadModelName = (typeof READ_MODEL_NAMES)[number];

/** `[...a, x]` without duplicates, order kept. */
export function withItem(list: readonly string[], item: string): string[] {
  return list.includes(item) ? [...list] : [...list, item];
}
