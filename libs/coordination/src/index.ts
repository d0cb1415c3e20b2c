// The coordinated view: read models of the case context projected into PostgreSQL (TypeORM
// entities), the projector, rebuilds, "as of" any date, and the queries, without a web
// framework. The HTTP face is `@ta/coordination/http`.
export { coordinationMigrations } from './schema/coordination.migrations';
export { READ_MODEL_NAMES, type ReadModelName, type Projection } from './read-models/projection';
export { READ_MODELS, COORDINATION_ENTITIES } from './read-models/read-models';
export { toProjectedEvent, type ProjectedEvent, type CaseEvent } from './read-models/case-event';
export { RequestRow } from './read-models/requests/requests.entity';
export { RequestHistoryRow } from './read-models/request-history/request-history.entity';
export { OfferRow } from './read-models/offers/offers.entity';
export { EngagementRow } from './read-models/engagements/engagements.entity';
export { MilestoneRow } from './read-models/milestones/milestones.entity';
export { requestsProjection } from './read-models/requests/requests.projection';
export { requestHistoryProjection } from './read-models/request-history/request-history.projection';
export { offersProjection } from './read-models/offers/offers.projection';
export { engagementsProjection } from './read-models/engagements/engagements.projection';
export { milestonesProjection } from './read-models/milestones/milestones.projection';
export { foldEvents } from './read-models/fold-events';
export { projectable } from './read-models/case-event';
export type { Sql } from './sql';
export { createCoordinationDataSource, typeormTransaction, sqlOf } from './projector/data-source';
export { COORDINATION_CONSUMER, createCoordinationProjector } from './projector/coordination-projector';
export { rebuildReadModels, REBUILD_SUFFIX, type RebuildOptions, type RebuildResult } from './projector/rebuild/rebuild-read-models';
export { hasReached, waitForPosition, ProjectionNotCaughtUpError } from './projector/read-your-writes';
export { accessOf, hiddenRequestIds, requestVisibleSql, requestIdVisibleSql, ENGAGED_STATUSES, type Viewer } from './access/request-visibility';
export { foldAsOf, summaryAsOf, AS_OF_SLACK_MS, type AsOfState } from './as-of/as-of';
export { summarize, type CoordinationSummary, type FundingLine } from './as-of/summary';
export { isGap } from './rules/gap.rule';
export { isOverdue } from './rules/overdue.rule';
export { CoordinationQueries } from './query/coordination.queries';
export { caseFilterOf, type CaseFilter } from './query/conditions';
export { ReadModelQueries } from './query/read-model.queries';
export { CoordinationReader, coordinationReadOptions, type AsOfQuery, type CoordinationReadOptions, type ReadView } from './query/coordination-reader';
export { SearchDocumentRow } from './read-models/search-documents/search-documents.entity';
export { searchDocumentsProjection } from './read-models/search-documents/search-documents.projection';
export { searchableTexts, cjkBigrams, cjkTsquery, SEARCH_KINDS, type SearchKind, type SearchText } from './read-models/search-documents/search-texts';
export { SearchQueries, type SearchFilters, type SearchHit } from './query/search.queries';
export { PublicViewQueries } from './query/public-view.queries';
export { ANONYMOUS } from './access/request-visibility';
