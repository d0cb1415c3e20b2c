import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const TEXT = { maxLength: 10000, description: 'Non-blank; the field sets its own limit (title 200, description 5000, message 2000 code points)' };

/** Free text tagged by UN language; at least one entry (checked in the domain: 400 `text.invalid`). */
export class LocalizedTextDto {
  @ApiPropertyOptional({ ...TEXT, example: 'تعزيز نظام إقرارات الذمة المالية' }) @IsOptional() @IsString() @MaxLength(10000) ar?: string;
  @ApiPropertyOptional({ ...TEXT, example: 'Strengthen the asset declaration system' }) @IsOptional() @IsString() @MaxLength(10000) en?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @MaxLength(10000) es?: string;
  @ApiPropertyOptional({ ...TEXT, example: 'Renforcer le système de déclaration de patrimoine' }) @IsOptional() @IsString() @MaxLength(10000) fr?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @MaxLength(10000) ru?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @MaxLength(10000) zh?: string;
}

/** A calendar date as the API takes it. */
export const DATE_DOC = { type: String, format: 'date', pattern: DATE.source } as const;

/** From and to, both included; `from` after `to`: 400 `input.window_invalid`. */
export class DateWindowDto {
  @ApiProperty({ ...DATE_DOC, example: '2027-01-01' }) @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from!: string;
  @ApiProperty({ ...DATE_DOC, example: '2027-12-31' }) @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'The need is now covered by a national programme', minLength: 1, maxLength: 1000, description: 'Non-blank (400 `input.reason_required`)' })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export const DATE_PATTERN = DATE;
