import { join } from 'node:path';
import { sqlMigrationSet, type MigrationSet } from '@ta/postgres';
import { READ_MODEL_NAMES } from '../read-models/projection';
import { historyDdl, historyTable, qualifiedTable, READ_MODELS, TEMPORAL_READ_MODELS } from '../read-models/read-models';

const tables = READ_MODEL_NAMES.map((name) => {
  const ddl = READ_MODELS[name].ddl(qualifiedTable(name));
  return [ddl.create, ...ddl.indexes(name)].join(';\n');
}).join(';\n');

/**
 * The temporal read models ("as of"): `valid_from` on the tables (already there on a database
 * created at the current shape) and their history tables. A database created before this gets
 * `valid_from` 0 on its rows: its past is not known until `npm run rebuild:read-models`.
 */
const temporal = [...TEMPORAL_READ_MODELS]
  .flatMap(([name, key]) => {
    const ddl = historyDdl(qualifiedTable(name), historyTable(name), `${name}_history`, key, true);
    return [`ALTER TABLE ${qualifiedTable(name)} ADD COLUMN IF NOT EXISTS valid_from bigint NOT NULL DEFAULT 0`, ...ddl.create, ...ddl.indexes];
  })
  .join(';\n');

/**
 * The coordination read models' tables. Each table's shape is its `*.table.sql` file beside
 * its entity (a rebuild creates new tables from the same file and swaps them in): the first
 * migration creates every table at its current shape, and the later ones, in
 * libs/coordination/migrations/, bring a database created at an older shape up to it, and so
 * must do nothing on a new one (`ADD COLUMN IF NOT EXISTS`...).
 */
export const coordinationMigrations: MigrationSet = sqlMigrationSet('coordination', join(__dirname, '..', '..', 'migrations'), [
  { id: '001-read-models', sql: `CREATE SCHEMA IF NOT EXISTS coordination;\n${tables};` },
  { id: '008-temporal-read-models', sql: `${temporal};` },
]);
