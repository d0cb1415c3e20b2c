// @ta/coordination/http: the coordinated view's NestJS face (controllers, query tables, answers' schemas).
export { CoordinationHttpModule } from './coordination-http.module';
// The views' query tables and the reader's language, for the exports of the same views (@ta/reports/http).
export {
  COUNTRIES_QUERY,
  COVERAGE_QUERY,
  DONOR_QUERY,
  ENGAGEMENTS_QUERY,
  FUNDING_QUERY,
  GAPS_QUERY,
  MILESTONES_QUERY,
  NEED_SOURCES_QUERY,
  OFFERS_QUERY,
  OVERDUE_QUERY,
  OVERLAPS_QUERY,
  PIPELINE_QUERY,
  REQUESTS_QUERY,
  TRENDS_QUERY,
} from './query-tables';
export { readerLanguage } from './reader-language';
export { ProjectionLagFilter } from './projection-lag.filter';
