import type { CoordinationSummary, FundingLine } from '../as-of/summary';
import type { Sql } from '../sql';
import { countriesFigures, countryView } from './country.queries';
import { trends } from './trends.queries';
import { coverage, type CoverageFilters } from './coverage.queries';
import { donorView } from './donor.queries';
import { fundingLines } from './funding.queries';
import { gapsPage, type GapFilters } from './gaps.queries';
import { milestonesPage, type MilestoneFilters } from './milestones.queries';
import { overlapGroups, type OverlapFilters, type OverlapGroup } from './overlaps.queries';
import type { Page } from './pagination';
import { pipeline, type PipelineFilters } from './pipeline.queries';
import type { ListOptions, ReadModelQueries, Viewer } from './read-model.queries';
import { needSourceCounts, type NeedSourceCountFilters } from './need-sources.queries';
import { liveSummary } from './summary.queries';
import type { CaseFilter } from './conditions';

/**
 * The coordinated view's aggregates over the read-model tables, one family per file
 * (`<family>.queries.ts`, each with the SQL it runs); time-dependent figures use `asAt`. Every
 * figure is as `viewer` may see it (access/request-visibility).
 */
export class CoordinationQueries {
  constructor(
    private readonly sql: Sql,
    private readonly rows: ReadModelQueries,
  ) {}

  summary(asAt: Date, gapDays: number, viewer: Viewer, f: CaseFilter = {}): Promise<CoordinationSummary> {
    return liveSummary(this.sql, asAt, gapDays, viewer, f);
  }

  funding(f: CaseFilter, viewer: Viewer): Promise<FundingLine[]> {
    return fundingLines(this.sql, f, viewer);
  }

  gaps(f: GapFilters, viewer: Viewer, o: ListOptions) {
    return gapsPage(this.sql, this.rows.requestColumns, f, viewer, o);
  }

  /** Overlap groups (overlaps.queries.ts), run with JIT off. */
  overlaps(f: OverlapFilters, viewer: Viewer, o: { limit: number; cursor?: string }): Promise<Page<OverlapGroup>> {
    return overlapGroups(this.rows.sqlWithoutJit, f, viewer, o);
  }

  pipeline(f: PipelineFilters, viewer: Viewer) {
    return pipeline(this.sql, f, viewer);
  }

  coverage(f: CoverageFilters, viewer: Viewer) {
    return coverage(this.sql, f, viewer);
  }

  needSources(f: NeedSourceCountFilters, viewer: Viewer) {
    return needSourceCounts(this.sql, f, viewer);
  }

  trends(viewer: Viewer, f: CaseFilter = {}) {
    return trends(this.sql, viewer, f);
  }

  countries(asAt: Date, gapDays: number, viewer: Viewer, f: CaseFilter = {}) {
    return countriesFigures(this.sql, asAt, gapDays, viewer, f);
  }

  country(code: string, asAt: Date, gapDays: number, viewer: Viewer) {
    return countryView(this.sql, code, asAt, gapDays, viewer);
  }

  donor(providerId: string, viewer: Viewer) {
    return donorView(this.sql, providerId, viewer);
  }

  milestones(kind: 'overdue' | 'disputed', f: MilestoneFilters, viewer: Viewer, o: ListOptions) {
    return milestonesPage(this.sql, this.rows.milestoneColumns, kind, f, viewer, o);
  }
}
