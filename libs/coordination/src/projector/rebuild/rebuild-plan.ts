import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { checkpoints, LOG_START, type LogPosition } from '@ta/event-store';
import { isLogProjection, READ_MODEL_NAMES, type ReadModelName } from '../../read-models/projection';
import { qualifiedTable, READ_MODELS } from '../../read-models/read-models';
import { COORDINATION_CONSUMER } from '../coordination-projector';
import { tablesFor, type ReadModelTables } from '../writing/read-model-tables';

/** A rebuild's new tables are `<table>__rebuild` until they are swapped in. */
export const REBUILD_SUFFIX = '__rebuild';

export interface RebuildOptions {
  /** Default: all read models. */
  readonly models?: readonly ReadModelName[];
  /** Events per read page (max 10,000, the default). */
  readonly pageSize?: number;
  readonly consumer?: string;
  readonly onProgress?: (done: number, total: number) => void;
  /** Build the new tables but do not swap them in (tests compare them with the live ones). */
  readonly swap?: boolean;
  /** Writer connections during the load (default 1: on 2 busy cores, 3 were slower; the pool needs 2 more). */
  readonly writers?: number;
  /**
   * Load into UNLOGGED tables, made LOGGED before their indexes are built (default false: the
   * tables are LOGGED throughout; their WAL is written while the load waits on Node, which
   * measured faster than rewriting them at the end).
   */
  readonly unlogged?: boolean;
  /** Connections building keys and indexes and making tables LOGGED after the load (default 2, one per core here). */
  readonly finishers?: number;
}

/** What a rebuild rebuilds and how: its options resolved, the read models' tables. */
export interface RebuildPlan {
  readonly models: readonly ReadModelName[];
  /** Every read model: the rebuild moves the checkpoint. Otherwise it stops at the live one. */
  readonly all: boolean;
  readonly consumer: string;
  readonly pageSize: number;
  readonly unlogged: boolean;
  /** Writer connections during the load (at least 1, at most one per folded read model). */
  readonly writers: number;
  /** Connections finishing the folded tables (at least 1, at most one per table). */
  readonly finishers: number;
  readonly tables: ReadModelTables;
  /**
   * The read models computed from the log, by index in `models`, and their key column: one row
   * per event, only ever inserted, so their tables get their primary key after the load (built
   * by sorting, not row by row into a b-tree of random uuids).
   */
  readonly logKeys: ReadonlyMap<number, string>;
}

export function planRebuild(dataSource: DataSource, options: RebuildOptions): RebuildPlan {
  const models = options.models && options.models.length > 0 ? [...new Set(options.models)] : [...READ_MODEL_NAMES];
  const tables = tablesFor(dataSource, models);
  const logKeys = new Map<number, string>();
  for (const [i, name] of models.entries()) {
    const p = READ_MODELS[name].projection;
    if (isLogProjection(p)) logKeys.set(i, p.keyColumn);
  }
  return {
    models,
    all: READ_MODEL_NAMES.every((m) => models.includes(m)),
    consumer: options.consumer ?? COORDINATION_CONSUMER,
    pageSize: options.pageSize ?? 10_000,
    unlogged: options.unlogged ?? false,
    writers: Math.max(1, Math.min(tables.codecs.length, options.writers ?? 1)),
    finishers: Math.max(1, Math.min(models.length - logKeys.size, options.finishers ?? 2)),
    tables,
    logKeys,
  };
}

/** The qualified name of a read model's new table. */
export function newTable(name: ReadModelName): string {
  return qualifiedTable(name + REBUILD_SUFFIX);
}

/** Where the live projector stands (the log's start before its first batch). */
export async function liveCheckpoint(db: Pool | PoolClient, consumer: string, forUpdate = false): Promise<LogPosition> {
  return (await checkpoints.read(db, consumer, { forUpdate })) ?? LOG_START;
}

/** Where a rebuild stops reading: nowhere for a rebuild of all (null), the live checkpoint for some (the other tables are there). */
export async function stopAt(pool: Pool, plan: RebuildPlan): Promise<LogPosition | null> {
  return plan.all ? null : await liveCheckpoint(pool, plan.consumer);
}
