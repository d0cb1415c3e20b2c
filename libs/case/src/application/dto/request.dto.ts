import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SingleLine } from '@ta/platform';
import { DateWindowDto, LocalizedTextDto, LocalizedTitleDto } from './common.dto';

export class FindingRefDto {
  @ApiProperty({ enum: [1, 2], example: 2 }) @IsInt() @Min(1) @Max(2) reviewCycle!: 1 | 2;
  @ApiProperty({ example: 'Executive summary, art. 8 para 5, recommendation 3' }) @IsString() @SingleLine() @Length(1, 300) reference!: string;
}

export class ContactPersonDto {
  @ApiProperty({ example: 'Amina Njoroge' }) @IsString() @SingleLine() @Length(1, 200) name!: string;
  @ApiProperty({ example: 'focal.point@example.go.ke' }) @IsEmail() @MaxLength(254) email!: string;
}

export class SubmitRequestDto {
  @ApiProperty({ example: 'KE', description: 'ISO 3166-1 alpha-2; a State focal point submits for its own country' })
  @IsString()
  @SingleLine()
  @Length(2, 2)
  country!: string;

  @ApiProperty({ type: LocalizedTitleDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTitleDto) title!: LocalizedTitleDto;
  @ApiProperty({ type: LocalizedTextDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTextDto) description!: LocalizedTextDto;

  @ApiProperty({ example: ['art-8', 'art-9'], description: 'UNCAC article codes (codelist uncac-articles)' })
  @IsArray()
  @ArrayMaxSize(71)
  @IsString({ each: true })
  @SingleLine({ each: true })
  suggestedArticles!: string[];

  @ApiProperty({ example: ['c2-capacity-building'], description: 'TA type codes (codelist ta-types)' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  suggestedTaTypes!: string[];

  @ApiProperty({ example: 'Ethics and Anti-Corruption Commission' }) @IsString() @SingleLine() @Length(1, 300) beneficiaryInstitution!: string;

  @ApiProperty({ example: ['en'], description: 'ar, en, es, fr, ru, zh' })
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
  @ApiProperty({ example: ['art-8'] }) @IsArray() @ArrayMaxSize(71) @IsString({ each: true }) @SingleLine({ each: true }) articles!: string[];
  @ApiProperty({ example: ['c2-capacity-building'] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @SingleLine({ each: true }) taTypes!: string[];
  @ApiProperty({ example: 'high', enum: ['high', 'medium', 'low'] }) @IsString() @SingleLine() @MaxLength(20) priority!: string;
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
