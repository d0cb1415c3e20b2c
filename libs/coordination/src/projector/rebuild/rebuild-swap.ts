import type { PoolClient } from 'pg';
import { checkpoints, compareLogPositions, type LogPosition } from '@ta/event-store';
import { inTransaction } from '@ta/postgres';
import { projectable } from '../../read-models/case-event';
import type { ReadModelName } from '../../read-models/projection';
import { COORDINATION_SCHEMA, qualifiedTable, TEMPORAL_READ_MODELS } from '../../read-models/read-models';
import { clientSql } from '../../sql';
import { projectBatch } from '../writing/apply-batch';
import { liveCheckpoint, REBUILD_SUFFIX } from './rebuild-plan';
import type { RebuildRun } from './rebuild-run';

/** Where the new tables stand once swapped in, and how many events the catch-up applied. */
export interface Swapped {
  readonly position: LogPosition;
  readonly events: number;
}

/**
 * The last step, in one transaction on the first writer (committed synchronously): takes the live
 * projector's checkpoint row FOR UPDATE (the projector waits), applies the events after `from`
 * to the new tables, then (unless `swap` is false) drops the old tables, renames the new ones
 * and their indexes, and, when ALL read models were rebuilt, moves the checkpoint to where the
 * rebuild ended. A rebuild of SOME read models stops exactly at the live checkpoint instead, so
 * that every table stays at the same position.
 */
export async function catchUpAndSwap({ store, plan, writers, cache }: RebuildRun, from: LogPosition, swap: boolean): Promise<Swapped> {
  const client = writers.clients[0]!;
  await client.query('SET synchronous_commit = on');
  return inTransaction(client, async (tx) => {
    await checkpoints.ensure(tx, plan.consumer);
    const checkpoint = await liveCheckpoint(tx, plan.consumer, true);
    const sql = clientSql(tx);
    let position = from;
    let events = 0;
    for (;;) {
      const page = await store.readAllWith(tx, { after: position, limit: plan.pageSize });
      const upTo = plan.all ? page : page.filter((e) => compareLogPositions(e.logPosition, checkpoint) <= 0);
      if (upTo.length === 0) break;
      await projectBatch(sql, plan.tables, projectable(upTo), REBUILD_SUFFIX, cache);
      position = upTo[upTo.length - 1]!.logPosition;
      events += upTo.length;
      if (upTo.length < page.length) break;
    }
    if (swap) {
      for (const name of plan.models) {
        await swapIn(tx, name);
        if (TEMPORAL_READ_MODELS.has(name)) await swapIn(tx, `${name}_history`);
      }
      if (plan.all) await checkpoints.move(tx, plan.consumer, position);
    }
    return { position, events };
  });
}

/** Inside the caller's transaction: the new table (and its indexes) take the old one's names. */
async function swapIn(client: PoolClient, name: ReadModelName | `${ReadModelName}_history`): Promise<void> {
  const fresh = name + REBUILD_SUFFIX;
  await client.query(`DROP TABLE IF EXISTS ${qualifiedTable(name)}`);
  await client.query(`ALTER TABLE ${qualifiedTable(fresh)} RENAME TO ${name}`);
  const { rows } = await client.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', [
    COORDINATION_SCHEMA,
    name,
  ]);
  for (const { indexname } of rows) {
    if (indexname.startsWith(fresh)) {
      await client.query(`ALTER INDEX ${COORDINATION_SCHEMA}.${indexname} RENAME TO ${name}${indexname.slice(fresh.length)}`);
    }
  }
}
