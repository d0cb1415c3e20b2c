import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CommandResponse } from '../command-http';

export class LogPositionResponseDto {
  @ApiProperty({ description: 'The commit, a decimal string (it can exceed 2^53)', example: '1042' }) commit!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 }) position!: number;
}

/** What every command answers (and its ETag, the version). */
export class CommandResponseDto implements CommandResponse {
  [createdId: string]: unknown;
  @ApiProperty({ description: 'The request, offer or engagement the command was about (or created)', example: '0b8f3c1e-5d2a-4f7b-9c41-2a6d8e9f0a11' }) id!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The stream version after the command; also the ETag', example: 2 }) version!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Pass to queries as `minPosition` to read your own write', example: 1043 }) globalPosition!: number;
  @ApiProperty({ type: LogPositionResponseDto, nullable: true, description: 'Where the last event stands in the all-stream (null on an adapter without one)' })
  logPosition!: LogPositionResponseDto | null;
  @ApiProperty({ type: [String], description: 'The types of the events appended (or appended by the first request, on a replay)', example: ['RequestTriaged'] })
  events!: string[];
  @ApiPropertyOptional({
    description:
      "The correlation id of the command's events (X-Correlation-Id, or a new one); the platform's own steps that follow carry it too. Pass it to queries as `settled` to read once they are done",
    example: '3f2c9d1e-8a51-4c3e-9d2e-1f7b6a0c4e55',
  })
  correlationId?: string;
  @ApiProperty({ description: 'true: the answer of an earlier request with the same Idempotency-Key; nothing was appended' }) replayed!: boolean;
}

/** `POST /engagements/:id/milestones` answers with the milestone it planned too. */
export class MilestonePlannedResponseDto extends CommandResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The milestone planned' }) milestoneId!: string;
}
