import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Free text tagged by UN language; at least one entry (checked in the domain). */
export class LocalizedTextDto {
  @ApiPropertyOptional({ example: 'تعزيز نظام إقرارات الذمة المالية' }) @IsOptional() @IsString() @MaxLength(10000) ar?: string;
  @ApiPropertyOptional({ example: 'Strengthen the asset declaration system' }) @IsOptional() @IsString() @MaxLength(10000) en?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) es?: string;
  @ApiPropertyOptional({ example: 'Renforcer le système de déclaration de patrimoine' }) @IsOptional() @IsString() @MaxLength(10000) fr?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) ru?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) zh?: string;
}

export class DateWindowDto {
  @ApiProperty({ example: '2027-01-01' }) @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2027-12-31' }) @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' }) to!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'The need is now covered by a national programme', maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

export const DATE_PATTERN = DATE;
