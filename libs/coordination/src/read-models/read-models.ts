import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engagementsProjection } from './engagements/engagements.projection';
import { milestonesProjection } from './milestones/milestones.projection';
import { offersProjection } from './offers/offers.projection';
import { isLogProjection, type AnyProjection, type LogProjection, type Projection, type ReadModelName } from './projection';
import { requestHistoryProjection } from './request-history/request-history.projection';
import { requestsProjection } from './requests/requests.projection';
import { searchDocumentsProjection } from './search-documents/search-documents.projection';
import { caseTextsProjection } from './case-texts/case-texts.projection';

export interface TableDdl {
  /** CREATE TABLE with its primary key. */
  readonly create: string;
  /** Secondary indexes, built after a rebuild's bulk load; `n` prefixes their names. */
  readonly indexes: (n: string) => string[];
}

/**
 * A read model's table from its `<model>.table.sql` (the one definition of its shape): the
 * CREATE TABLE first, then its secondary indexes, with `{{table}}` and `{{name}}` to fill in.
 */
function tableFile(file: string): (t: string) => TableDdl {
  const statements = readFileSync(join(__dirname, file), 'utf8')
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
  if (!/^CREATE TABLE \{\{table\}\} \(/.test(statements[0] ?? '')) throw new Error(`${file} must begin with CREATE TABLE {{table}} (`);
  return (t) => ({
    create: statements[0]!.replaceAll('{{table}}', t),
    indexes: (n) => statements.slice(1).map((i) => i.replaceAll('{{table}}', t).replaceAll('{{name}}', n)),
  });
}

export interface ReadModel {
  /** Folded in Node (`Projection`), or computed by PostgreSQL from the log (`LogProjection`). */
  readonly projection: AnyProjection;
  /** `t` is the qualified table name. */
  readonly ddl: (t: string) => TableDdl;
}

/** Every coordination read model, in the order batches are written. */
export const READ_MODELS: Readonly<Record<ReadModelName, ReadModel>> = {
  requests: { projection: requestsProjection as unknown as Projection<object>, ddl: tableFile('requests/requests.table.sql') },
  request_history: { projection: requestHistoryProjection as unknown as LogProjection<object>, ddl: tableFile('request-history/request-history.table.sql') },
  offers: { projection: offersProjection as unknown as Projection<object>, ddl: tableFile('offers/offers.table.sql') },
  engagements: { projection: engagementsProjection as unknown as Projection<object>, ddl: tableFile('engagements/engagements.table.sql') },
  milestones: { projection: milestonesProjection as unknown as Projection<object>, ddl: tableFile('milestones/milestones.table.sql') },
  search_documents: { projection: searchDocumentsProjection as unknown as Projection<object>, ddl: tableFile('search-documents/search-documents.table.sql') },
  case_texts: { projection: caseTextsProjection as unknown as Projection<object>, ddl: tableFile('case-texts/case-texts.table.sql') },
};

/**
 * The read models kept as temporal tables ("as of", docs/read-models.md): each row carries
 * `valid_from`, the commit order of the transaction that made this version of it; a version
 * the projector replaces goes to `<table>_history` with `valid_to`, the commit order that
 * replaced it. `request_history` has no history table: its rows are per event and carry their
 * own `commit_order`. `search_documents` is not temporal (search is live only).
 */
export const TEMPORAL_READ_MODELS: ReadonlyMap<ReadModelName, string> = new Map<ReadModelName, string>([
  ['requests', 'request_id'],
  ['offers', 'offer_id'],
  ['engagements', 'engagement_id'],
  ['milestones', 'milestone_key'],
  ['case_texts', 'owner_id'],
]);

/** A temporal read model's history table (`suffix`: a rebuild's new one). */
export const historyTable = (name: string, suffix = ''): string => qualifiedTable(`${name}_history${suffix}`);

/**
 * The history table of `table` (qualified) as `history`: the same columns (`LIKE`, no key: a
 * key has a version per change), plus `valid_to`; `n` prefixes the index names. The GiST index
 * on the validity range answers "the versions valid at position P" whatever P's age; the key's
 * index answers a detail.
 */
export function historyDdl(table: string, history: string, n: string, keyColumn: string, ifNotExists = false): { create: string[]; indexes: string[] } {
  const ine = ifNotExists ? 'IF NOT EXISTS ' : '';
  return {
    create: [`CREATE TABLE ${ine}${history} (LIKE ${table} INCLUDING GENERATED)`, `ALTER TABLE ${history} ADD COLUMN ${ine}valid_to bigint NOT NULL`],
    indexes: [
      `CREATE INDEX ${ine}${n}_validity_idx ON ${history} USING gist (int8range(valid_from, valid_to))`,
      `CREATE INDEX ${ine}${n}_key_idx ON ${history} (${keyColumn}, valid_from)`,
    ],
  };
}

export const COORDINATION_SCHEMA = 'coordination';
export const qualifiedTable = (name: string): string => `${COORDINATION_SCHEMA}.${name}`;
export const COORDINATION_ENTITIES = Object.values(READ_MODELS).map((m) => m.projection.entity);

/** The read models folded in Node, and those PostgreSQL computes from the log, among `names`. */
export function splitReadModels(names: readonly ReadModelName[]): { folded: Projection<object>[]; fromLog: LogProjection<object>[] } {
  const folded: Projection<object>[] = [];
  const fromLog: LogProjection<object>[] = [];
  for (const name of names) {
    const p = READ_MODELS[name].projection;
    if (isLogProjection(p)) fromLog.push(p);
    else folded.push(p);
  }
  return { folded, fromLog };
}
