import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { codelists, LANGUAGE_CODES, type CodelistName } from '@ta/codelists';
import { PlainText, SingleLine } from '@ta/platform/http';
import { PRACTICE_KINDS, PRACTICE_STATUSES, SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH } from '../domain';

const codes = (list: CodelistName) => codelists.list(list).map((item) => item.code);
const TITLE = { maxLength: TITLE_MAX_LENGTH, description: 'One line, non-blank' };
const SUMMARY = { maxLength: SUMMARY_MAX_LENGTH, description: 'Plain text, paragraphs allowed' };

/** A title in the language(s) the practice is written in (at least one; 400 `input.invalid`). */
export class PracticeTitleDto {
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) ar?: string;
  @ApiPropertyOptional({ ...TITLE, example: 'Electronic public procurement platform' }) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) en?: string;
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) es?: string;
  @ApiPropertyOptional({ ...TITLE, example: 'Plateforme électronique de passation des marchés publics' }) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) fr?: string;
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) ru?: string;
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) zh?: string;
}

export class PracticeSummaryDto {
  @ApiPropertyOptional(SUMMARY) @IsOptional() @IsString() @PlainText() @MaxLength(20000) ar?: string;
  @ApiPropertyOptional({ ...SUMMARY, example: 'Every procurement procedure published online, with reasoned decisions.' }) @IsOptional() @IsString() @PlainText() @MaxLength(20000) en?: string;
  @ApiPropertyOptional(SUMMARY) @IsOptional() @IsString() @PlainText() @MaxLength(20000) es?: string;
  @ApiPropertyOptional({ ...SUMMARY, example: 'Toutes les procédures publiées en ligne, avec les décisions motivées.' }) @IsOptional() @IsString() @PlainText() @MaxLength(20000) fr?: string;
  @ApiPropertyOptional(SUMMARY) @IsOptional() @IsString() @PlainText() @MaxLength(20000) ru?: string;
  @ApiPropertyOptional(SUMMARY) @IsOptional() @IsString() @PlainText() @MaxLength(20000) zh?: string;
}

