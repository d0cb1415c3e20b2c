import type { LogProjection } from '../read-models/projection';
import { qualifiedTable } from '../read-models/read-models';

/** The statements that fill a `LogProjection`'s table from `event_store.events`. */
export class LogTable {
  constructor(readonly projection: LogProjection<object>) {}

  table(suffix = ''): string {
    return qualifiedTable(`${this.projection.name}${suffix}`);
  }

  /**
   * The rows of the events at these log positions (two `bigint[]` parameters: commit orders and
   * global positions, pairwise; the events' primary key), rows already there kept.
   */
  insertAt(commitsParam: string, positionsParam: string, suffix = ''): string {
    return `${this.insert(suffix)} WHERE (e.commit_order, e.global_position) IN (SELECT * FROM unnest(${commitsParam}::bigint[], ${positionsParam}::bigint[]))
      AND ${this.projection.where} ON CONFLICT (${this.projection.keyColumn}) DO NOTHING`;
  }

  /**
   * The rows of the events after one log position, up to and including another (four bigint
   * parameters, `$1`-`$4`: after commit, after position, to commit, to position). A plain
   * INSERT: a rebuild's table has no key while it is loaded, and each range is loaded once.
   * The plain `commit_order BETWEEN` is for the planner: with the two row comparisons alone it
   * misjudged the range as most of the log and scanned all of it for every page (65 ms per
   * page of 10,000 events at 1,000,000 events, instead of 29 ms through the primary key).
   */
  insertRange(suffix = ''): string {
    return `${this.insert(suffix)} WHERE e.commit_order BETWEEN $1::bigint AND $3::bigint
      AND (e.commit_order, e.global_position) > ($1::bigint, $2::bigint)
      AND (e.commit_order, e.global_position) <= ($3::bigint, $4::bigint) AND ${this.projection.where}`;
  }

  private insert(suffix: string): string {
    const p = this.projection;
    return `INSERT INTO ${this.table(suffix)} (${p.columns.join(', ')}) SELECT ${p.select.join(', ')} FROM event_store.events e`;
  }
}
