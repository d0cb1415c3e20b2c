import { ValidationError } from '@ta/core';
import { logCuts } from '@ta/event-store';
import type { Sql } from '../sql';

/**
 * Where an "as of" read stands: every transaction of the log up to `commitOrder` (the log in its
 * all-stream order: a transaction is atomic, so a cut inside one is never a state anybody saw).
 * `lastPosition`: the global position of that transaction's last event (what the projector
 * must have applied); `recordedAt`: when it was recorded (the default "as at" of the
 * time-dependent figures for `asOfPosition`). `commitOrder` '0' is the empty log.
 */
export interface AsOfCut {
  readonly commitOrder: string;
  readonly lastPosition: number;
  readonly recordedAt: Date | null;
}

/** `asOfPosition`: a log position as the reports write it, `<commit order>:<global position>`. */
export const AS_OF_POSITION = /^(\d{1,19}):(\d{1,19})$/;

/**
 * Transactions that overlap in time can commit in another order than they were recorded
 * (`recorded_at` is the transaction's start): the cut of an instant looks this far back from
 * the last transaction recorded before it for one recorded earlier but committed later. The
 * platform's transactions last milliseconds.
 */
export const AS_OF_CUT_SLACK_MS = 2_000;

/**
 * The cut of the log "as of" an instant: the last transaction recorded at or before it
 * (`recorded_at < asOf + 1 ms`: a timestamp counts to its millisecond, as the in-memory fold
 * compares), i.e. the highest commit order among the transactions recorded in the last
 * `AS_OF_CUT_SLACK_MS` before the last one recorded by then (the event store's `logCuts`).
 */
export async function cutAtInstant(sql: Sql, asOf: Date): Promise<AsOfCut> {
  const last = await logCuts.lastBefore(sql, new Date(asOf.getTime() + 1), AS_OF_CUT_SLACK_MS / 1000);
  return last ? { commitOrder: last.commitOrder, lastPosition: last.globalPosition, recordedAt: asOf } : { commitOrder: '0', lastPosition: 0, recordedAt: asOf };
}

/**
 * The cut at a log position `<commit>:<global>` (its whole transaction). 400
 * `coordination.as_of_position_unknown` when no event is there.
 */
export async function cutAtPosition(sql: Sql, position: string): Promise<AsOfCut> {
  const m = AS_OF_POSITION.exec(position);
  const unknown = () =>
    new ValidationError('coordination.as_of_position_unknown', `No event at log position ${position}`, [
      { path: '/query/asOfPosition', message: 'names no event of the log (`<commit>:<globalPosition>`, as a report states it)' },
    ]);
  if (!m) throw unknown();
  const tx = await logCuts.transaction(sql, m[1]!, m[2]!);
  if (!tx) throw unknown();
  return { commitOrder: BigInt(m[1]!).toString(), lastPosition: tx.lastPosition, recordedAt: tx.recordedAt };
}

/** A temporal read model's table as the substitution sees it: its columns (entity columns, `valid_from` left out). */
export interface TemporalTable {
  readonly name: string;
  readonly columns: readonly string[];
}

/** Words that can follow a table in FROM/JOIN and are not an alias. */
const NOT_AN_ALIAS = new Set(
  'WHERE GROUP ORDER LEFT RIGHT FULL INNER CROSS JOIN ON LIMIT OFFSET UNION EXCEPT INTERSECT WINDOW HAVING FOR USING NATURAL LATERAL RETURNING'.split(' '),
);

/**
 * The one substitution point of "as of": every query of the coordinated view names its tables
 * `coordination.<table>`; as of a cut, each temporal table is read as the versions valid at the
 * cut (the current rows made at or before it, and the replaced versions whose validity range
 * contains it), and `request_history` as its rows up to the cut. The queries themselves are
 * unchanged, so live and "as of" cannot drift apart. The commit order is a checked integer,
 * written as a literal (the planner then knows the range).
 */
export function asOfRewrite(cut: AsOfCut, temporal: readonly TemporalTable[]): (text: string) => string {
  if (!/^\d{1,19}$/.test(cut.commitOrder)) throw new Error(`not a commit order: ${cut.commitOrder}`);
  const c = cut.commitOrder;
  const sources = new Map<string, string>();
  for (const t of temporal) {
    const cols = t.columns.join(', ');
    sources.set(
      t.name,
      `(SELECT ${cols} FROM coordination.${t.name} WHERE valid_from <= ${c} UNION ALL ` +
        `SELECT ${cols} FROM coordination.${t.name}_history WHERE int8range(valid_from, valid_to) @> ${c}::bigint)`,
    );
  }
  sources.set('request_history', `(SELECT * FROM coordination.request_history WHERE commit_order <= ${c})`);
  const names = [...sources.keys()].join('|');
  const pattern = new RegExp(`\\bcoordination\\.(${names})\\b(?![.\\w])`, 'g');
  return (text) =>
    text.replace(pattern, (_, name: string, offset: number) => {
      const next = /^\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*)/i.exec(text.slice(offset + `coordination.${name}`.length));
      const aliased = next !== null && !NOT_AN_ALIAS.has(next[1]!.toUpperCase());
      return aliased ? sources.get(name)! : `${sources.get(name)!} AS ${name}`;
    });
}
