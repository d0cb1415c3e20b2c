import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { LANGUAGE_CODES } from '@ta/codelists';
import type { ProjectedNeedSource } from '../../read-models/requests/requests.entity';
import { ENGAGEMENT_STATUSES, OFFER_STATUSES, REQUEST_STATUSES, type publicEngagement, type publicMilestone, type publicOffer, type publicRequest } from '../../query/read-model.queries';
import { Count, Day, DayOrNull, Integer, LocalizedTextView, NextCursor, OneOf, Text, TextOrNull, Texts, Timestamp, TimestampOrNull } from './response-fields';

/** Answers of `/requests`, `/offers` and `/engagements` (lists and details): the read-model rows clients see. */

/** One shape for the three kinds; the fields a kind does not have are absent. */
export class NeedSourceView {
  @OneOf(['self-assessment', 'review-report', 'cited-finding']) kind!: 'self-assessment' | 'review-report' | 'cited-finding';
  @ApiProperty({ type: 'integer', nullable: true, enum: [1, 2, null], description: 'Review cycle (a self-assessment: the cycle whose checklist it is, or null)' }) cycle!: 1 | 2 | null;
  @TextOrNull('UNCAC chapter the need falls under (a review report: the chapter reviewed; a self-assessment: its article\'s); null for a cited finding') chapter!: string | null;
  @ApiPropertyOptional({ description: 'self-assessment: the checklist round, e.g. 2008-2009' }) round?: string;
  @ApiPropertyOptional({ description: 'review-report: the document symbol' }) reportSymbol?: string;
  @ApiPropertyOptional({ description: 'UNCAC article (not for a cited finding)' }) article?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) paragraph?: string | null;
  @ApiPropertyOptional({ description: 'The recommendation or identified need' }) need?: string;
  @ApiPropertyOptional({ description: 'cited-finding: the free reference recorded before sources were structured' }) reference?: string;
}

export class RequestView implements ReturnType<typeof publicRequest> {
  @Text() requestId!: string;
  @Text('ISO 3166-1 alpha-2', 'KE') country!: string;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @Text() beneficiaryInstitution!: string;
  @Texts("UNCAC articles: the State's suggestion until triage, then the Secretariat's classification") articles!: string[];
  @Texts() taTypes!: string[];
  @ApiProperty({ description: 'Classified by the Secretariat (triaged)' }) classified!: boolean;
  @TextOrNull("The Secretariat's triage priority: high, medium or low, once triaged") priority!: string | null;
  @TextOrNull("The State's own priority (high, medium or low), given on submission; null for requests submitted before it was asked") statePriority!: string | null;
  @OneOf(REQUEST_STATUSES) status!: string;
  @ApiProperty({ description: "As the State chose on submission, or as it last changed it (restrict, open)" }) restricted!: boolean;
  @Texts() preferredLanguages!: string[];
  @DayOrNull() desiredFrom!: string | null;
  @DayOrNull() desiredTo!: string | null;
  @ApiProperty({ type: [NeedSourceView], description: 'Where the need was identified' }) sources!: ProjectedNeedSource[];
  @Timestamp() submittedAt!: string;
  @Text() submittedBy!: string;
  @TimestampOrNull('When it was (last) opened for offers') openedAt!: string | null;
  @TimestampOrNull() matchedAt!: string | null;
  @TimestampOrNull() deliveryStartedAt!: string | null;
  @TimestampOrNull() deliveredAt!: string | null;
  @TimestampOrNull('Closed, withdrawn or declined') endedAt!: string | null;
  @TextOrNull() endReason!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['met', 'partly_met', 'not_met', null] }) needMet!: string | null;
  @Timestamp() statusSince!: string;
  @Texts('Engagements whose activation matched the request') engagementIds!: string[];
  @Count('Engagements proposed and not (yet) declined or cancelled') liveEngagements!: number;
  @Timestamp() updatedAt!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "The stream's version as this row shows it (lists: null for rows projected before versions were kept)" }) version!: number | null;
}

export class OfferView implements ReturnType<typeof publicOffer> {
  @Text() offerId!: string;
  @Text() providerId!: string;
  @Text() providerKind!: string;
  @TextOrNull("A national authority's State (peer assistance between States), from the directory; null for other providers") providerCountry!: string | null;
  @Texts() taTypes!: string[];
  @Texts() articles!: string[];
  @Texts() eligibleCountries!: string[];
  @Texts('UN M49 region codes') eligibleRegions!: string[];
  @Texts() languages!: string[];
  @Text() modality!: string;
  @OneOf(['money', 'expert_days']) capacityKind!: 'money' | 'expert_days';
  @TextOrNull('ISO 4217; null for expert-days') currency!: string | null;
  @Count('Integer minor units of the currency, or expert-days') capacity!: number;
  @Count() committed!: number;
  @Count() remaining!: number;
  @Day() availableFrom!: string;
  @Day() availableTo!: string;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @OneOf(OFFER_STATUSES) status!: string;
  @Timestamp() registeredAt!: string;
  @TimestampOrNull() endedAt!: string | null;
  @TextOrNull() endReason!: string | null;
  @Timestamp() updatedAt!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "The stream's version as this row shows it (lists: null for rows projected before versions were kept)" }) version!: number | null;
}

