import type { ProjectedEvent } from './case-event';
import type { Projection } from './projection';

/**
 * Folds events into rows in memory: `apply` for each row each event touches. The pure core
 * shared by the projector, the rebuild and "as of". Returns the keys whose row changed.
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
