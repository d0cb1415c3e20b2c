import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, PlainText, SingleLine } from '@ta/platform/http';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { REASON_MAX_LENGTH } from '../../domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const TEXT = { maxLength: 10000, description: 'Non-blank; the field sets its own limit (title 200, description 5000, message 2000 code points). Line feeds and tabs kept; other control characters refused' };
const TITLE = { maxLength: 10000, description: 'Non-blank, one line (no control characters); the field sets its own limit (title 200 code points)' };

/**
 * Free text over several lines (descriptions, questions, answers, comments) tagged by UN
 * language; at least one entry (checked in the domain: 400 `text.invalid`). Line feeds and tabs
 * are kept; other control characters are refused (`@PlainText`).
 */
export class LocalizedTextDto {
  @ApiPropertyOptional({ ...TEXT, example: 'دعم تصميم نظام للتحقق من إقرارات الذمة المالية' }) @IsOptional() @IsString() @PlainText() @MaxLength(10000) ar?: string;
  @ApiPropertyOptional({ ...TEXT, example: 'Support to design a risk-based verification of asset declarations.\nTwo workshops.' }) @IsOptional() @IsString() @PlainText() @MaxLength(10000) en?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @PlainText() @MaxLength(10000) es?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @PlainText() @MaxLength(10000) fr?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @PlainText() @MaxLength(10000) ru?: string;
  @ApiPropertyOptional(TEXT) @IsOptional() @IsString() @PlainText() @MaxLength(10000) zh?: string;
}

/** A title tagged by UN language: one line each (`@SingleLine`); at least one entry (checked in the domain). */
export class LocalizedTitleDto {
  @ApiPropertyOptional({ ...TITLE, example: 'تعزيز نظام إقرارات الذمة المالية' }) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) ar?: string;
  @ApiPropertyOptional({ ...TITLE, example: 'Strengthen the asset declaration system' }) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) en?: string;
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) es?: string;
  @ApiPropertyOptional({ ...TITLE, example: 'Renforcer le système de déclaration de patrimoine' }) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) fr?: string;
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) ru?: string;
  @ApiPropertyOptional(TITLE) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) zh?: string;
}

/** A calendar date as the API takes it: a day that exists (2026-02-31 is refused, not rolled over). */
export const DATE_DOC = { type: String, format: 'date', pattern: DATE.source } as const;

/** From and to, both included; `from` after `to`: 400 `input.window_invalid`. */
export class DateWindowDto {
  @ApiProperty({ ...DATE_DOC, example: '2027-01-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ ...DATE_DOC, example: '2027-12-31' }) @IsCalendarDate() to!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'The need is now covered by a national programme', minLength: 1, maxLength: REASON_MAX_LENGTH, description: 'Non-blank (400 `input.reason_required`)' })
  @IsString()
  @PlainText()
  @MaxLength(REASON_MAX_LENGTH)
  reason!: string;
}
