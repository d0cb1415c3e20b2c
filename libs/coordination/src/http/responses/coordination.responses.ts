import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { CoordinationSummary, FundingLine } from '../../as-of/summary';
import { ENGAGEMENT_STATUSES, REQUEST_STATUSES } from '../../query/read-model.queries';
import { MilestoneView, RequestView } from './read-model.responses';
import { Count, DateWindowView, Integer, NextCursor, OneOf, StatusCountsView, Text, TextOrNull, Timestamp } from './response-fields';

/** Answers of `/coordination/*`. */

export class FundingLineView implements FundingLine {
  @OneOf(['money', 'expert_days']) unit!: 'money' | 'expert_days';
  @TextOrNull('ISO 4217; null for expert-days') currency!: string | null;
  @Integer('Everything ever offered (minor units, or expert-days)') registered!: number;
  @Integer('Committed, plus what open offers still have') pledged!: number;
  @Integer('Committed by agreed engagements (released commitments excluded)') committed!: number;
  @Integer('Amounts of the engagements whose completion the State acknowledged') delivered!: number;
}

class OfferCountsView extends StatusCountsView {
  @Count('Offers with no capacity left') fullyCommitted!: number;
}
class MilestoneCountsView {
  @Count() total!: number;
  @Count('overdueAwaitingReport + overdueAwaitingConfirmation') overdue!: number;
  @Count('Overdue, the provider has not reported them done (scheduled, rescheduled, or its report disputed)') overdueAwaitingReport!: number;
  @Count('Overdue, reported done by the provider, not confirmed by the State') overdueAwaitingConfirmation!: number;
  @Count() disputed!: number;
}
class CompletionCountsView {
  @Count("Engagements the provider completed whose completion the State has yet to acknowledge (or contest)") awaitingAcknowledgement!: number;
  @Count('Engagements whose completion the State acknowledged: they count as delivered') acknowledged!: number;
}
class GapCountView {
  @Count() olderThanDays!: number;
  @Count() count!: number;
}

export class SummaryView implements CoordinationSummary {
  @OneOf(['live', 'as_of'], 'live: from the read models; as_of: folded from the events recorded up to `asOf`') basis!: 'live' | 'as_of';
  @Timestamp('The time the derived figures (gaps, overdue) are computed at') asAt!: string;
  @ApiProperty({ type: StatusCountsView }) requests!: StatusCountsView;
  @ApiProperty({ type: OfferCountsView }) offers!: OfferCountsView;
  @ApiProperty({ type: StatusCountsView }) engagements!: StatusCountsView;
  @ApiProperty({ type: MilestoneCountsView }) milestones!: MilestoneCountsView;
  @ApiProperty({ type: CompletionCountsView }) completions!: CompletionCountsView;
  @ApiProperty({ type: GapCountView }) gaps!: GapCountView;
  @ApiProperty({ type: [FundingLineView] }) funding!: FundingLineView[];
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'as_of: the events read to fold the summary' }) eventsRead?: number;
}

export class GapView extends RequestView {
  @Count('Whole days open for offers at `asAt`') daysOpen!: number;
}
export class GapsView {
  @Timestamp() asAt!: string;
  @Count() olderThanDays!: number;
  @ApiProperty({ type: [GapView] }) items!: GapView[];
  @NextCursor() nextCursor!: string | null;
}

class EngagementOverlapMember {
  @Text() engagementId!: string;
  @Text() requestId!: string;
  @Text() providerId!: string;
  @ApiProperty({ type: DateWindowView }) window!: DateWindowView;
  @ApiProperty({ description: "Its window overlaps another live engagement's for the same request" }) sameRequest!: boolean;
}
class OfferOverlapMember {
  @Text() offerId!: string;
  @Text() providerId!: string;
  @ApiProperty({ type: DateWindowView }) window!: DateWindowView;
}
export class EngagementOverlapView {
  @OneOf(['engagements']) kind!: 'engagements';
  @Text() country!: string;
  @Text("As the earliest member's request names it") institution!: string;
  @Text() article!: string;
  @ApiProperty({ type: DateWindowView, description: "The members' windows, earliest start to latest end" }) window!: DateWindowView;
  @Count('Members in all (at most 50 are listed)') size!: number;
  @ApiProperty({ description: 'Two engagements of the group for the same request overlap: the same need funded twice' }) sameRequest!: boolean;
  @ApiProperty({ type: [EngagementOverlapMember] }) engagements!: EngagementOverlapMember[];
}
export class OfferOverlapView {
  @OneOf(['offers']) kind!: 'offers';
  @Text() country!: string;
  @Text() article!: string;
  @ApiProperty({ type: DateWindowView }) window!: DateWindowView;
  @Count() size!: number;
  @ApiProperty({ type: [OfferOverlapMember] }) offers!: OfferOverlapMember[];
}
@ApiExtraModels(EngagementOverlapView, OfferOverlapView)
export class OverlapsView {
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(EngagementOverlapView) }, { $ref: getSchemaPath(OfferOverlapView) }], discriminator: { propertyName: 'kind', mapping: { engagements: getSchemaPath(EngagementOverlapView), offers: getSchemaPath(OfferOverlapView) } } },
  })
  items!: Array<EngagementOverlapView | OfferOverlapView>;
  @NextCursor() nextCursor!: string | null;
}