export class SubmitPracticeDto {
  @ApiProperty({ enum: PRACTICE_KINDS, example: 'good_practice' }) @IsIn(PRACTICE_KINDS) kind!: string;
  @ApiProperty({ type: PracticeTitleDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => PracticeTitleDto) title!: PracticeTitleDto;
  @ApiProperty({ type: PracticeSummaryDto, description: 'In the same language(s) as the title' }) @IsDefined() @IsObject() @ValidateNested() @Type(() => PracticeSummaryDto) summary!: PracticeSummaryDto;
  @ApiProperty({ type: [String], enum: codes('uncac-articles'), example: ['art-9'], description: 'UNCAC articles (codelist uncac-articles), 1 to 71' })
  @IsArray()
  @ArrayMaxSize(71)
  @IsString({ each: true })
  articles!: string[];
  @ApiProperty({ type: [String], enum: codes('practice-themes'), example: ['public-procurement'], description: 'Themes of resolution 3/2 (codelist practice-themes)' })
  @IsArray()
  @ArrayMaxSize(12)
  @IsString({ each: true })
  themes!: string[];
  @ApiProperty({ type: [String], example: ['SN'], description: 'The countries it comes from (ISO 3166-1 alpha-2), possibly none' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  countries!: string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The engagements it grew out of (a lesson learned names at least one)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  engagementIds?: string[];
}

export class TranslatePracticeDto {
  @ApiProperty({ enum: LANGUAGE_CODES, example: 'en' }) @IsIn(LANGUAGE_CODES) language!: string;
  @ApiProperty({ maxLength: TITLE_MAX_LENGTH }) @IsString() @SingleLine() @MaxLength(1000) title!: string;
  @ApiProperty({ maxLength: SUMMARY_MAX_LENGTH }) @IsString() @PlainText() @MaxLength(20000) summary!: string;
}

export class WithdrawPracticeDto {
  @ApiProperty({ maxLength: 1000, example: 'Superseded by the 2026 edition' }) @IsString() @PlainText() @MaxLength(5000) reason!: string;
}

class LogPositionDto {
  @ApiProperty({ description: 'The commit, a decimal string', example: '1042' }) commit!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) position!: number;
}

export class PracticeCommandResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The practice the command was about (or submitted)' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: "The practice stream's version after the command; also the ETag" }) version!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) globalPosition!: number;
  @ApiProperty({ type: LogPositionDto, nullable: true }) logPosition!: LogPositionDto | null;
  @ApiProperty({ type: [String], example: ['PracticeSubmitted'] }) events!: string[];
  @ApiPropertyOptional({ format: 'uuid' }) correlationId?: string;
  @ApiProperty() replayed!: boolean;
}

export class PracticeDocumentDto {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content: its address' }) sha256!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'Detected from the content' }) mediaType!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ type: String, nullable: true, description: 'ar, en, es, fr, ru or zh: the language of its text, where given' }) language!: string | null;
  @ApiProperty({ description: 'Where to download it' }) href!: string;
}

export class ContributorDto {
  @ApiProperty({ type: String, nullable: true, description: 'Directory organisation id' }) organisation!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-2 of the contributing State' }) country!: string | null;
}

export class PracticeViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PRACTICE_KINDS }) kind!: string;
  @ApiProperty({ enum: PRACTICE_STATUSES }) status!: string;
  @ApiProperty({ type: PracticeTitleDto, description: 'Originals and translations' }) title!: PracticeTitleDto;
  @ApiProperty({ type: PracticeSummaryDto }) summary!: PracticeSummaryDto;
  @ApiProperty({ type: [String], description: 'The languages it was written in; the others are translations' }) originalLanguages!: string[];
  @ApiProperty({ type: [String] }) articles!: string[];
  @ApiProperty({ type: [String] }) themes!: string[];
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ type: [String] }) engagementIds!: string[];
  @ApiProperty({ type: ContributorDto }) contributor!: ContributorDto;
  @ApiProperty({ type: [PracticeDocumentDto] }) documents!: PracticeDocumentDto[];
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class PracticePageDto {
  @ApiProperty({ type: [PracticeViewDto] }) items!: PracticeViewDto[];
  @ApiProperty({ type: 'integer', description: 'Practices matching the filters (that the reader may see)' }) total!: number;
}

export class PracticeListDto {
  @ApiProperty({ type: [PracticeViewDto] }) items!: PracticeViewDto[];
}

export class DigestCountDto {
  @ApiProperty({ description: 'A practice-themes, uncac-articles or kind code' }) code!: string;
  @ApiProperty({ type: 'integer', description: 'Practices submitted in the period' }) submitted!: number;
  @ApiProperty({ type: 'integer', description: 'Practices published in the period' }) published!: number;
}

export class PracticeDigestDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive' }) to!: string;
  @ApiProperty({ type: [DigestCountDto] }) byTheme!: DigestCountDto[];
  @ApiProperty({ type: [DigestCountDto] }) byArticle!: DigestCountDto[];
  @ApiProperty({ type: [DigestCountDto] }) byKind!: DigestCountDto[];
  @ApiProperty({ type: [PracticeViewDto], description: 'Published in the period' }) published!: PracticeViewDto[];
}

export class LessonInvitationDto {
  @ApiProperty({ format: 'uuid', description: 'The delivered engagement' }) engagementId!: string;
  @ApiProperty({ format: 'uuid', description: 'Its request (the case)' }) requestId!: string;
  @ApiProperty({ enum: ['provider', 'state'], description: 'The party the reader stands for in it' }) party!: string;
  @ApiProperty({ description: 'The provider (directory id)' }) providerId!: string;
  @ApiProperty({ description: 'The recipient State (ISO 3166-1 alpha-2)', example: 'KE' }) country!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was completed' }) deliveredAt!: string;
}

export class LessonsAwaitingDto {
  @ApiProperty({ type: [LessonInvitationDto], description: "A State's or a provider's delivered engagements awaiting its lesson (neither recorded nor dismissed)" }) invitations!: LessonInvitationDto[];
  @ApiProperty({ type: [PracticeViewDto], description: "For the Secretariat: the lessons recorded and not yet published" }) toReview!: PracticeViewDto[];
}
