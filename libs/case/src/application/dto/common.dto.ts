import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, PlainText, SingleLine } from '@ta/platform';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Free text over several lines (descriptions, questions, answers, comments) tagged by UN
 * language; at least one entry (checked in the domain). Line feeds and tabs are kept; other
 * control characters are refused (`@PlainText`).
 */
export class LocalizedTextDto {
  @ApiPropertyOptional({ example: 'دعم تصميم نظام للتحقق من إقرارات الذمة المالية' }) @IsOptional() @IsString() @PlainText() @MaxLength(10000) ar?: string;
  @ApiPropertyOptional({ example: 'Support to design a risk-based verification of asset declarations.\nTwo workshops.' }) @IsOptional() @IsString() @PlainText() @MaxLength(10000) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @PlainText() @MaxLength(10000) es?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @PlainText() @MaxLength(10000) fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @PlainText() @MaxLength(10000) ru?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @PlainText() @MaxLength(10000) zh?: string;
}

/** A title tagged by UN language: one line each (`@SingleLine`); at least one entry (checked in the domain). */
export class LocalizedTitleDto {
  @ApiPropertyOptional({ example: 'تعزيز نظام إقرارات الذمة المالية' }) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) ar?: string;
  @ApiPropertyOptional({ example: 'Strengthen the asset declaration system' }) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @MaxLength(10000) es?: string;
  @ApiPropertyOptional({ example: 'Renforcer le système de déclaration de patrimoine' }) @IsOptional() @IsString() @SingleLine() @MaxLength(10000) fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @MaxLength(10000) ru?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @MaxLength(10000) zh?: string;
}

export class DateWindowDto {
  @ApiProperty({ example: '2027-01-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2027-12-31' }) @IsCalendarDate() to!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'The need is now covered by a national programme', maxLength: 1000 })
  @IsString()
  @PlainText()
  @MaxLength(1000)
  reason!: string;
}
