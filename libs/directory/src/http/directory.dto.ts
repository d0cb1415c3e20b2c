import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsEmail, IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { codelists, type CodelistName } from '@ta/codelists';
import { IsCalendarDate, PlainText, SingleLine } from '@ta/platform/http';
import { ORGANISATION_ID, PREVENTION_ARTICLES, PROPOSABLE_KINDS } from '../domain';

const codes = (list: CodelistName) => codelists.list(list).map((item) => item.code);
const NAME = { maxLength: 300, description: 'One line, non-blank (400 `text.invalid`)' };

/** Names in the languages the organisation gives (at least one; checked in the domain: 400 `text.invalid`). */
export class NamesDto {
  @ApiPropertyOptional({ ...NAME, example: 'هيئة الأخلاقيات ومكافحة الفساد' }) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) ar?: string;
  @ApiPropertyOptional({ ...NAME, example: 'Ethics and Anti-Corruption Commission' }) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) en?: string;
  @ApiPropertyOptional(NAME) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) es?: string;
  @ApiPropertyOptional({ ...NAME, example: "Commission d'éthique et de lutte contre la corruption" }) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) fr?: string;
  @ApiPropertyOptional(NAME) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) ru?: string;
  @ApiPropertyOptional(NAME) @IsOptional() @IsString() @SingleLine() @MaxLength(1000) zh?: string;
}

class DetailsDto {
  @ApiProperty({ type: NamesDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => NamesDto) names!: NamesDto;
  @ApiProperty({ type: [String], maxItems: 5, example: ['Integrity Centre, Valley Road, Nairobi'], description: 'Postal addresses, one line each' })
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @SingleLine({ each: true })
  @MaxLength(500, { each: true })
  addresses!: string[];
  @ApiPropertyOptional({ type: String, nullable: true, example: 'https://eacc.go.ke', description: 'http(s) address' }) @IsOptional() @IsString() @SingleLine() @MaxLength(500) website?: string | null;
}

const IATI_DOC = {
  type: String,
  nullable: true,
  example: 'XM-DAC-41301',
  description:
    "IATI organisation identifier: a registration agency prefix of IATI's OrganisationRegistrationAgency codelist, a hyphen and the organisation's number in that list (400 `directory.invalid_iati_identifier`)",
};

export class ProposeOrganisationDto extends DetailsDto {
  @ApiProperty({ example: 'donor-norad', pattern: ORGANISATION_ID.source, description: "The directory's id: a provider's tokens name it as `organisation`" })
  @IsString()
  @Length(2, 64)
  organisationId!: string;
  @ApiProperty({ enum: PROPOSABLE_KINDS, example: 'donor_agency', description: 'A national authority is notified by its State (POST /directory/authorities)' }) @IsIn(PROPOSABLE_KINDS) kind!: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: codes('countries'), example: 'NO', description: 'ISO 3166-1 alpha-2; none for an intergovernmental organisation' })
  @IsOptional()
  @IsString()
  @Length(2, 2)
  country?: string | null;
  @ApiPropertyOptional(IATI_DOC) @IsOptional() @IsString() @SingleLine() @MaxLength(300) iatiIdentifier?: string | null;
}

export class ChangeOrganisationDetailsDto extends DetailsDto {
  @ApiPropertyOptional(IATI_DOC) @IsOptional() @IsString() @SingleLine() @MaxLength(300) iatiIdentifier?: string | null;
}

export class ContactPointDto {
  @ApiProperty({ example: 'Amina Njoroge', maxLength: 200 }) @IsString() @SingleLine() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'amina.njoroge@example.go.ke', format: 'email' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '+254 20 000000', maxLength: 50 }) @IsOptional() @IsString() @SingleLine() @MaxLength(50) phone?: string | null;
}

class AreasDto extends DetailsDto {
  @ApiProperty({ example: ['art-6', 'art-9'], enum: PREVENTION_ARTICLES, isArray: true, minItems: 1, maxItems: 10, description: 'UNCAC articles 5-14 (400 `directory.article_not_in_prevention` otherwise)' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @SingleLine({ each: true })
  articles!: string[];
  @ApiProperty({ example: ['c2-capacity-building'], enum: codes('ta-types'), isArray: true, minItems: 1, maxItems: 20 }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @SingleLine({ each: true }) taTypes!: string[];
  @ApiProperty({ example: ['en', 'fr'], enum: codes('languages'), isArray: true, minItems: 1, maxItems: 6, description: 'Working languages' }) @IsArray() @ArrayMaxSize(6) @IsString({ each: true }) @SingleLine({ each: true }) languages!: string[];
  @ApiProperty({ type: String, format: 'date', example: '2026-01-15', description: 'The date of the notification to the Secretary-General (not in the future)' }) @IsCalendarDate() notifiedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null, description: 'The note verbale the Secretariat records the notification from: required from the Secretariat, none from the State' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @MaxLength(200)
  noteVerbale?: string | null;
  @ApiPropertyOptional({ type: ContactPointDto, nullable: true, description: 'Personal data: shown to signed-in users only, never published on Kafka or in the public directory' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactPointDto)
  contactPoint?: ContactPointDto | null;
}

export class NotifyAuthorityDto extends AreasDto {
  @ApiProperty({ example: 'ke-eacc-2', pattern: ORGANISATION_ID.source, description: "The directory's id for the authority: its tokens name it as `organisation`" })
  @IsString()
  @Length(2, 64)
  organisationId!: string;
  @ApiProperty({ enum: codes('countries'), example: 'KE', description: "The notifying State (a State focal point notifies for its own State)" }) @IsString() @Length(2, 2) country!: string;
  @ApiPropertyOptional(IATI_DOC) @IsOptional() @IsString() @SingleLine() @MaxLength(300) iatiIdentifier?: string | null;
}

export class ChangeAuthorityNotificationDto extends AreasDto {}

export class WithdrawAuthorityDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-02-01', description: 'The date of the notification of the withdrawal' }) @IsCalendarDate() notifiedOn!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null, description: 'Required from the Secretariat (the note verbale it records), none from the State' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @MaxLength(200)
  noteVerbale?: string | null;
  @ApiProperty({ example: 'Merged into the new integrity agency', maxLength: 1000 }) @IsString() @PlainText() @MaxLength(1000) reason!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Registration under review', maxLength: 1000, description: 'Non-blank (400 `input.reason_required`)' }) @IsString() @PlainText() @MaxLength(1000) reason!: string;
}

export class MapProviderIdsDto {
  @ApiProperty({ type: [String], example: ['giz'], minItems: 1, maxItems: 20, description: 'Provider ids recorded on offers before the directory, now this organisation' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @SingleLine({ each: true })
  @MaxLength(100, { each: true })
  providerIds!: string[];
}
