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
  /** Rows are only ever inserted (a timeline): nothing to load before a batch. */
  readonly appendOnly?: boolean;
}

export const READ_MODEL_NAMES = ['requests', 'request_history', 'offers', 'engagements', 'milestones'] as const;
export type ReadModelName = (typeof READ_MODEL_NAMES)[number];

/** `[...a, x]` without duplicates, order kept. */
export function withItem(list: readonly string[], item: string): string[] {
  return list.includes(item) ? [...list] : [...list, item];
}
