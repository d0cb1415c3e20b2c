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
  migrations: [
    { id: '001-read-models', sql: `CREATE SCHEMA IF NOT EXISTS coordination;\n${tables};` },
    {
      // Stream versions (ETags of the detail routes). A database created before has null
      // versions until `npm run rebuild:read-models`; the detail routes then ask the event store.
      id: '002-stream-versions',
      sql: ['requests', 'offers', 'engagements', 'milestones'].map((t) => `ALTER TABLE coordination.${t} ADD COLUMN IF NOT EXISTS version integer`).join(';\n'),
    },
  ],
};
