import type { Pool, PoolClient } from 'pg';
import type { Sql } from '../../sql';

/**
 * The connections that write a rebuild's new tables, each read model on one of them: its loads
 * and writes go in order on that connection (a load never overtakes an earlier write of the same
 * table), the connections in parallel.
 */
export interface RebuildWriters {
  readonly clients: readonly PoolClient[];
  /** One per client: its statements run one after the other, in the order they were issued. */
  readonly sqls: readonly Sql[];
  /** The writer of the `i`-th folded read model (always the same one). */
  sqlOf(i: number): Sql;
}

/**
 * Runs `work` with `count` writer connections from `pool`, with `synchronous_commit = off`: the
 * new tables are worthless until swapped in, so no statement waits for its WAL flush (the
 * swapping transaction turns it back on). The pool needs `count` + 3 free connections (the lock,
 * the reads, the log tables' connection).
 */
export async function withWriters<T>(pool: Pool, count: number, work: (writers: RebuildWriters) => Promise<T>): Promise<T> {
  const clients: PoolClient[] = [];
  try {
    for (let i = 0; i < count; i++) clients.push(await pool.connect());
  } catch (e) {
    for (const c of clients) c.release();
    throw e;
  }
  try {
    for (const c of clients) await c.query('SET synchronous_commit = off');
    const sqls = clients.map(serial);
    return await work({ clients, sqls, sqlOf: (i) => sqls[i % count]! });
  } finally {
    for (const c of clients) {
      await c.query('RESET synchronous_commit').catch(() => undefined);
      c.release();
    }
  }
}

/** Statements on `client` in the order issued (chained here rather than left to pg's internal queue, which is deprecated). */
function serial(client: PoolClient): Sql {
  let tail: Promise<unknown> = Promise.resolve();
  return (text, params) => {
    const run = tail.then(() => client.query(text, params));
    tail = run.catch(() => undefined);
    return run.then((r) => r.rows);
  };
}
