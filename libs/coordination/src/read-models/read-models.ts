import { engagementsDdl } from './engagements/engagements.entity';
import { engagementsProjection } from './engagements/engagements.projection';
import { milestonesDdl } from './milestones/milestones.entity';
import { milestonesProjection } from './milestones/milestones.projection';
import { offersDdl } from './offers/offers.entity';
import { offersProjection } from './offers/offers.projection';
import type { Projection, ReadModelName } from './projection';
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
  readonly projection: Projection<object>;
  /** `t` is the qualified table name. */
  readonly ddl: (t: string) => TableDdl;
}

/** Every coordination read model, in the order batches are written. */
export const READ_MODELS: Readonly<Record<ReadModelName, ReadModel>> = {
  requests: { projection: requestsProjection as unknown as Projection<object>, ddl: requestsDdl },
  request_history: { projection: requestHistoryProjection as unknown as Projection<object>, ddl: requestHistoryDdl },
  offers: { projection: offersProjection as unknown as Projection<object>, ddl: offersDdl },
  engagements: { projection: engagementsProjection as unknown as Projection<object>, ddl: engagementsDdl },
  milestones: { projection: milestonesProjection as unknown as Projection<object>, ddl: milestonesDdl },
};

export const COORDINATION_SCHEMA = 'coordination';
export const qualifiedTable = (name: string): string => `${COORDINATION_SCHEMA}.${name}`;
export const COORDINATION_ENTITIES = Object.values(READ_MODELS).map((m) => m.projection.entity);
