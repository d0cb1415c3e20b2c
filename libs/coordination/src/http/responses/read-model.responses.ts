import { ApiProperty } from '@nestjs/swagger';
import { ENGAGEMENT_STATUSES, OFFER_STATUSES, REQUEST_STATUSES, type publicEngagement, type publicMilestone, type publicOffer, type publicRequest } from '../../query/read-model.queries';
import { Count, Day, DayOrNull, Integer, LocalizedTextView, NextCursor, OneOf, Text, TextOrNull, Texts, Timestamp, TimestampOrNull } from './response-fields';

/** Answers of `/requests`, `/offers` and `/engagements` (lists and details): the read-model rows clients see. */

export class FindingRefView {
  @ApiProperty({ type: 'integer', enum: [1, 2] }) reviewCycle!: number;
  @Text() reference!: string;
}

export class RequestView implements ReturnType<typeof publicRequest> {
  @Text() requestId!: string;
  @Text('ISO 3166-1 alpha-2', 'KE') country!: string;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @Text() beneficiaryInstitution!: string;
  @Texts("UNCAC articles: the State's suggestion until triage, then the Secretariat's classification") articles!: string[];
  @Texts() taTypes!: string[];
  @ApiProperty({ description: 'Classified by the Secretariat (triaged)' }) classified!: boolean;
  @TextOrNull('high, medium or low, once triaged') priority!: string | null;
  @OneOf(REQUEST_STATUSES) status!: string;
  @ApiProperty() restricted!: boolean;
  @Texts() preferredLanguages!: string[];
  @DayOrNull() desiredFrom!: string | null;
  @DayOrNull() desiredTo!: string | null;
  @ApiProperty({ type: FindingRefView, nullable: true }) findingRef!: FindingRefView | null;
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
  @TimestampOrNull() completedAt!: string | null;
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

export class RequestDetailView extends RequestView {
  @ApiProperty({ type: [EngagementView] }) engagements!: EngagementView[];
  @ApiProperty({ type: [HistoryEntryView], description: "Who did what, in which role, when and why: the request's events and its engagements'" }) history!: HistoryEntryView[];
  @ApiProperty({ type: 'integer', description: "The stream's version, also the answer's ETag" }) declare version: number;
}

export class OfferDetailView extends OfferView {
  @ApiProperty({ type: [EngagementView], description: 'The engagements on it the actor may see' }) engagements!: EngagementView[];
  @ApiProperty({ type: 'integer', description: "The stream's version, also the answer's ETag" }) declare version: number;
}

export class EngagementMilestoneView extends MilestoneView {
  @ApiProperty({ description: 'Not confirmed, due before `asAt`, in an active engagement' }) overdue!: boolean;
}

export class EngagementDetailView extends EngagementView {
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
