import { compareLogPositions, type CompactEvent, type LogPosition, type PostgresEventStore } from '@ta/event-store';
import { projectable, PROJECTED_METADATA } from '../../read-models/case-event';
import { foldBatch, writeChanges } from '../writing/apply-batch';
import { REBUILD_SUFFIX, stopAt } from './rebuild-plan';
import type { RebuildRun } from './rebuild-run';

/** Where a fold of the log ended: the last event it read, and how many it read. */
export interface Folded {
  readonly position: LogPosition;
  readonly done: number;
}

/**
 * Folds the log into the folded read models' new tables, page by page from `readAllCompact`
 * (constant memory: one page and its touched rows at a time), with one page's writes in flight
 * while the next page is read and folded. Stops at `limit` (null: the log's end); a partial
 * rebuild then follows the live checkpoint while it moves. Counts from `start.done`, for
 * `onProgress` (of `start.total`).
 */
export async function foldPages(
  { pool, store, plan, writers, cache, onProgress }: RebuildRun,
  start: { readonly position: LogPosition; readonly done: number; readonly total: number; readonly limit: LogPosition | null },
): Promise<Folded> {
  const { codecs } = plan.tables;
  const { sqls, sqlOf } = writers;
  const { pageSize } = plan;
  let { position, done, limit } = start;
  let next = readPage(store, position, pageSize, limit);
  // One page's writes in flight while the next page is read and folded.
  let writing: Promise<unknown> = Promise.resolve();
  for (;;) {
    const page = await next;
    if (page.length === 0) {
      if (!plan.all) {
        const moved = await stopAt(pool, plan);
        if (moved && limit && compareLogPositions(moved, limit) > 0) {
          limit = moved;
          next = readPage(store, position, pageSize, limit);
          continue;
        }
      }
      break;
    }
    position = page[page.length - 1]!.logPosition;
    next = readPage(store, position, pageSize, limit); // read ahead while this page is written
    next.catch(() => undefined); // awaited above or below; no unhandled rejection meanwhile
    const events = projectable(page);
    const changes = (await Promise.all(codecs.map((codec, i) => foldBatch(sqlOf(i), [codec], events, REBUILD_SUFFIX, cache)))).flat();
    await writing;
    // One statement per writer for all its tables (a round trip each: Node is busy parsing
    // the next page meanwhile, and every response waits for a turn of its event loop).
    writing = Promise.all(
      sqls.map((writerSql, w) =>
        writeChanges(
          writerSql,
          changes.filter(({ codec }) => codecs.indexOf(codec) % plan.writers === w),
          REBUILD_SUFFIX,
        ),
      ),
    );
    writing.catch(() => undefined);
    done += page.length;
    onProgress?.(done, Math.max(start.total, done));
  }
  await writing;
  await next.catch(() => undefined);
  return { position, done };
}

/** A page of the log, as compact as the projections allow, up to `upTo` (all when null). */
async function readPage(store: PostgresEventStore, after: LogPosition, limit: number, upTo: LogPosition | null): Promise<CompactEvent[]> {
  const page = await store.readAllCompact({ after, limit, metadataKeys: PROJECTED_METADATA });
  if (!upTo) return page;
  return page.filter((e) => compareLogPositions(e.logPosition, upTo) <= 0);
}
