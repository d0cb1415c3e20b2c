import { ApiProperty } from '@nestjs/swagger';
import type { ContactPersonView } from '../../application/contact-person';

export class ContactPersonResponseDto {
  @ApiProperty({ example: 'Amina Njoroge' }) name!: string;
  @ApiProperty({ example: 'focal.point@example.go.ke' }) email!: string;
}

/** `GET /requests/:id/contact-person` (personal data). */
export class ContactPersonViewDto implements ContactPersonView {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty({ type: ContactPersonResponseDto, nullable: true, description: 'null: the State named nobody' }) contactPerson!: ContactPersonResponseDto | null;
}
