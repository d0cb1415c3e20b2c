import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, ORGANISATION_STATUSES } from '../domain';
import { ContactPointDto, NamesDto } from './directory.dto';

class LogPositionDto {
  @ApiProperty({ description: 'The commit, a decimal string', example: '1042' }) commit!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) position!: number;
}

/** What every directory command answers (and its ETag, the version): as the case's commands. */
export class DirectoryCommandResponseDto {
  @ApiProperty({ description: 'The organisation the command was about (or entered)', example: 'ke-eacc' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: "The organisation stream's version after the command; also the ETag", example: 2 }) version!: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 1043 }) globalPosition!: number;
  @ApiProperty({ type: LogPositionDto, nullable: true }) logPosition!: LogPositionDto | null;
  @ApiProperty({ type: [String], example: ['AuthorityNotified'] }) events!: string[];
  @ApiPropertyOptional({ example: '3f2c9d1e-8a51-4c3e-9d2e-1f7b6a0c4e55' }) correlationId?: string;
  @ApiProperty() replayed!: boolean;
}

export class AuthorityEntryDto {
  @ApiProperty({ type: [String], example: ['art-6', 'art-9'] }) articles!: string[];
  @ApiProperty({ type: [String], example: ['c2-capacity-building'] }) taTypes!: string[];
  @ApiProperty({ type: [String], example: ['en'] }) languages!: string[];
  @ApiProperty({ type: String, format: 'date', description: 'The date of the notification in force' }) notifiedOn!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['state', 'note_verbale'], description: 'How the notification in force came: from the State on the platform, or recorded from a note verbale' })
  channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) noteVerbale!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Once withdrawn: the date of the withdrawal' }) withdrawnOn!: string | null;
  @ApiProperty({ type: ContactPointDto, nullable: true, description: 'Personal data: signed-in readers only' }) contactPoint!: ContactPointDto | null;
}

export class OrganisationViewDto {
  @ApiProperty({ example: 'ke-eacc' }) id!: string;
  @ApiProperty({ description: "The name in the reader's language (`lang`), else English, else the first given" }) name!: string;
  @ApiProperty({ type: NamesDto }) names!: NamesDto;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: string;
  @ApiProperty({ enum: ORGANISATION_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: "ISO 3166-1 alpha-2: an authority's State, an organisation's country" }) country!: string | null;
  @ApiProperty({ type: String, nullable: true }) iatiIdentifier!: string | null;
  @ApiProperty({ type: [String] }) addresses!: string[];
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: [String], description: 'Provider ids recorded before the directory that name this organisation' }) providerIds!: string[];
  @ApiProperty({ type: AuthorityEntryDto, nullable: true, description: "A national authority's notification; null for the other kinds" }) authority!: AuthorityEntryDto | null;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationViewDto] }) items!: OrganisationViewDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'How many entries match, over all pages' }) total!: number;
}

export class PublicAuthorityDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 of the notifying State' }) country!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: NamesDto }) names!: NamesDto;
  @ApiProperty({ type: [String] }) addresses!: string[];
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: [String] }) articles!: string[];
  @ApiProperty({ type: [String] }) taTypes!: string[];
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: String, format: 'date' }) notifiedOn!: string;
}

export class PublicDirectoryDto {
  @ApiProperty({ type: [PublicAuthorityDto], description: 'Notified authorities by State; no contact points' }) items!: PublicAuthorityDto[];
}

export class ProviderIdMappingDto {
  @ApiProperty({ example: 'giz' }) providerId!: string;
  @ApiProperty({ example: 'donor-giz' }) organisationId!: string;
  @ApiProperty({ format: 'date-time' }) mappedAt!: string;
}

export class ProviderIdMappingListDto {
  @ApiProperty({ type: [ProviderIdMappingDto] }) items!: ProviderIdMappingDto[];
}