export class EngagementView implements ReturnType<typeof publicEngagement> {
  @Text() engagementId!: string;
  @Text() requestId!: string;
  @Text() offerId!: string;
  @Text() providerId!: string;
  @TextOrNull("The implementing organisation when another than the provider, who funds (IATI roles 4 and 1); null: the provider implements") implementerId!: string | null;
  @Text() country!: string;
  @Count("In the offer's unit: minor units of the currency, or expert-days") amount!: number;
  @OneOf(['money', 'expert_days']) unitKind!: 'money' | 'expert_days';
  @TextOrNull() currency!: string | null;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) score!: number;
  @Texts() reasons!: string[];
  @OneOf(ENGAGEMENT_STATUSES) status!: string;
  @ApiProperty({ type: [String], description: 'state, provider' }) acceptedBy!: string[];
  @Timestamp() proposedAt!: string;
  @TimestampOrNull() agreedAt!: string | null;
  @TimestampOrNull() activatedAt!: string | null;
  @TimestampOrNull('When the provider completed it (last time, if a completion was contested)') completedAt!: string | null;
  @TimestampOrNull("When the State acknowledged the completion: from then on it counts as delivered") acknowledgedAt!: string | null;
  @TimestampOrNull("When the State last contested a completion (the engagement was active again)") contestedAt!: string | null;
  @TextOrNull("The State's reason for the last contest") contestReason!: string | null;
  @TimestampOrNull('Declined or cancelled') endedAt!: string | null;
  @TextOrNull() endReason!: string | null;
  @Timestamp() statusSince!: string;
  @Timestamp() updatedAt!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "The stream's version as this row shows it (lists: null for rows projected before versions were kept)" }) version!: number | null;
}

export class MilestoneView implements ReturnType<typeof publicMilestone> {
  @Text() engagementId!: string;
  @Text() milestoneId!: string;
  @Text() requestId!: string;
  @Text() offerId!: string;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @Day() dueDate!: string;
  @Day() originalDueDate!: string;
  @OneOf(['scheduled', 'reported', 'confirmed', 'disputed', 'rescheduled']) status!: string;
  @Timestamp() plannedAt!: string;
  @TimestampOrNull() reportedAt!: string | null;
  @TimestampOrNull() confirmedAt!: string | null;
  @TimestampOrNull() disputedAt!: string | null;
  @TextOrNull() disputeReason!: string | null;
  @Count() rescheduleCount!: number;
  @TextOrNull() rescheduleReason!: string | null;
  @Timestamp() updatedAt!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: "The stream's version as this row shows it (lists: null for rows projected before versions were kept)" }) version!: number | null;
}

export class HistoryEntryView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @Text('The event type', 'RequestTriaged') type!: string;
  @Text() actorId!: string;
  @Text() actorRole!: string;
  @Timestamp() occurredAt!: string;
  @TextOrNull() reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A few facts of the event (status reached, engagement, party, due date...)' }) details!: Record<string, unknown>;
  @Integer() globalPosition!: number;
}

/** One text of a case, in the reader's language or its original (the same shape for every text). */
export class TextView {
  @Text() text!: string;
  @ApiProperty({ type: String, nullable: true, enum: [...LANGUAGE_CODES, null], description: "The text's language: for the `lang` attribute (null only for a plain text of a case whose language is unknown)" })
  lang!: (typeof LANGUAGE_CODES)[number] | null;
  @OneOf(['ltr', 'rtl', 'auto'], 'For the `dir` attribute') dir!: 'ltr' | 'rtl' | 'auto';
  @ApiProperty({ description: 'True: as its author wrote it; false: a translation' }) original!: boolean;
  @ApiProperty({ type: [String], enum: LANGUAGE_CODES, description: 'Every language the text can be read in (originals and translations)' }) languages!: string[];
  @OneOf(['state', 'provider', 'secretariat'], 'Whose words: besides the Secretariat, the side that may translate the text') author!: 'state' | 'provider' | 'secretariat';
}

const TEXTS_DESCRIPTION =
  "The case's texts by path (e.g. `description`, `clarifications/1/question`, `milestones/<id>/title`), each in the reader's language (`lang`, else Accept-Language) when it exists, else in its original";
const TextsByPath = () => ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(TextView) }, description: TEXTS_DESCRIPTION });

@ApiExtraModels(TextView)
export class RequestDetailView extends RequestView {
  @TextsByPath() texts!: Record<string, TextView>;
  @ApiProperty({ type: [EngagementView] }) engagements!: EngagementView[];
  @ApiProperty({ type: [HistoryEntryView], description: "Who did what, in which role, when and why: the request's events and its engagements'" }) history!: HistoryEntryView[];
  @ApiProperty({ type: 'integer', description: "The stream's version, also the answer's ETag" }) declare version: number;
}

@ApiExtraModels(TextView)
export class OfferDetailView extends OfferView {
  @TextsByPath() texts!: Record<string, TextView>;
  @ApiProperty({ type: [EngagementView], description: 'The engagements on it the actor may see' }) engagements!: EngagementView[];
  @ApiProperty({ type: 'integer', description: "The stream's version, also the answer's ETag" }) declare version: number;
}

export class EngagementMilestoneView extends MilestoneView {
  @ApiProperty({ description: 'Not confirmed, due before `asAt`, in an active engagement' }) overdue!: boolean;
}

@ApiExtraModels(TextView)
export class EngagementDetailView extends EngagementView {
  @TextsByPath() texts!: Record<string, TextView>;
  @Timestamp() asAt!: string;
  @ApiProperty({ type: [EngagementMilestoneView] }) milestones!: EngagementMilestoneView[];
  @ApiProperty({ type: 'integer', description: "The stream's version, also the answer's ETag" }) declare version: number;
}

export class RequestPage {
  @ApiProperty({ type: [RequestView] }) items!: RequestView[];
  @NextCursor() nextCursor!: string | null;
}
export class OfferPage {
  @ApiProperty({ type: [OfferView] }) items!: OfferView[];
  @NextCursor() nextCursor!: string | null;
}
export class EngagementPage {
  @ApiProperty({ type: [EngagementView] }) items!: EngagementView[];
  @NextCursor() nextCursor!: string | null;
}
