import { ApiProperty } from '@nestjs/swagger';
import { SEARCH_KINDS, SEARCH_STATUSES } from '../../query/search.queries';
import type { PublicOffer, PublicRequest } from '../../query/public-view.queries';
import { Day, DayOrNull, LocalizedTextView, NextCursor, OneOf, Text, TextOrNull, Texts, Timestamp } from './response-fields';

/** Answers of `GET /search` and of the public view (`GET /public/requests`, `/public/offers`). */

export class SearchSnippetView {
  @Text('The field it was cut from: title, description, beneficiaryInstitution, reasons, milestone:<id>') field!: string;
  @OneOf(['ar', 'en', 'es', 'fr', 'ru', 'zh', 'und'], 'The language of the text (und: none declared)') language!: string;
  @Text('A passage of the document around the first query word found in it, else its beginning') text!: string;
}

export class SearchHitView {
  @OneOf(SEARCH_KINDS) kind!: string;
  @Text("The request's, offer's or engagement's id") id!: string;
  @TextOrNull('The request (of a request or an engagement)') requestId!: string | null;
  @TextOrNull('The offer (of an offer or an engagement)') offerId!: string | null;
  @ApiProperty({ type: LocalizedTextView, nullable: true, description: 'The title (requests and offers); null for an engagement' }) title!: LocalizedTextView | null;
  @ApiProperty({ type: SearchSnippetView, nullable: true }) snippet!: SearchSnippetView | null;
  @OneOf(SEARCH_STATUSES) status!: string;
  @TextOrNull("The request's or engagement's country; null for an offer") country!: string | null;
  @Timestamp('Submitted, registered or proposed at') at!: string;
  @ApiProperty({ type: Number, minimum: 0, description: 'Relevance (titles weigh more); hits come highest first' }) rank!: number;
}

export class SearchPage {
  @ApiProperty({ type: [SearchHitView] }) items!: SearchHitView[];
  @NextCursor() nextCursor!: string | null;
}

export class PublicRequestView implements PublicRequest {
  @Text() requestId!: string;
  @Text('ISO 3166-1 alpha-2', 'KE') country!: string;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @ApiProperty({ type: LocalizedTextView, nullable: true }) description!: LocalizedTextView | null;
  @Text() beneficiaryInstitution!: string;
  @Texts('UNCAC articles (the Secretariat\'s classification)') articles!: string[];
  @Texts() taTypes!: string[];
  @TextOrNull('high, medium or low') priority!: string | null;
  @Texts() preferredLanguages!: string[];
  @DayOrNull() desiredFrom!: string | null;
  @DayOrNull() desiredTo!: string | null;
  @Timestamp('When it was opened for offers') openedAt!: string;
}

export class PublicOfferView implements PublicOffer {
  @Text() offerId!: string;
  @Text('The providing organisation or national authority') providerId!: string;
  @Text() providerKind!: string;
  @ApiProperty({ type: LocalizedTextView }) title!: LocalizedTextView;
  @ApiProperty({ type: LocalizedTextView, nullable: true }) description!: LocalizedTextView | null;
  @Texts() taTypes!: string[];
  @Texts() articles!: string[];
  @Texts() eligibleCountries!: string[];
  @Texts('UN M49 region codes') eligibleRegions!: string[];
  @Texts() languages!: string[];
  @Text() modality!: string;
  @Day() availableFrom!: string;
  @Day() availableTo!: string;
  @Timestamp() registeredAt!: string;
}

export class PublicRequestPage {
  @ApiProperty({ type: [PublicRequestView] }) items!: PublicRequestView[];
  @NextCursor() nextCursor!: string | null;
}
export class PublicOfferPage {
  @ApiProperty({ type: [PublicOfferView] }) items!: PublicOfferView[];
  @NextCursor() nextCursor!: string | null;
}
