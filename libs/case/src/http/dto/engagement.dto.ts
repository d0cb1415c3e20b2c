import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsCalendarDate, PlainText, SingleLine } from '@ta/platform/http';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ENGAGEMENT_TEXT_LIMITS, REASON_MAX_LENGTH } from '../../domain';
import { DATE_DOC, LocalizedTextDto, LocalizedTitleDto } from './common.dto';

export class ProposeEngagementDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() requestId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() offerId!: string;
  @ApiProperty({ example: '50000.00', pattern: '^\\d{1,15}(\\.\\d{1,3})?$', description: "Capacity to commit, in the offer's unit: a decimal amount for money, whole days for expert-days" })
  @Matches(/^\d{1,15}(\.\d{1,3})?$/, { message: 'amount must be a decimal string such as 1250.50' })
  amount!: string;
  @ApiProperty({ example: 0.82, minimum: 0, maximum: 1 }) @IsNumber() @Min(0) @Max(1) score!: number;
  @ApiProperty({ example: ['article 8 in both', 'eligible country', 'language en in both'], minItems: 1, maxItems: 20, items: { type: 'string', maxLength: ENGAGEMENT_TEXT_LIMITS.proposalReason } })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  @MaxLength(ENGAGEMENT_TEXT_LIMITS.proposalReason, { each: true })
  reasons!: string[];
  @ApiPropertyOptional({
    example: 'unodc',
    minLength: 1,
    maxLength: 100,
    description:
      "The organisation that implements, when another than the offer's provider (who funds): IATI organisation roles funding (1) and implementing (4). A verified organisation of the directory: unknown 400 `engagement.unknown_implementer`, not verified 409 `engagement.implementer_not_verified`",
  })
  @IsOptional()
  @IsString()
  @SingleLine()
  @Length(1, 100)
  implementerId?: string;
}

export class PlanMilestoneDto {
  @ApiProperty({ type: LocalizedTitleDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => LocalizedTitleDto) title!: LocalizedTitleDto;
  @ApiProperty({ ...DATE_DOC, example: '2027-03-31' }) @IsCalendarDate() dueDate!: string;
}

export class RescheduleMilestoneDto {
  @ApiProperty({ ...DATE_DOC, example: '2027-05-31' }) @IsCalendarDate() dueDate!: string;
  @ApiProperty({ example: 'Expert unavailable in April', minLength: 1, maxLength: REASON_MAX_LENGTH }) @IsString() @PlainText() @MaxLength(REASON_MAX_LENGTH) reason!: string;
}

/** The provider's report of a milestone done; the body may be empty (no notes). */
export class ReportMilestoneDto {
  @ApiPropertyOptional({ type: LocalizedTextDto, description: `The provider's notes on what was done, by UN language (at most ${ENGAGEMENT_TEXT_LIMITS.milestoneNotes} characters each); a case text, translatable` })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocalizedTextDto)
  notes?: LocalizedTextDto;
}

/** The provider's answer to the State's dispute of a milestone. */
export class AnswerDisputeDto {
  @ApiProperty({ example: 'The county figures are in annex 2 of the report', minLength: 1, maxLength: REASON_MAX_LENGTH, description: 'Non-blank (400 `input.reason_required`)' })
  @IsString()
  @PlainText()
  @MaxLength(REASON_MAX_LENGTH)
  answer!: string;
}

/** The Secretariat's resolution of a disputed milestone. */
export class ResolveDisputeDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'], example: 'upheld', description: 'upheld: the State was right, the milestone is due again on `dueDate`; dismissed: the report stands, the milestone is confirmed' })
  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';
  @ApiProperty({ example: 'Annex 2 of the report is empty', minLength: 1, maxLength: REASON_MAX_LENGTH }) @IsString() @PlainText() @MaxLength(REASON_MAX_LENGTH) reason!: string;
  @ApiPropertyOptional({ ...DATE_DOC, example: '2027-06-30', description: 'Required when upheld (the new due date), absent when dismissed (400 `input.invalid`)' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;
}
