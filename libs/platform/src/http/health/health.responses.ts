import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
}

const CHECKS = {
  type: 'object' as const,
  description: '`database`, `migrations` and `consumer:<name>` for each consumer of the process',
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] }, detail: { type: 'string' } }, required: ['status'] },
};

export class ReadinessDto {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
  @ApiProperty(CHECKS) checks!: Record<string, { status: 'up' | 'down'; detail?: string }>;
}

@ApiSchema({ name: 'LogPosition' })
export class LogPositionDto {
  @ApiProperty({ description: 'The commit, a decimal string (it can exceed 2^53)', example: '1042' }) commit!: string;
  @ApiProperty({ type: 'integer', example: 0 }) position!: number;
}

export class ConsumerErrorDto {
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ConsumerStatusDto {
  @ApiProperty({ example: 'coordination' }) name!: string;
  @ApiProperty({ description: 'Its loop runs in this process (active, or on standby)' }) running!: boolean;
  @ApiProperty({ description: "Holds the consumer's lock in this process" }) active!: boolean;
  @ApiProperty({ type: LogPositionDto }) checkpoint!: LogPositionDto;
  @ApiProperty({ type: LogPositionDto }) head!: LogPositionDto;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events committed after the checkpoint, counted up to a limit' }) lagEvents!: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) updatedAt!: string | null;
  @ApiPropertyOptional({ type: ConsumerErrorDto }) lastError?: ConsumerErrorDto;
  @ApiPropertyOptional({ description: 'Why a running consumer does not read yet' }) detail?: string;
}

export class ConsumersDto {
  @ApiProperty({ type: [ConsumerStatusDto] }) consumers!: ConsumerStatusDto[];
}

export class IntegrityHealthDto {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
  @ApiProperty({ type: 'integer', enum: [0], description: 'Open integrity alarms (none)' }) alarms!: number;
}