class StageView {
  @Text() stage!: string;
  @Count() count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Days in the stage, one decimal; null when none' }) avgAgeDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianAgeDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAgeDays!: number | null;
}
export class PipelineView {
  @Timestamp() asAt!: string;
  @ApiProperty({ type: [StageView], description: `One per request status: ${REQUEST_STATUSES.join(', ')}` }) requests!: StageView[];
  @ApiProperty({ type: [StageView], description: `One per engagement status: ${ENGAGEMENT_STATUSES.join(', ')}` }) engagements!: StageView[];
}

class CoverageCell {
  @Text() article!: string;
  @Text() taType!: string;
  @Count() requests!: number;
  @Count() openRequests!: number;
  @Count() matchedRequests!: number;
  @Count() openOffers!: number;
  @ApiProperty({ description: 'Requests are open and no offer is' }) uncovered!: boolean;
}
export class CoverageView {
  @ApiProperty({ type: [CoverageCell] }) items!: CoverageCell[];
}

class NeedSourceGroup {
  @OneOf(['self-assessment', 'review-report', 'cited-finding']) kind!: string;
  @ApiProperty({ type: 'integer', nullable: true, enum: [1, 2, null], description: 'Review cycle; null for a self-assessment of no cycle (the 2008-2009 round)' }) cycle!: number | null;
  @TextOrNull('UNCAC chapter the need falls under; null for a cited finding') chapter!: string | null;
  @TextOrNull('UNCAC article; null for a cited finding') article!: string | null;
  @Count('Requests citing a source of this group (each once)') requests!: number;
  @Count('Of them, open for offers') openRequests!: number;
}
export class NeedSourcesView {
  @ApiProperty({ type: [NeedSourceGroup] }) items!: NeedSourceGroup[];
  @Count('Requests citing a source that matches the filters (each once; without source filters: citing any)') requests!: number;
  @Count('Requests in scope (country, visibility) citing no source') withoutSource!: number;
}

class CountryFundingLine {
  @OneOf(['money', 'expert_days']) unit!: 'money' | 'expert_days';
  @TextOrNull() currency!: string | null;
  @Integer() committed!: number;
  @Integer('Amounts of the engagements whose completion the State acknowledged') delivered!: number;
}
export class CountryView {
  @Text() country!: string;
  @Timestamp() asAt!: string;
  @ApiProperty({ type: StatusCountsView }) requests!: StatusCountsView;
  @ApiProperty({ type: GapCountView }) gaps!: GapCountView;
  @ApiProperty({ type: StatusCountsView }) engagements!: StatusCountsView;
  @ApiProperty({ type: [CountryFundingLine] }) funding!: CountryFundingLine[];
  @Count() openOffersEligible!: number;
  @Count() overdueMilestones!: number;
}

class DonorCountry {
  @Text() country!: string;
  @Count() engagements!: number;
  @Count() active!: number;
  @Count('Completed by the provider, awaiting the State\'s acknowledgement') completed!: number;
  @Count('Completion acknowledged by the State: delivered') acknowledged!: number;
}
export class DonorView {
  @Text() providerId!: string;
  @ApiProperty({ type: StatusCountsView }) offers!: StatusCountsView;
  @ApiProperty({ type: StatusCountsView }) engagements!: StatusCountsView;
  @ApiProperty({ type: [FundingLineView] }) funding!: FundingLineView[];
  @ApiProperty({ type: [DonorCountry] }) countries!: DonorCountry[];
}

class TrendRequestsView {
  @Text('Calendar quarter (UTC), YYYY-Qn') quarter!: string;
  @Count('Requests submitted that quarter') submitted!: number;
}
class TrendFundingView {
  @OneOf(['money', 'expert_days']) unit!: 'money' | 'expert_days';
  @TextOrNull('ISO 4217; null for expert-days') currency!: string | null;
  @Text('Calendar quarter (UTC), YYYY-Qn') quarter!: string;
  @Integer('Capacity of the offers registered that quarter (minor units, or expert-days)') offered!: number;
  @Integer('Amounts of the engagements agreed that quarter and still agreed, active or further on') committed!: number;
  @Integer('Amounts of the engagements whose completion the State acknowledged that quarter') delivered!: number;
}
export class TrendsView {
  @ApiProperty({ type: [TrendRequestsView], description: 'Quarters with a request, in order' }) requests!: TrendRequestsView[];
  @ApiProperty({ type: [TrendFundingView], description: 'Per unit and quarter, in the order (unit, currency, quarter)' }) funding!: TrendFundingView[];
}

class CountryFiguresView {
  @Text('ISO 3166-1 alpha-2') country!: string;
  @Count('Requests visible to the caller, whatever their status') requests!: number;
  @Count('Of them, open for offers') openForOffers!: number;
  @Count('Of them, gaps at `asAt` (open for offers `olderThanDays` or more without a live engagement)') gaps!: number;
}
export class CountriesView {
  @Timestamp() asAt!: string;
  @Count() olderThanDays!: number;
  @ApiProperty({ type: [CountryFiguresView], description: 'Every country with a request, by code' }) items!: CountryFiguresView[];
}

export class MilestoneAlertView extends MilestoneView {
  @Text() country!: string;
  @Text() providerId!: string;
  @Count() daysOverdue!: number;
  @OneOf(['report', 'confirmation'], "Overdue: whose move it waits for. report: the provider's report that it is done; confirmation: the State's confirmation of the provider's report") awaiting!: 'report' | 'confirmation';
}
export class MilestonesView {
  @Timestamp() asAt!: string;
  @ApiProperty({ type: [MilestoneAlertView] }) items!: MilestoneAlertView[];
  @NextCursor() nextCursor!: string | null;
}

export class FundingView {
  @ApiProperty({ type: [FundingLineView] }) lines!: FundingLineView[];
}
