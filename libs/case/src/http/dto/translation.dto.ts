import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGE_CODES } from '@ta/codelists';
import { PlainText } from '@ta/platform/http';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';

/** A text's path: segments of letters, digits and `-` separated by `/` (the ids of milestones are UUIDs). */
const TEXT_PATH = /^[A-Za-z0-9-]{1,64}(\/[A-Za-z0-9-]{1,64}){0,5}$/;

/**
 * A translation of one of a case's texts into a UN language (the text checks are the
 * domain's: 400 `text.unknown`, `text.invalid`; 409 `text.original_language`).
 */
export class TranslateTextDto {
  @ApiProperty({
    example: 'description',
    pattern: TEXT_PATH.source,
    description:
      'The text, by its path: a request\'s `title`, `description`, `beneficiaryInstitution`, `clarifications/<n>/question`, `clarifications/<n>/answer`, `declineReason`, `withdrawalReason`, `followUpComment`; an offer\'s `title`, `description`, `withdrawalReason`; an engagement\'s `reasons/<i>`, `declineReason`, `cancellationReason`, `milestones/<id>/title`, `milestones/<id>/disputes/<n>/reason`, `milestones/<id>/reschedules/<n>/reason`',
  })
  @IsString()
  @Matches(TEXT_PATH)
  text!: string;

  @ApiProperty({ enum: LANGUAGE_CODES, example: 'fr', description: 'A UN language the author did not write the text in' })
  @IsIn(LANGUAGE_CODES)
  language!: string;

  @ApiProperty({ example: 'Appui à la conception d’une vérification des déclarations de patrimoine', minLength: 1, maxLength: 5000, description: 'Non-blank, at most 5000 code points; line feeds and tabs kept' })
  @IsString()
  @PlainText()
  @MaxLength(10000)
  translation!: string;
}
