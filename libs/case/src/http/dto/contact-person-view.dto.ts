import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ContactPersonView, ErasureView, PersonalDataReadsView } from '../../application/contact-person';

export class ContactPersonResponseDto {
  @ApiProperty({ example: 'Amina Njoroge' }) name!: string;
  @ApiProperty({ example: 'focal.point@example.go.ke' }) email!: string;
}

/** `GET /requests/:id/contact-person` (personal data). */
export class ContactPersonViewDto implements ContactPersonView {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ type: ContactPersonResponseDto, nullable: true, description: "null: the State named nobody, or the contact person's data was erased (`erasedAt`)" })
  contactPerson!: ContactPersonResponseDto | null;
  @ApiPropertyOptional({ format: 'date-time', description: "When the contact person's data was erased" }) erasedAt?: string;
}

/** `POST /requests/:id/contact-person/erasure`. */
export class ErasureViewDto implements ErasureView {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ description: 'false: it had already been erased; nothing more was done' }) erasedNow!: boolean;
}

export class PersonalDataReaderDto {
  @ApiProperty({ description: "The token's subject", example: 'officer-1' }) id!: string;
  @ApiProperty({ example: 'secretariat' }) role!: string;
  @ApiPropertyOptional({ example: 'KE' }) country?: string;
  @ApiPropertyOptional({ example: 'donor-giz' }) organisation?: string;
}

export class PersonalDataSubjectDto {
  @ApiProperty({ enum: ['contact_person'] }) kind!: 'contact_person';
  @ApiProperty({ format: 'uuid' }) requestId!: string;
}

export class PersonalDataReadDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The read\'s place in its stream (1 = the first ever)' }) sequence!: number;
  @ApiProperty({ type: PersonalDataSubjectDto }) subject!: PersonalDataSubjectDto;
  @ApiProperty({ type: PersonalDataReaderDto }) reader!: PersonalDataReaderDto;
  @ApiProperty({ description: 'The route that served it', example: 'GET /requests/{id}/contact-person' }) route!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** `GET /requests/:id/contact-person/reads`. */
export class PersonalDataReadsViewDto implements PersonalDataReadsView {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Reads before this are not listed (PERSONAL_DATA_READS_RETENTION_DAYS); null: all' }) since!: string | null;
  @ApiProperty({ type: [PersonalDataReadDto], description: 'Newest first' }) reads!: PersonalDataReadDto[];
}
