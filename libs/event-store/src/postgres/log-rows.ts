import type { LogPosition } from '../event-store.port';

/**
 * Rows computed by PostgreSQL straight from the log: one row per event that meets `where`,
 * its columns given by `select`. `select` and `where` are SQL over `e`, the log row (columns
 * `global_position`, `commit_order`, `event_id`, `stream_id`, `stream_position`, `event_type`,
 * `schema_version`, `data`, `metadata`, `recorded_at`): the one part of the event store's
 * storage other libraries may name.
 */
export interface LogRowsSpec {
  readonly columns: readonly string[];
  readonly select: readonly string[];
  readonly where: string;
  /** The target's key column (one row per event), for inserts that keep rows already there. */
  readonly keyColumn: string;
}

const insert = (spec: LogRowsSpec, table: string) => `INSERT INTO ${table} (${spec.columns.join(', ')}) SELECT ${spec.select.join(', ')} FROM event_store.events e`;

/** The statements that fill a table with log rows. */
export const logRows = {
  /**
   * The rows of the events at these log positions (two `bigint[]` parameters: commit orders and
   * global positions, pairwise; the events' primary key), rows already there kept.
   */
  insertAt(spec: LogRowsSpec, table: string, commitsParam: string, positionsParam: string): string {
    return `${insert(spec, table)} WHERE (e.commit_order, e.global_position) IN (SELECT * FROM unnest(${commitsParam}::bigint[], ${positionsParam}::bigint[]))
      AND ${spec.where} ON CONFLICT (${spec.keyColumn}) DO NOTHING`;
  },

  /**
   * The rows of the events after one log position, up to and including another (four bigint
   * parameters, `$1`-`$4`: after commit, after position, to commit, to position). A plain
   * INSERT, for a table loaded once per range. The plain `commit_order BETWEEN` is for the
   * planner: with the two row comparisons alone it misjudges the range as most of the log and
   * scans all of it for every page instead of the primary key's range.
   */
  insertRange(spec: LogRowsSpec, table: string): string {
    return `${insert(spec, table)} WHERE e.commit_order BETWEEN $1::bigint AND $3::bigint
      AND (e.commit_order, e.global_position) > ($1::bigint, $2::bigint)
      AND (e.commit_order, e.global_position) <= ($3::bigint, $4::bigint) AND ${spec.where}`;
  },

  /**
   * One statement that fills the rows of the events after `after`, up to and including `to`,
   * `chunk` events at a time, each chunk in a transaction of its own (a DO block that commits
   * after each `insertRange`): a transaction that writes holds back every reader of the log
   * while it runs, and chunks sent one by one from a busy Node process wait for its event loop
   * between them. Run it outside a transaction block.
   */
  loadRange(spec: LogRowsSpec, table: string, after: LogPosition, to: LogPosition, chunk: number): string {
    const n = (x: string | number) => {
      const v = String(x);
      if (!/^\d{1,19}$/.test(v)) throw new Error(`not a log position: ${v}`);
      return `${v}::bigint`;
    };
    if (!Number.isSafeInteger(chunk) || chunk < 1) throw new Error(`not a chunk size: ${chunk}`);
    const statement = logRows.insertRange(spec, table).replace(/'/g, "''");
    return `DO $load$
DECLARE
  after_c bigint := ${n(after.commit)}; after_p bigint := ${n(after.position)};
  to_c bigint := ${n(to.commit)}; to_p bigint := ${n(to.position)};
  end_c bigint; end_p bigint;
BEGIN
  WHILE (after_c, after_p) < (to_c, to_p) LOOP
    SELECT commit_order, global_position INTO end_c, end_p FROM event_store.events
     WHERE commit_order BETWEEN after_c AND to_c AND (commit_order, global_position) > (after_c, after_p)
     ORDER BY commit_order, global_position OFFSET ${chunk - 1} LIMIT 1;
    IF NOT FOUND OR (end_c, end_p) > (to_c, to_p) THEN end_c := to_c; end_p := to_p; END IF;
    EXECUTE '${statement}' USING after_c, after_p, end_c, end_p;
    COMMIT;
    after_c := end_c; after_p := end_p;
  END LOOP;
END
$load$`;
  },
};
