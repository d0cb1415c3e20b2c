import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateBy, ValidateNested, type ValidationArguments } from 'class-validator';
import { codelists, type CodelistName } from '@ta/codelists';
import { NEED_SOURCE_LIMITS, NEED_SOURCE_LIMITS as SOURCE_LIMITS, REQUEST_TEXT_LIMITS as LIMITS } from '../../domain';
import { PlainText, SingleLine } from '@ta/platform/http';
import { DateWindowDto, LocalizedTextDto, LocalizedTitleDto } from './common.dto';

/** The codes of a codelist, for the document (the domain checks them: 400 `codelist.unknown_code`). */
export const codes = (list: CodelistName) => codelists.list(list).map((item) => item.code);

/**
 * Where the need was identified (resolution 3/2, para 1). One shape for both kinds; the domain
 * checks what each kind needs (400 `input.invalid`), that a review's chapter is one its cycle
 * reviewed (`request.source_chapter_not_in_cycle`) and its article one of that chapter
 * (`request.source_article_not_in_chapter`).
 */
export class NeedSourceDto {
  @ApiProperty({ enum: ['self-assessment', 'review-report'], example: 'review-report' }) @IsIn(['self-assessment', 'review-report']) kind!: 'self-assessment' | 'review-report';
  @ApiPropertyOptional({ example: '2008-2009', pattern: '^\\d{4}(-\\d{4})?$', description: 'self-assessment only: the checklist round, a year or years from 2008 (the round resolution 3/2 refers to is 2008-2009) to the year of submission' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @MaxLength(SOURCE_LIMITS.round)
  round?: string;
  @ApiPropertyOptional({ type: 'integer', enum: [1, 2], example: 2, description: 'review-report: the review cycle (required); self-assessment: the cycle whose checklist it is, if any' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2)
  cycle?: 1 | 2;
  @ApiPropertyOptional({ example: 'ch-2', enum: codes('uncac-chapters'), description: 'review-report only: a chapter the cycle reviewed (codelist review-cycles: cycle 1 III and IV, cycle 2 II and V)' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @MaxLength(10)
  chapter?: string;
  @ApiPropertyOptional({ example: 'CAC/COSP/IRG/II/1/1/Add.1', maxLength: SOURCE_LIMITS.reportSymbol, description: 'review-report only: the document symbol of the report or its executive summary' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @MaxLength(SOURCE_LIMITS.reportSymbol)
  reportSymbol?: string;
  @ApiProperty({ example: 'art-9', enum: codes('uncac-articles') }) @IsString() @SingleLine() @MaxLength(10) article!: string;
  @ApiPropertyOptional({ example: '1 (a)', maxLength: SOURCE_LIMITS.paragraph }) @IsOptional() @IsString() @SingleLine() @MaxLength(SOURCE_LIMITS.paragraph) paragraph?: string;
  @ApiProperty({ example: 'Publish information on procurement procedures and contracts.', minLength: 1, maxLength: SOURCE_LIMITS.need, description: 'The recommendation or identified need' })
  @IsString()
  @PlainText()
  @Length(1, SOURCE_LIMITS.need)
  need!: string;
}

export class ContactPersonDto {
  @ApiProperty({ example: 'Amina Njoroge', minLength: 1, maxLength: LIMITS.contactName }) @IsString() @SingleLine() @Length(1, LIMITS.contactName) name!: string;
  @ApiProperty({ example: 'focal.point@example.go.ke', format: 'email', maxLength: 254 }) @IsEmail() @MaxLength(254) email!: string;
}

export class SubmitRequestDto {
  @ApiProperty({ example: 'KE', enum: codes('countries'), description: 'ISO 3166-1 alpha-2; a State focal point submits for its own country' })
  @IsString()
  @SingleLine()
  @Length(2, 2)
  country!: string;

  @ApiProperty({ type: LocalizedTitleDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTitleDto) title!: LocalizedTitleDto;
  @ApiProperty({ type: LocalizedTextDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) description!: LocalizedTextDto;

  @ApiProperty({ example: ['art-8', 'art-9'], description: 'UNCAC article codes (codelist uncac-articles)', enum: codes('uncac-articles'), isArray: true, maxItems: 71 })
  @IsArray()
  @ArrayMaxSize(71)
  @IsString({ each: true })
  @SingleLine({ each: true })
  suggestedArticles!: string[];

  @ApiProperty({ example: ['c2-capacity-building'], description: 'TA type codes (codelist ta-types)', enum: codes('ta-types'), isArray: true, maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  suggestedTaTypes!: string[];

  @ApiProperty({ example: 'Ethics and Anti-Corruption Commission', minLength: 1, maxLength: LIMITS.beneficiaryInstitution }) @IsString() @SingleLine() @Length(1, LIMITS.beneficiaryInstitution) beneficiaryInstitution!: string;

  @ApiProperty({ example: ['en'], description: 'ar, en, es, fr, ru, zh; at least one', enum: codes('languages'), isArray: true, minItems: 1, maxItems: 6 })
  @IsArray()
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @SingleLine({ each: true })
  preferredLanguages!: string[];

  @ApiPropertyOptional({ type: DateWindowDto }) @IsOptional() @ValidateNested() @Type(() => DateWindowDto) desiredWindow?: DateWindowDto;
  @ApiPropertyOptional({ type: [NeedSourceDto], maxItems: NEED_SOURCE_LIMITS.maxSources, description: 'The self-assessment answers and country review findings the request answers' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NEED_SOURCE_LIMITS.maxSources)
  @ValidateNested({ each: true })
  @Type(() => NeedSourceDto)
  sources?: NeedSourceDto[];
  @ApiProperty({ example: false, description: 'Required, no default: the State chooses. True: visible only to the State, the Secretariat and engaged providers, and no free text on Kafka. Can be changed later (restrict, open).' })
  @IsBoolean()
  restricted!: boolean;
  @ApiProperty({ example: 'high', enum: codes('priorities'), description: "The State's own priority for this need (the Secretariat's triage priority is separate)" })
  @IsString()
  @SingleLine()
  @MaxLength(20)
  statePriority!: string;
  @ApiPropertyOptional({ type: ContactPersonDto, description: 'Personal data: never published on Kafka' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactPersonDto)
  contactPerson?: ContactPersonDto;
}

export class TriageRequestDto {
  @ApiProperty({ example: ['art-8'], enum: codes('uncac-articles'), isArray: true, minItems: 1, maxItems: 71 }) @IsArray() @ArrayMaxSize(71) @IsString({ each: true }) @SingleLine({ each: true }) articles!: string[];
  @ApiProperty({ example: ['c2-capacity-building'], enum: codes('ta-types'), isArray: true, minItems: 1, maxItems: 20 }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @SingleLine({ each: true }) taTypes!: string[];
  @ApiProperty({ example: 'high', enum: codes('priorities') }) @IsString() @SingleLine() @MaxLength(20) priority!: string;
}

export class ReturnForClarificationDto {
  @ApiProperty({ type: LocalizedTextDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) question!: LocalizedTextDto;
}

export class ProvideClarificationDto {
  @ApiProperty({ type: LocalizedTextDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) answer!: LocalizedTextDto;
}

export class RecordFollowUpDto {
  @ApiProperty({ enum: ['met', 'partly_met', 'not_met'], example: 'met' }) @IsIn(['met', 'partly_met', 'not_met']) needMet!: 'met' | 'partly_met' | 'not_met';
  @ApiProperty({ type: LocalizedTextDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) comment!: LocalizedTextDto;
}

/**
 * The State's amendment of its request: only the fields it changes (at least one: 400
 * `request.nothing_to_amend`), each checked as on submission. `desiredWindow: null` removes the
 * desired window. The country, the consent to publication and the contact person are not amended here.
 */
const AMENDABLE_FIELDS = ['title', 'description', 'suggestedArticles', 'suggestedTaTypes', 'beneficiaryInstitution', 'preferredLanguages', 'desiredWindow', 'sources', 'statePriority'] as const;

export class AmendRequestDto {
  /** Not a field: the check that at least one field is sent (400 `request.invalid_body` at `/amendment` for `{}`). */
  @ApiHideProperty()
  @ValidateBy({
    name: 'atLeastOneField',
    validator: {
      validate: (_: unknown, args?: ValidationArguments) => AMENDABLE_FIELDS.some((f) => (args?.object as Record<string, unknown>)[f] !== undefined),
      defaultMessage: () => `an amendment changes at least one of ${AMENDABLE_FIELDS.join(', ')}`,
    },
  })
  readonly amendment?: undefined;
  @ApiPropertyOptional({ type: LocalizedTitleDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalizedTitleDto) title?: LocalizedTitleDto;
  @ApiPropertyOptional({ type: LocalizedTextDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) description?: LocalizedTextDto;
  @ApiPropertyOptional({ example: ['art-8', 'art-9'], enum: codes('uncac-articles'), isArray: true, maxItems: 71 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(71)
  @IsString({ each: true })
  @SingleLine({ each: true })
  suggestedArticles?: string[];
  @ApiPropertyOptional({ example: ['c2-capacity-building'], enum: codes('ta-types'), isArray: true, maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  suggestedTaTypes?: string[];
  @ApiPropertyOptional({ example: 'Ethics and Anti-Corruption Commission', minLength: 1, maxLength: LIMITS.beneficiaryInstitution })
  @IsOptional()
  @IsString()
  @SingleLine()
  @Length(1, LIMITS.beneficiaryInstitution)
  beneficiaryInstitution?: string;
  @ApiPropertyOptional({ example: ['en', 'fr'], enum: codes('languages'), isArray: true, minItems: 1, maxItems: 6 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsString({ each: true })
  @SingleLine({ each: true })
  preferredLanguages?: string[];
  @ApiPropertyOptional({ type: DateWindowDto, nullable: true, description: 'null: no desired window any more' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DateWindowDto)
  desiredWindow?: DateWindowDto | null;
  @ApiPropertyOptional({ type: [NeedSourceDto], maxItems: NEED_SOURCE_LIMITS.maxSources, description: 'The sources of the need, all of them (they replace those cited before)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NEED_SOURCE_LIMITS.maxSources)
  @ValidateNested({ each: true })
  @Type(() => NeedSourceDto)
  sources?: NeedSourceDto[];
  @ApiPropertyOptional({ example: 'high', enum: codes('priorities') }) @IsOptional() @IsString() @SingleLine() @MaxLength(20) statePriority?: string;
}
