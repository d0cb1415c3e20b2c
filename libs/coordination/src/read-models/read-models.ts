import { engagementsDdl } from './engagements/engagements.entity';
import { engagementsProjection } from './engagements/engagements.projection';
import { milestonesDdl } from './milestones/milestones.entity';
import { milestonesProjection } from './milestones/milestones.projection';
import { offersDdl } from './offers/offers.entity';
import { offersProjection } from './offers/offers.projection';
import { isLogProjection, type AnyProjection, type LogProjection, type Projection, type ReadModelName } from './projection';
import { requestHistoryDdl } from './request-history/request-history.entity';
import { requestHistoryProjection } from './request-history/request-history.projection';
import { requestsDdl } from './requests/requests.entity';
import { requestsProjection } from './requests/requests.projection';

export interface TableDdl {
  /** CREATE TABLE with its primary key. */
  readonly create: string;
  /** Secondary indexes, built after a rebuild's bulk load; `n` prefixes their names. */
  readonly indexes: (n: string) => string[];
}

export interface ReadModel {
  /** Folded in Node (`Projection`), or computed by PostgreSQL from the log (`LogProjection`). */
  readonly projection: AnyProjection;
  /** `t` is the qualified table name. */
  readonly ddl: (t: string) => TableDdl;
}

/** Every coordination read model, in the order batches are written. */
export const READ_MODELS: Readonly<Record<ReadModelName, ReadModel>> = {
  requests: { projection: requestsProjection as unknown as Projection<object>, ddl: requestsDdl },
  request_history: { projection: requestHistoryProjection as unknown as LogProjection<object>, ddl: requestHistoryDdl },
  offers: { projection: offersProjection as unknown as Projection<object>, ddl: offersDdl },
  engagements: { projection: engagementsProjection as unknown as Projection<object>, ddl: engagementsDdl },
  milestones: { projection: milestonesProjection as unknown as Projection<object>, ddl: milestonesDdl },
};

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

/** A read model folded in Node (for the query side's codecs). */
export function foldedProjection(name: ReadModelName): Projection<object> {
  const p = READ_MODELS[name].projection;
  if (isLogProjection(p)) throw new Error(`${name} is computed from the log, not folded`);
  return p;
}
