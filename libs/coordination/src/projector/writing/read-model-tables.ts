import type { DataSource } from 'typeorm';
import { READ_MODEL_NAMES, type ReadModelName } from '../../read-models/projection';
import { splitReadModels } from '../../read-models/read-models';
import { LogTable } from './log-table';
import { TableCodec } from './table-codec';

/** The tables of some read models: those folded in Node (codecs) and those computed from the log. */
export interface ReadModelTables {
  readonly codecs: readonly TableCodec<object>[];
  readonly logTables: readonly LogTable[];
}

export function tablesFor(dataSource: DataSource, names: readonly ReadModelName[] = READ_MODEL_NAMES): ReadModelTables {
  const { folded, fromLog } = splitReadModels(names);
  return { codecs: folded.map((p) => new TableCodec(dataSource, p)), logTables: fromLog.map((p) => new LogTable(p)) };
}
