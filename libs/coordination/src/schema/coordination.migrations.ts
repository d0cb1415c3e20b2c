import type { MigrationSet } from '@ta/postgres';
import { READ_MODEL_NAMES } from '../read-models/projection';
import { qualifiedTable, READ_MODELS } from '../read-models/read-models';

const tables = READ_MODEL_NAMES.map((name) => {
  const ddl = READ_MODELS[name].ddl(qualifiedTable(name));
  return [ddl.create, ...ddl.indexes(name)].join(';\n');
}).join(';\n');

/**
 * The coordination read models' tables, applied at start by `runMigrations` (idempotent,
 * concurrency-safe). The tables' shape is the `*Ddl` of each read model; a rebuild creates
 * new tables from the same DDL and swaps them in. A later change of shape is a new migration
 * here AND a change of the DDL (a rebuild then produces the new shape).
 */
export const coordinationMigrations: MigrationSet = {
  name: 'coordination',
  migrations: [{ id: '001-read-models', sql: `CREATE SCHEMA IF NOT EXISTS coordination;\n${tables};` }],
};
