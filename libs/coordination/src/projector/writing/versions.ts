import type { ProjectedEvent } from '../../read-models/case-event';
import type { Projection } from '../../read-models/projection';

/** Versions a batch replaced: each row as it was, valid from `validFrom[i]` until `validTo[i]` (commit orders). */
export interface ReplacedVersions {
  readonly rows: object[];
  readonly validFrom: string[];
  readonly validTo: string[];
}

/**
 * `foldEvents` for a temporal read model: folds the events into `rows` and keeps, in
 * `validFrom`, the commit order each row's current version became valid at. A version replaced
 * by an event of a LATER transaction is returned in `history`, valid until that transaction;
 * one replaced within its own transaction never was visible to anyone and is not kept (so the
 * history does not depend on how the log was cut into batches: the live projector and a
 * rebuild write the same versions). A row known before without a `valid_from` (none in
 * `validFrom`) counts as valid from 0. Pure. Returns the keys whose row changed.
 */
export function foldVersions<Row extends object>(
  projection: Projection<Row>,
  rows: Map<string, Row>,
  validFrom: Map<string, string>,
  events: readonly ProjectedEvent[],
): { changed: Set<string>; history: ReplacedVersions } {
  const changed = new Set<string>();
  const history: ReplacedVersions = { rows: [], validFrom: [], validTo: [] };
  for (const e of events) {
    for (const key of projection.keysOf(e)) {
      const before = rows.get(key);
      const after = projection.apply(before, e, key);
      if (after === before || after === undefined) continue;
      if (before !== undefined) {
        const from = validFrom.get(key) ?? '0';
        if (from !== e.commitOrder) {
          history.rows.push(before);
          history.validFrom.push(from);
          history.validTo.push(e.commitOrder);
        }
      }
      rows.set(key, after);
      validFrom.set(key, e.commitOrder);
      changed.add(key);
    }
  }
  return { changed, history };
}
