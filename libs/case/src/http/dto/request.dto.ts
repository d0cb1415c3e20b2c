import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { codelists, type CodelistName } from '@ta/codelists';
import { REQUEST_TEXT_LIMITS as LIMITS } from '../../domain';
import { SingleLine } from '@ta/platform/http';
import { DateWindowDto, LocalizedTextDto, LocalizedTitleDto } from './common.dto';

/** The codes of a codelist, for the document (the domain checks them: 400 `codelist.unknown_code`). */
export const codes = (list: CodelistName) => codelists.list(list).map((item) => item.code);

export class FindingRefDto {
  @ApiProperty({ type: 'integer', enum: [1, 2], example: 2 }) @IsInt() @Min(1) @Max(2) reviewCycle!: 1 | 2;
  @ApiProperty({ example: 'Executive summary, art. 8 para 5, recommendation 3', minLength: 1, maxLength: LIMITS.findingReference }) @IsString() @SingleLine() @Length(1, LIMITS.findingReference) reference!: string;
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
  @ApiPropertyOptional({ type: FindingRefDto }) @IsOptional() @ValidateNested() @Type(() => FindingRefDto) findingRef?: FindingRefDto;
  @ApiProperty({ example: false, description: 'Visible only to the State, the Secretariat and engaged providers' }) @IsBoolean() restricted!: boolean;
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
